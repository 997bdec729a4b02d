import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  adaptFreshdeskTicket,
  adaptIntercomConversation,
  adaptZendeskTicket,
  checkCandidates,
  defaultMapping,
  jsonRecords,
  pseudonym,
  type Adapted,
} from './index.js';

const fixture = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8');
const options = { tenantId: 'acme', mapping: defaultMapping() };

function adaptAll(
  file: string,
  adapt: (v: unknown, o: typeof options, f: string, r: string) => Adapted,
): Adapted {
  const { records, problems } = jsonRecords(fixture(file), file);
  const out: Adapted = { candidates: [], problems: [...problems] };
  for (const r of records) {
    const a = adapt(r.value, options, file, r.record);
    out.candidates.push(...a.candidates);
    out.problems.push(...a.problems);
  }
  return out;
}

describe('Zendesk tickets with comments and sideloaded users', () => {
  const out = adaptAll('zendesk/tickets.jsonl', adaptZendeskTicket);
  const checked = checkCandidates(out.candidates);

  it('makes a valid e-mail interaction from an e-mail ticket, internal note left out and reported', () => {
    expect(checked.problems).toEqual([]);
    const email = checked.valid.find((v) => v.event.interactionId === 'zendesk-35436')!.event;
    expect(email.channel).toBe('email');
    expect(email.revision).toBe(Date.parse('2026-03-02T11:02:13Z') / 1000);
    expect(email.agent).toEqual({ id: 'zendesk-235323', teamId: 'zendesk-group-98738', name: 'Anna Agent' });
    expect(email.customer.id).toBe(pseudonym('acme', 'zendesk', '20978392'));
    expect(email.customer.id).not.toContain('kim');
    expect(email.tags).toEqual(['billing', 'refund']);
    if (email.channel !== 'email') throw new Error('unreachable');
    expect(email.messages.map((m) => [m.role, m.bodyText])).toEqual([
      ['customer', 'Hi, I was charged twice for invoice 1042. Can you help?'],
      ['agent', 'Sorry about that! I have refunded the second charge; you will see it in 3-5 days.'],
    ]);
    expect(email.messages[0]!.subject).toBe('Invoice charged twice');
    expect(out.problems).toContainEqual(
      expect.objectContaining({
        code: 'INGEST_PART_LEFT_OUT',
        record: 'line 1 (ticket 35436)',
        severity: 'warning',
      }),
    );
  });

  it("keeps a messaging ticket's internal note as a system message, roles from user.role", () => {
    const chat = checked.valid.find((v) => v.event.interactionId === 'zendesk-35437')!.event;
    if (chat.channel !== 'chat') throw new Error(`expected chat, got ${chat.channel}`);
    expect(chat.messages.map((m) => m.role)).toEqual(['customer', 'system', 'agent']);
    expect(chat.messages[1]!.text).toBe('Customer is a repeat complainer, check carrier first');
    // No assignee: the admin who answered publicly is the agent.
    expect(chat.agent.id).toBe('zendesk-411');
    expect(chat.agent.teamId).toBe('unassigned');
  });

  it('reports a notes-only ticket, a malformed record and a non-JSON line, each by line', () => {
    expect(out.candidates).toHaveLength(2);
    const errors = out.problems.filter((p) => p.severity === 'error').map((p) => [p.record, p.code]);
    expect(errors).toEqual([
      ['line 5', 'INGEST_UNREADABLE'],
      ['line 3 (ticket 35438)', 'INGEST_NOTHING_TO_SCORE'],
      ['line 4', 'INGEST_BAD_RECORD'],
    ]);
  });
});

describe('Intercom conversation', () => {
  const out = adaptAll('intercom/conversation.json', adaptIntercomConversation);
  const checked = checkCandidates(out.candidates);

  it('keeps comments, drops notes, assignments and closes; bot stays a bot', () => {
    expect(checked.problems).toEqual([]);
    expect(out.problems).toEqual([]);
    const e = checked.valid[0]!.event;
    if (e.channel !== 'chat') throw new Error('expected chat');
    expect(e.interactionId).toBe('intercom-1911149811');
    expect(e.occurredAt).toBe('2026-03-02T10:00:00.000Z');
    expect(e.revision).toBe(1772446500);
    expect(e.messages).toEqual([
      {
        role: 'customer',
        sentAt: '2026-03-02T10:00:00.000Z',
        text: 'Hi, the app logs me out every few minutes.',
      },
      {
        role: 'bot',
        sentAt: '2026-03-02T10:01:40.000Z',
        text: 'I can help with this. Which version of the app do you have?',
      },
      {
        role: 'agent',
        sentAt: '2026-03-02T10:06:40.000Z',
        text: 'Sorry for the trouble, Sam! Version 4.2 fixes this & it is out today.',
      },
      { role: 'customer', sentAt: '2026-03-02T10:15:00.000Z', text: 'Great, thanks' },
    ]);
    expect(e.agent).toEqual({ id: 'intercom-814860', teamId: 'intercom-team-5017691', name: 'Maja' });
    expect(e.customer.id).toBe(pseudonym('acme', 'intercom', '6657a0c4f7b1e9ae6d1b7a11'));
    expect(e.tags).toEqual(['bug']);
  });
});

describe('Freshdesk tickets with conversations', () => {
  const out = adaptAll('freshdesk/tickets.json', adaptFreshdeskTicket);
  const checked = checkCandidates(out.candidates);

  it('opens with the description, roles from incoming, private notes per channel', () => {
    expect(checked.problems).toEqual([]);
    const [email, chat] = checked.valid.map((v) => v.event);
    if (email?.channel !== 'email' || chat?.channel !== 'chat') throw new Error('channels');
    expect(email.messages.map((m) => [m.role, m.bodyText])).toEqual([
      ['customer', 'The reset link says expired.'],
      ['agent', 'I have sent you a new link that is valid for 24 hours.'],
      ['customer', 'It worked, thank you!'],
    ]);
    expect(email.agent).toEqual({ id: 'freshdesk-1000042', teamId: 'freshdesk-group-3' });
    expect(chat.messages.map((m) => m.role)).toEqual(['customer', 'system', 'agent']);
    expect(out.problems.map((p) => [p.record, p.code])).toEqual([
      ['item 1 (ticket 20)', 'INGEST_PART_LEFT_OUT'],
    ]);
  });

  it('maps agents through the mapping file', () => {
    const mapping = { ...defaultMapping(), agents: { '1000042': { id: 'maria', teamId: 'billing' } } };
    const { records } = jsonRecords(fixture('freshdesk/tickets.json'), 'f');
    const a = adaptFreshdeskTicket(records[0]!.value, { tenantId: 'acme', mapping }, 'f', 'r');
    expect(a.candidates[0]!.event.agent).toEqual({ id: 'maria', teamId: 'billing' });
  });
});
