import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adaptCsvText, adaptJsonlText, checkCandidates, defaultMapping, pseudonym } from './index.js';

const text = (p: string) => readFileSync(new URL(`../fixtures/generic/${p}`, import.meta.url), 'utf8');
const options = { tenantId: 'acme', mapping: defaultMapping() };

describe('generic CSV and JSONL rows', () => {
  it('groups rows by conversation in time order and reports bad rows by row number', () => {
    const out = adaptCsvText(text('messages.csv'), options, 'messages.csv');
    const checked = checkCandidates(out.candidates);
    expect(checked.problems).toEqual([]);
    expect(checked.valid.map((v) => v.event.interactionId)).toEqual(['import-c-1', 'import-c-2']);
    const [chat, email] = checked.valid.map((v) => v.event);
    if (chat?.channel !== 'chat' || email?.channel !== 'email') throw new Error('channels');
    expect(chat.messages.map((m) => [m.role, m.text])).toEqual([
      ['customer', 'Hi, where is my order?'],
      ['agent', 'Hello! It ships today, sorry for the wait.'],
      ['customer', 'Great, thanks'],
    ]);
    expect(chat.agent).toEqual({ id: 'agent-7', teamId: 'team-north', name: 'Ida' });
    expect(chat.customer.id).toBe(pseudonym('acme', 'import', 'crm-991'));
    expect(email.messages.map((m) => m.subject)).toEqual(['Cancel', 'Re: Cancel']);
    expect(out.problems.map((p) => [p.record, p.code, p.reason])).toEqual([
      ['row 7', 'INGEST_BAD_RECORD', 'role "robot" is not one of agent, customer, bot, system'],
      ['row 8', 'INGEST_BAD_RECORD', 'sent_at "not-a-date" is not an ISO-8601 date-time'],
    ]);
  });

  it('reads JSONL rows, renamed columns through the mapping', () => {
    const out = adaptJsonlText(text('messages.jsonl'), options, 'm.jsonl');
    expect(checkCandidates(out.candidates).valid).toHaveLength(1);
    expect(out.problems.map((p) => [p.record, p.reason])).toEqual([
      ['line 3', 'missing text (required: conversation_id, role, sent_at, text)'],
    ]);
    const renamed = adaptCsvText(
      'Ticket,Who,When,Body\nT9,customer,2026-03-01T10:00:00Z,hi\n',
      {
        tenantId: 'acme',
        mapping: {
          ...defaultMapping(),
          columns: { conversation_id: 'Ticket', role: 'Who', sent_at: 'When', text: 'Body' },
        },
      },
      'r.csv',
    );
    expect(renamed.candidates.map((c) => c.event.interactionId)).toEqual(['import-T9']);
  });
});
