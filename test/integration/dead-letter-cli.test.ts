import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadLetterKey, sealDeadLetterPayload, type DeadLetter } from '@rapport/schemas';
import { redactAllPii } from '@rapport/scoring';
import { runCli } from '../support/cli.js';
import { chatEvent } from '../support/scorer.js';

// An operator dumps the dead-letter topic to a file, fixes what was wrong, and validates or
// replays it: the records are encrypted, so the CLI opens them with the configured key.
describe('rapport validate on dumped dead letters', () => {
  let dir: string;
  let file: string;
  const key = randomBytes(32).toString('base64');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rapport-dlq-cli-'));
    file = join(dir, 'dlq.jsonl');
    const lines = ['dlq-1', 'dlq-2'].map((id, i) => {
      const source = {
        topic: 'rapport.interactions.v1',
        partition: 0,
        offset: String(i),
        key: id,
        timestamp: null,
      };
      const payload = Buffer.from(JSON.stringify(chatEvent(id)));
      const letter: DeadLetter = {
        schemaVersion: 1,
        errorCode: 'STORE_REJECTED',
        errorMessage: 'the store refused the document',
        issues: [],
        source,
        payload: sealDeadLetterPayload(payload, source, deadLetterKey(key), redactAllPii),
        payloadBytes: payload.length,
        firstSeenAt: new Date().toISOString(),
      };
      return JSON.stringify(letter);
    });
    await writeFile(file, lines.join('\n') + '\n');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('validates the decrypted events with DEAD_LETTER_KEY', async () => {
    const run = await runCli(['validate', file], { DEAD_LETTER_KEY: key });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 valid, 0 invalid');
  });

  it('names the variable when the key is missing or wrong', async () => {
    const missing = await runCli(['validate', file], { DEAD_LETTER_KEY: '' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('DEAD_LETTER_KEY is not set');
    const wrong = await runCli(['validate', file], { DEAD_LETTER_KEY: randomBytes(32).toString('base64') });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/encrypted with key k-[0-9a-f]{16}, but DEAD_LETTER_KEY/);
    const malformed = await runCli(['validate', file], { DEAD_LETTER_KEY: 'not-a-key' });
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('DEAD_LETTER_KEY must be the base64 of exactly 32 bytes');
  });
});
