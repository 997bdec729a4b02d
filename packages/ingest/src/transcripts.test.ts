import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adaptTranscript, checkCandidates, defaultMapping, type TranscriptFormat } from './index.js';

const text = (p: string) => readFileSync(new URL(`../fixtures/transcripts/${p}`, import.meta.url), 'utf8');
const ctx = (callId: string) => ({ file: callId, callId, startedAt: '2026-03-02T08:00:00Z' });
const run = (format: TranscriptFormat, file: string, mapping = defaultMapping()) => {
  const out = adaptTranscript(
    format,
    text(file),
    { tenantId: 'acme', mapping },
    ctx(file.replace(/\.\w+$/, '')),
  );
  const checked = checkCandidates(out.candidates);
  expect(checked.problems).toEqual([]);
  const e = checked.valid[0]?.event;
  if (e?.channel !== 'call') throw new Error(`no call event: ${JSON.stringify(out.problems)}`);
  return { event: e, problems: out.problems };
};

describe('call transcripts', () => {
  it('WebVTT voices, the first speaker guessed as agent with a warning', () => {
    const { event, problems } = run('webvtt', 'call-0001.vtt');
    expect(event.segments).toEqual([
      {
        speaker: 'agent',
        startSec: 0.5,
        endSec: 3,
        text: 'Thank you for calling Help Example, this is Anna.',
      },
      {
        speaker: 'customer',
        startSec: 3.2,
        endSec: 7.9,
        text: 'Hi, my internet has been down since this morning. It keeps dropping.',
      },
      {
        speaker: 'agent',
        startSec: 8,
        endSec: 62.25,
        text: "I'm sorry about that. Let me check the line for you.",
      },
    ]);
    expect(event.durationSec).toBe(62.25);
    expect(event.interactionId).toBe('call-call-0001');
    expect(event.agent).toEqual({ id: 'call-Anna Agent', teamId: 'unassigned', name: 'Anna Agent' });
    expect(problems.map((p) => [p.code, p.reason])).toEqual([
      ['INGEST_SPEAKER_GUESSED', expect.stringContaining('Anna Agent = agent, Caller = customer')],
    ]);
  });

  it('SRT speaker prefixes; an unprefixed subtitle continues the last speaker; mapped speakers are not guessed', () => {
    const mapping = {
      ...defaultMapping(),
      speakers: { Agent: 'agent' as const, Customer: 'customer' as const },
      agents: { Agent: { id: 'desk-12', teamId: 'billing' } },
    };
    const { event, problems } = run('srt', 'call-0002.srt', mapping);
    expect(event.segments.map((s) => [s.speaker, s.text])).toEqual([
      ['agent', 'Good morning, billing department.'],
      ['customer', 'I was charged twice.'],
      ['customer', 'Let me look that up.'],
      ['agent', 'I see the double charge and have reversed it.'],
    ]);
    expect(event.agent).toEqual({ id: 'desk-12', teamId: 'billing' });
    expect(problems).toEqual([]);
  });

  it('Amazon Transcribe items grouped into turns by speaker_labels, punctuation attached, confidence averaged', () => {
    const { event, problems } = run('transcribe', 'transcribe-job.json', {
      ...defaultMapping(),
      speakers: { spk_0: 'agent', spk_1: 'customer' },
    });
    expect(event.interactionId).toBe('call-call-2026-03-02-0003');
    expect(event.segments).toEqual([
      { speaker: 'agent', startSec: 0.5, endSec: 1.4, text: 'Hello, support.', confidence: 0.98 },
      { speaker: 'customer', startSec: 2, endSec: 3.6, text: 'Hi. I need help.', confidence: 0.838 },
    ]);
    // spk_0 names nobody: the call goes to the fallback agent, and says so.
    expect(event.agent.id).toBe('unassigned');
    expect(problems.map((p) => p.code)).toEqual(['INGEST_NO_AGENT']);
  });

  it('Amazon Transcribe words that carry their own speaker_label', () => {
    const job = {
      jobName: 'job-7',
      results: {
        transcripts: [{ transcript: 'Hi there. Hello.' }],
        items: [
          {
            id: 0,
            start_time: '0.1',
            end_time: '0.4',
            speaker_label: 'spk_0',
            alternatives: [{ confidence: '1.0', content: 'Hi' }],
            type: 'pronunciation',
          },
          {
            id: 1,
            start_time: '0.4',
            end_time: '0.8',
            speaker_label: 'spk_0',
            alternatives: [{ confidence: '0.5', content: 'there' }],
            type: 'pronunciation',
          },
          { id: 2, alternatives: [{ confidence: '0.0', content: '.' }], type: 'punctuation' },
          {
            id: 3,
            start_time: '1.0',
            end_time: '1.5',
            speaker_label: 'spk_1',
            alternatives: [{ confidence: '0.9', content: 'Hello' }],
            type: 'pronunciation',
          },
          { id: 4, alternatives: [{ confidence: '0.0', content: '.' }], type: 'punctuation' },
        ],
      },
    };
    const out = adaptTranscript(
      'transcribe',
      JSON.stringify(job),
      { tenantId: 'acme', mapping: defaultMapping() },
      ctx('x'),
    );
    const e = checkCandidates(out.candidates).valid[0]!.event;
    if (e.channel !== 'call') throw new Error('call');
    expect(e.interactionId).toBe('call-job-7');
    expect(e.segments).toEqual([
      { speaker: 'agent', startSec: 0.1, endSec: 0.8, text: 'Hi there.', confidence: 0.75 },
      { speaker: 'customer', startSec: 1, endSec: 1.5, text: 'Hello.', confidence: 0.9 },
    ]);
  });

  it('generic segments JSON: its own call id and start, bad segment reported by index', () => {
    const out = adaptTranscript(
      'segments',
      text('segments.json'),
      { tenantId: 'acme', mapping: defaultMapping() },
      ctx('segments'),
    );
    const e = checkCandidates(out.candidates).valid[0]!.event;
    if (e.channel !== 'call') throw new Error('call');
    expect(e.interactionId).toBe('call-pbx-77812');
    expect(e.occurredAt).toBe('2026-03-07T15:04:05Z');
    // The customer line spoke first, so the guess is wrong here: exactly why it is a warning.
    expect(e.segments.map((s) => s.speaker)).toEqual(['agent', 'customer']);
    expect(out.problems.map((p) => [p.record, p.code])).toEqual([
      ['segments[2]', 'INGEST_BAD_RECORD'],
      ['call pbx-77812', 'INGEST_SPEAKER_GUESSED'],
    ]);
  });

  it('says what is wrong with a file that is not the format asked for', () => {
    const out = adaptTranscript('webvtt', 'hello', { tenantId: 'acme', mapping: defaultMapping() }, ctx('x'));
    expect(out.candidates).toEqual([]);
    expect(out.problems).toEqual([
      {
        severity: 'error',
        code: 'INGEST_UNREADABLE',
        file: 'x',
        record: 'line 1',
        reason: 'a WebVTT file starts with "WEBVTT"',
      },
    ]);
  });
});
