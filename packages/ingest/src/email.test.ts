import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkCandidates,
  defaultMapping,
  MboxSplitter,
  parseMail,
  pseudonym,
  stripQuoted,
  threadMails,
  type MailRecord,
  type Problem,
} from './index.js';

const raw = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url));
const mapping = { ...defaultMapping(), agentDomains: ['help.example'] };
const options = { tenantId: 'acme', mapping };

async function readMailbox(): Promise<{ mails: MailRecord[]; problems: Problem[] }> {
  const splitter = new MboxSplitter();
  const bytes = raw('email/support.mbox');
  const parts = [];
  // Small chunks on purpose: a "From " line straddling two chunks must still split there.
  for (let i = 0; i < bytes.length; i += 7) parts.push(...splitter.push(bytes.subarray(i, i + 7)));
  parts.push(...splitter.end());
  const mails: MailRecord[] = [];
  const problems: Problem[] = [];
  for (const p of parts) {
    const r = await parseMail(p.raw, 'support.mbox', `message ${p.index}`);
    if (r.mail) mails.push(r.mail);
    problems.push(...r.problems);
  }
  const eml = await parseMail(raw('email/reply.eml'), 'reply.eml', 'the message');
  mails.push(eml.mail!);
  return { mails, problems };
}

describe('e-mail: mbox and .eml through mailparser, threaded', async () => {
  const { mails, problems } = await readMailbox();

  it('splits the mbox, unescapes >From and reports the message without a Date', () => {
    expect(mails).toHaveLength(5);
    expect(mails[0]!.text).toBe(
      'Hello, my order 1042 arrived broken. What can I do?\nFrom the photos you can see the damage.',
    );
    expect(problems).toEqual([
      {
        severity: 'error',
        code: 'INGEST_BAD_RECORD',
        file: 'support.mbox',
        record: 'message 5 (<nodate@example.net>)',
        reason: 'no valid Date header: the message cannot be placed in its thread',
      },
    ]);
  });

  it('threads by In-Reply-To/References, then by subject for a header-less reply; agent side by domain', () => {
    const out = threadMails(mails, options, 'mail');
    const checked = checkCandidates(out.candidates);
    expect(checked.problems).toEqual([]);
    expect(out.problems).toEqual([]);
    expect(checked.valid).toHaveLength(2);
    const order = checked.valid.find((v) => v.event.source.externalId === '<m1@example.net>')!.event;
    if (order.channel !== 'email') throw new Error('expected email');
    expect(order.messages.map((m) => [m.role, m.bodyText])).toEqual([
      [
        'customer',
        'Hello, my order 1042 arrived broken. What can I do?\nFrom the photos you can see the damage.',
      ],
      ['agent', 'Sorry to hear that, Kim. A replacement is on its way.'],
      ['customer', 'Thank you, that was quick.'],
    ]);
    expect(order.messages[1]!.inReplyTo).toBe('<m1@example.net>');
    expect(order.agent).toEqual({ id: 'email-anna@help.example', teamId: 'unassigned', name: 'Anna Agent' });
    expect(order.customer.id).toBe(pseudonym('acme', 'email', 'kim@example.net'));
    expect(order.revision).toBe(Date.parse('2026-03-02T12:00:00Z') / 1000);

    const danish = checked.valid.find((v) => v.event.source.externalId === '<d1@example.dk>')!.event;
    if (danish.channel !== 'email') throw new Error('expected email');
    // Subdomains of an agent domain are the desk too; latin1 quoted-printable decoded.
    expect(danish.messages.map((m) => [m.role, m.bodyText])).toEqual([
      ['customer', 'Hej, hvornår kommer min faktura?'],
      ['agent', 'Hej Ole, fakturaen er sendt i dag.'],
    ]);
    expect(danish.messages[0]!.subject).toBe('Spørgsmål om faktura');
    expect(danish.occurredAt).toBe('2026-03-03T07:00:00.000Z');
  });

  it('gives the same interaction ids whatever order the messages come in', () => {
    const a = threadMails(mails, options, 'mail')
      .candidates.map((c) => c.event.interactionId)
      .sort();
    const b = threadMails([...mails].reverse(), options, 'mail')
      .candidates.map((c) => c.event.interactionId)
      .sort();
    expect(b).toEqual(a);
    // A thread whose first message is missing from the export keeps the origin's id.
    const withoutFirst = threadMails(mails.slice(1, 3), options, 'mail').candidates.map(
      (c) => c.event.interactionId,
    );
    expect(a).toContain(withoutFirst[0]);
  });

  it('refuses to guess sides without agent addresses or domains', () => {
    const out = threadMails(mails, { tenantId: 'acme', mapping: defaultMapping() }, 'mail');
    expect(out.candidates).toEqual([]);
    expect(out.problems[0]!.reason).toMatch(/--agent-domains/);
  });

  it('keeps the reply, not the quoted history', () => {
    expect(stripQuoted('Fine.\n\nDen 2. mar. 2026 skrev Kim:\n> old')).toBe('Fine.');
    expect(stripQuoted('Yes\n> quoted\nmore')).toBe('Yes\nmore');
  });
});

describe('scanThreadFacts (the quick first pass over a mailbox)', () => {
  it('finds what mailparser finds for threading', async () => {
    const { scanThreadFacts } = await import('./mail-headers.js');
    const splitter = new MboxSplitter();
    const parts = [...splitter.push(raw('email/support.mbox')), ...splitter.end()];
    for (const p of parts.slice(0, 4)) {
      const quick = scanThreadFacts(p.raw);
      const full = (await parseMail(p.raw, 'f', 'r')).mail!;
      expect(quick).toEqual({
        ...(full.messageId ? { messageId: full.messageId } : {}),
        ...(full.inReplyTo ? { inReplyTo: full.inReplyTo } : {}),
        references: full.references,
        ...(full.subject ? { subject: full.subject } : {}),
        from: full.from,
        to: full.to,
      });
    }
  });
});
