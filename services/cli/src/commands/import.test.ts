import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Problem } from '@rapport/ingest';
import { loadMapping, runImport, type ImportRequest } from './import.js';

// Dry runs only: reading, adapting and checking need no broker (publishing is covered by the
// integration test against real Kafka and the scorer).
const fixtures = new URL('../../../../packages/ingest/fixtures/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'rapport-import-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dry = async (req: Partial<ImportRequest> & Pick<ImportRequest, 'format' | 'paths'>) => {
  const problems: Problem[] = [];
  const summary = await runImport({ tenant: 'acme', dryRun: true, topic: 't', batchSize: 2, ...req }, (p) =>
    problems.push(p),
  );
  return { summary, problems };
};

describe('rapport import --dry-run', () => {
  it('streams an mbox in two passes to the same threads as reading it whole', async () => {
    const { summary, problems } = await dry({
      format: 'mbox',
      paths: [join(fixtures, 'email/support.mbox')],
      agentDomains: ['help.example'],
    });
    expect(summary).toEqual({
      format: 'mbox',
      files: 1,
      interactions: 2,
      messages: 4,
      published: 0,
      skipped: 0,
      invalid: 1,
    });
    expect(problems.map((p) => [p.severity, p.record, p.code])).toEqual([
      ['warning', 'message 4 (<d1@example.dk>)', 'INGEST_NO_AGENT'],
      ['error', 'message 5 (<nodate@example.net>)', 'INGEST_BAD_RECORD'],
    ]);
  });

  it('reads a directory of one format and says which files it found nothing in', async () => {
    const { summary } = await dry({ format: 'webvtt', paths: [join(fixtures, 'transcripts')] });
    expect(summary).toMatchObject({ files: 1, interactions: 1, messages: 3, invalid: 0 });
    await expect(dry({ format: 'srt', paths: [join(fixtures, 'zendesk')] })).rejects.toThrow(
      /no \.srt files under/,
    );
  });

  it('keeps the first of two copies of the same conversation and counts the other as skipped', async () => {
    const { summary, problems } = await dry({
      format: 'intercom',
      paths: [join(fixtures, 'intercom/conversation.json'), join(fixtures, 'intercom/conversation.json')],
    });
    expect(summary).toMatchObject({ files: 2, interactions: 1, skipped: 1, invalid: 0 });
    expect(problems.map((p) => p.code)).toEqual(['INGEST_DUPLICATE']);
  });

  it('refuses a mapping file with a mistake, naming the file and the field', () => {
    const bad = join(dir, 'mapping.json');
    writeFileSync(bad, JSON.stringify({ speakers: { spk_0: 'boss' } }));
    expect(() => loadMapping(bad)).toThrow(/mapping file .*mapping\.json: speakers\.spk_0: /);
    writeFileSync(bad, '{ not json');
    expect(() => loadMapping(bad)).toThrow(/mapping file .*mapping\.json: .*it must be a JSON object/);
    expect(loadMapping(undefined, ['help.example']).agentDomains).toEqual(['help.example']);
  });
});
