/**
 * Loads the golden corpus (test/fixtures/golden/*.json): realistic help-desk conversations, each
 * with the exact set of flag codes the scoring engine should raise. Shared by the golden vitest
 * suite and `pnpm eval:golden`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssues, InteractionEvent, toValidationIssues } from '@rapport/schemas';
import { FLAG_CATALOG } from '@rapport/scoring';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const GOLDEN_DIR = join(REPO_ROOT, 'test', 'fixtures', 'golden');

/**
 * Every flag code the corpus must cover: the engine's catalog, so a new code cannot ship without
 * golden conversations that expect it.
 */
export const GOLDEN_FLAG_CODES: readonly string[] = FLAG_CATALOG.map((f) => f.code);

const KNOWN_CODES: ReadonlySet<string> = new Set(GOLDEN_FLAG_CODES);

/** Language of the conversation as named in the file name: `<channel>-<lang>-<topic>-<nn>.json`. */
export const GOLDEN_LANGUAGES = ['en', 'da', 'mixed'] as const;
export type GoldenLanguage = (typeof GOLDEN_LANGUAGES)[number];

export interface GoldenFixture {
  /** File name, e.g. "chat-en-condescension-already-said-01.json". */
  file: string;
  /** Path relative to the repository root, for messages. */
  path: string;
  /** The conversation's language from the file name ("mixed" for code-switching). */
  language: GoldenLanguage;
  description: string;
  expected: { flags: string[]; flagged: boolean };
  event: InteractionEvent;
}

export class GoldenFixtureError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = 'GoldenFixtureError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates one parsed fixture file; throws a GoldenFixtureError naming the file and the JSON path. */
export function parseGoldenFixture(file: string, path: string, raw: unknown): GoldenFixture {
  const fail = (where: string, detail: string) => new GoldenFixtureError(path, `${where}: ${detail}`);
  if (!isRecord(raw)) throw fail('(root)', 'must be an object {description, expected, event}');
  const { description, expected, event } = raw;
  if (typeof description !== 'string' || description.trim() === '') {
    throw fail('description', 'must be a non-empty string');
  }
  if (!isRecord(expected)) throw fail('expected', 'must be an object {flags, flagged}');
  const { flags, flagged } = expected;
  if (!Array.isArray(flags)) throw fail('expected.flags', 'must be an array of flag codes');
  flags.forEach((code, i) => {
    if (typeof code !== 'string' || !KNOWN_CODES.has(code)) {
      throw fail(`expected.flags.${i}`, `unknown flag code ${JSON.stringify(code)}`);
    }
    if (flags.indexOf(code) !== i) throw fail(`expected.flags.${i}`, `duplicate flag code "${code}"`);
  });
  if (typeof flagged !== 'boolean') throw fail('expected.flagged', 'must be true or false');

  const parsed = InteractionEvent.safeParse(event);
  if (!parsed.success) {
    const issues = toValidationIssues(parsed.error).map((i) => ({ ...i, path: `event.${i.path}` }));
    throw new GoldenFixtureError(path, `not a valid InteractionEvent: ${formatIssues(issues)}`);
  }

  const m = /^(email|chat|call)-(en|da|mixed)-[a-z0-9-]+\.json$/.exec(file);
  if (!m) {
    throw fail('(file name)', 'must look like "<email|chat|call>-<en|da|mixed>-<topic>-<nn>.json"');
  }
  if (m[1] !== parsed.data.channel) {
    throw fail('event.channel', `is "${parsed.data.channel}" but the file name says "${m[1]}"`);
  }
  return {
    file,
    path,
    language: m[2] as GoldenLanguage,
    description,
    expected: { flags: [...(flags as string[])].sort(), flagged },
    event: parsed.data,
  };
}

/** Every fixture in `dir`, sorted by file name. Throws on the first file that does not parse. */
export function loadGoldenFixtures(dir: string = GOLDEN_DIR): GoldenFixture[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((file) => {
    const full = join(dir, file);
    const rel = relative(REPO_ROOT, full);
    const path = rel.startsWith('..') ? full : rel;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(full, 'utf8'));
    } catch (err) {
      throw new GoldenFixtureError(path, `invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    return parseGoldenFixture(file, path, raw);
  });
}

/** The distinct flag codes of a scored interaction, sorted (the golden comparison ignores order and repeats). */
export function codeSet(flags: readonly { code: string }[]): string[] {
  return [...new Set(flags.map((f) => f.code))].sort();
}

/** Fixed clock for scoring the corpus, so `scoredAt` (the only time-dependent output) is stable. */
export const goldenClock = (): Date => new Date('2026-09-01T00:00:00Z');
