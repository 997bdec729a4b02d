import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMAS, jsonSchemaOf } from './json-schema.js';

describe('checked-in JSON Schema', () => {
  it.each(Object.keys(JSON_SCHEMAS) as (keyof typeof JSON_SCHEMAS)[])(
    '%s matches the zod contract (run `pnpm schemas:generate` when this fails)',
    (name) => {
      const file = new URL(`../json-schema/${name}.schema.json`, import.meta.url);
      const checkedIn: unknown = JSON.parse(readFileSync(file, 'utf8'));
      expect(checkedIn).toEqual(jsonSchemaOf(name));
    },
  );

  it('describes the channel union and the required fields for producers', () => {
    const schema = jsonSchemaOf('interaction-event.v1') as {
      oneOf?: { required?: string[] }[];
      anyOf?: { required?: string[] }[];
    };
    const variants = schema.oneOf ?? schema.anyOf ?? [];
    expect(variants).toHaveLength(3);
    for (const v of variants)
      expect(v.required).toEqual(
        expect.arrayContaining(['interactionId', 'revision', 'tenantId', 'channel']),
      );
  });
});
