// Writes packages/schemas/json-schema/*.json from the zod contracts.
// `--check` exits 1 (and names the files) when the checked-in copies are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMAS, jsonSchemaOf } from '../src/index.js';

const dir = fileURLToPath(new URL('../json-schema/', import.meta.url));
const check = process.argv.includes('--check');
const stale: string[] = [];
for (const name of Object.keys(JSON_SCHEMAS) as (keyof typeof JSON_SCHEMAS)[]) {
  const file = `${dir}${name}.schema.json`;
  const text = `${JSON.stringify(jsonSchemaOf(name), null, 2)}\n`;
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (current === text) continue;
  if (check) stale.push(file);
  else {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}
if (stale.length > 0) {
  console.error(`stale JSON Schema (run 'pnpm schemas:generate'): ${stale.join(', ')}`);
  process.exit(1);
}
