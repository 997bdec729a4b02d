import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InteractionEvent } from '@rapport/schemas';
import { MAX_MESSAGE_CHARS, MAX_EVIDENCE_PER_FLAG } from '../flags/collector.js';
import { callEvent, chatEvent, emailEvent } from '../test-support/events.js';
import { DEFAULT_POLICY, EXAMPLE_KNOWLEDGE_BASE } from '../policy/defaults.js';
import { scoreInteraction } from './score.js';

/**
 * Every valid event gets a bounded amount of work and output, however repetitive its text: the
 * engine once compared every pair of repeated claims (a 120 KB event made 96 MB of output and
 * ran a thread out of memory) and rescanned a whole unpunctuated paste for every figure in it
 * (240 KB of "3 to 5 days" took 32 s). Texts up to the event limit, in any shape. The same
 * events on a scoring thread with a capped heap: services/scorer/src/analyser.test.ts.
 */
/**
 * CPU time, not wall time (a loaded machine stretches wall time, not the work): about 20x what
 * the slowest shape costs; the unbounded engine spent 1.3 s on the 130 KB claim bomb and 6.7 s
 * on 240 KB of "3 to 5 days" here.
 */
const MAX_MS = 1_200;
const MAX_MESSAGE_BYTES = 64 * 1024;

/** Units people and scripts repeat: claims, ranges, money, questions, capitals, PII, markup. */
const UNITS = [
  'The refund takes {n} days. ',
  'The refund takes 5 days. ',
  '3 to 5 days ',
  'The fee is {n} kr. ',
  'It costs {n}% more, between {n} and {n} dollars. ',
  'We are open from {n} to 17. ',
  'Why is my refund late? ',
  'When will the broadband binding {n} end? ',
  'NO WAY ',
  '!!!?? ',
  'you are an idiot ',
  'as I already said ',
  'Refusionen tager {n} dage. ',
  'jens{n}@example.com ',
  '4111 1111 1111 1111 ',
  '+45 12 34 56 {n} ',
  'https://example.com/{n} ',
  '<b>x</b> ',
  '> quoted line\n',
  'x\n',
  'supercalifragilistic',
  '1234567890',
  '😀 ',
  'Sorry, the refund takes {n} days and costs {n} kr, ok? ',
];

function fill(unit: string, chars: number, seed: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = seed; length < chars; i++) {
    const part = unit.replaceAll('{n}', String((i % 89) + 1));
    parts.push(part);
    length += part.length;
  }
  return parts.join('').slice(0, chars);
}

export const adversarialEvent = fc
  .record({
    unit: fc.constantFrom(...UNITS),
    kib: fc.integer({ min: 1, max: 250 }),
    messages: fc.integer({ min: 1, max: 300 }),
    channel: fc.constantFrom('chat', 'email', 'call'),
    language: fc.constantFrom('en', 'da', null),
    seed: fc.nat(1000),
  })
  .map(({ unit, kib, messages, channel, language, seed }): InteractionEvent => {
    // Bytes, not characters, are what the event limit counts; the units are mostly ASCII.
    const text = Buffer.from(fill(unit, kib * 1024, seed))
      .subarray(0, kib * 1024)
      .toString('utf8');
    const size = Math.ceil(text.length / messages);
    const parts = Array.from({ length: messages }, (_, k) => text.slice(k * size, (k + 1) * size) || 'ok');
    const role = (k: number): 'customer' | 'agent' => (k % 2 === 0 ? 'customer' : 'agent');
    if (channel === 'chat')
      return chatEvent(
        parts.map((p, k) => [role(k), p]),
        language,
      );
    if (channel === 'email')
      return emailEvent(
        parts.map((p, k) => ({ role: role(k), bodyText: p })),
        language,
      );
    return callEvent(
      parts.map((p, k) => [role(k), k * 10, k * 10 + 9, p]),
      language,
    );
  });

/** The failing event in a few hundred characters: the full one can be 250 KiB. */
export function shortReport(details: fc.RunDetails<[InteractionEvent]>): void {
  if (!details.failed) return;
  const event = details.counterexample?.[0];
  throw new Error(
    `budget exceeded after ${details.numRuns} runs (seed ${details.seed}, path ${details.counterexamplePath}): ` +
      `${event ? JSON.stringify(event).slice(0, 300) : 'no counterexample'}... ${String(details.errorInstance)}`,
  );
}

describe('the work budget of one event', () => {
  const score = (event: InteractionEvent) => {
    const started = process.cpuUsage();
    const scored = scoreInteraction(event, { policy: DEFAULT_POLICY, knowledgeBase: EXAMPLE_KNOWLEDGE_BASE });
    const cpu = process.cpuUsage(started);
    return {
      ms: (cpu.user + cpu.system) / 1000,
      // The scored-topic message: the scored interaction without its transcript.
      messageBytes: Buffer.byteLength(JSON.stringify({ ...scored, transcript: [] })),
      transcriptChars: scored.transcript.reduce((n, t) => n + t.text.length, 0),
      longestFlagMessage: Math.max(0, ...scored.flags.map((f) => f.message.length)),
      mostEvidence: Math.max(0, ...scored.flags.map((f) => f.evidence.length)),
    };
  };

  it('holds for repetitive texts up to the event limit: time and output', () => {
    fc.assert(
      fc.property(adversarialEvent, (event) => {
        const input = JSON.stringify(event).length;
        const r = score(event);
        expect(r.ms).toBeLessThan(MAX_MS);
        expect(r.messageBytes).toBeLessThan(MAX_MESSAGE_BYTES);
        expect(r.longestFlagMessage).toBeLessThan(6 * (MAX_MESSAGE_CHARS + 1) + 40);
        expect(r.mostEvidence).toBeLessThanOrEqual(MAX_EVIDENCE_PER_FLAG);
        // The transcript is the redacted text: it may not grow beyond the input.
        expect(r.transcriptChars).toBeLessThan(input);
      }),
      { numRuns: 40, seed: 20261204, endOnFailure: true, includeErrorInReport: true, reporter: shortReport },
    );
  }, 240_000);

  it('scores the claim bomb that once produced a 6.8 MB message, into a small one', () => {
    const r = score(
      chatEvent([
        ['customer', 'How long does the refund take?'],
        ['agent', fill('The refund takes {n} days. ', 130 * 1024, 0)],
      ]),
    );
    expect(r.messageBytes).toBeLessThan(MAX_MESSAGE_BYTES);
    expect(r.ms).toBeLessThan(MAX_MS);
  });

  it('scores 240 KB of "3 to 5 days", which once took 32 s, in well under its budget', () => {
    const r = score(
      chatEvent([
        ['customer', 'How long?'],
        ['agent', fill('3 to 5 days ', 240 * 1024, 0)],
      ]),
    );
    expect(r.ms).toBeLessThan(MAX_MS);
  });
});
