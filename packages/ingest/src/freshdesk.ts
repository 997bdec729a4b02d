import type { InteractionEventInput } from '@rapport/schemas';
import { agentFor, asArray, asObject, asString, type Adapted } from './adapter.js';
import { interactionIdOf, pseudonym, revisionOf } from './ids.js';
import type { IngestOptions } from './options.js';
import { PROBLEM_CODES, problem } from './problem.js';
import { htmlToText } from './text.js';

const SYSTEM = 'freshdesk';

// Freshdesk's ticket `source` codes: 7 is Chat; 1 Email, 2 Portal, 3 Phone, 9 Feedback Widget
// and 10 Outbound Email are answered by e-mail (a phone ticket carries notes, not a transcript).
const CHAT_SOURCES = new Set([7]);

/**
 * One Freshdesk ticket with its conversations: `{ "ticket": {...}, "conversations": [...] }`,
 * the View a Ticket response beside List All Conversations of a Ticket. The ticket's
 * `description_text` is the customer's opening message. A conversation with `incoming: true`
 * came from outside (the customer); `private: true` is an agent's private note, kept as `system`
 * context on a chat and left out of an e-mail thread, never scored as customer-facing.
 */
export function adaptFreshdeskTicket(
  input: unknown,
  options: IngestOptions,
  file: string,
  record: string,
): Adapted {
  const out: Adapted = { candidates: [], problems: [] };
  const root = asObject(input);
  const ticket = asObject(root?.ticket);
  const conversations = asArray(root?.conversations);
  const id = asString(ticket?.id);
  const label = id ? `${record} (ticket ${id})` : record;
  const createdAt = asString(ticket?.created_at);
  if (!ticket || !id || !createdAt || !conversations) {
    out.problems.push(
      problem(
        'error',
        PROBLEM_CODES.BAD_RECORD,
        file,
        label,
        'expected {"ticket": {...}, "conversations": [...]} with the ticket\'s id and created_at (View a Ticket beside List All Conversations of a Ticket)',
      ),
    );
    return out;
  }
  const channel = CHAT_SOURCES.has(Number(ticket.source)) ? 'chat' : 'email';
  const requesterId = asString(ticket.requester_id);
  const msgs: { role: 'agent' | 'customer' | 'system'; sentAt: string; text: string; userId?: string }[] = [];
  const opening = asString(ticket.description_text) ?? htmlToText(asString(ticket.description) ?? '');
  if (opening.trim() !== '') msgs.push({ role: 'customer', sentAt: createdAt, text: opening.trim() });
  let notesLeftOut = 0;
  for (const [i, c] of conversations.entries()) {
    const conv = asObject(c);
    const sentAt = asString(conv?.created_at);
    if (!conv || !sentAt) {
      out.problems.push(
        problem(
          'warning',
          PROBLEM_CODES.BAD_RECORD,
          file,
          `${label}, conversation ${i + 1}`,
          'conversation without created_at left out',
        ),
      );
      continue;
    }
    const text = (asString(conv.body_text) ?? htmlToText(asString(conv.body) ?? '')).trim();
    if (text === '') continue;
    const userId = asString(conv.user_id);
    if (conv.private === true) {
      if (channel === 'chat') msgs.push({ role: 'system', sentAt, text });
      else notesLeftOut++;
      continue;
    }
    // `incoming` marks what came from outside the desk; a requester's public note counts too.
    const role =
      conv.incoming === true || (userId !== undefined && userId === requesterId) ? 'customer' : 'agent';
    msgs.push({ role, sentAt, text, ...(userId ? { userId } : {}) });
  }
  if (notesLeftOut > 0)
    out.problems.push(
      problem(
        'warning',
        PROBLEM_CODES.PART_LEFT_OUT,
        file,
        label,
        `${notesLeftOut} private note(s) left out: an e-mail interaction has no role for notes, and they are never scored as customer-facing`,
      ),
    );
  if (!msgs.some((m) => m.role !== 'system')) {
    out.problems.push(
      problem(
        'error',
        PROBLEM_CODES.NOTHING_TO_SCORE,
        file,
        label,
        'no description and no public conversation with text',
      ),
    );
    return out;
  }
  msgs.sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0));
  const agentKey = asString(ticket.responder_id) ?? msgs.find((m) => m.role === 'agent')?.userId;
  if (!agentKey)
    out.problems.push(
      problem(
        'warning',
        PROBLEM_CODES.NO_AGENT,
        file,
        label,
        'no responder and no agent reply: attributed to the fallback agent',
      ),
    );
  const groupId = asString(ticket.group_id);
  const tags = (asArray(ticket.tags) ?? []).map(asString).filter((t): t is string => !!t);
  const common = {
    interactionId: interactionIdOf(SYSTEM, id),
    revision: revisionOf(asString(ticket.updated_at) ?? createdAt),
    tenantId: options.tenantId,
    occurredAt: createdAt,
    agent: agentFor(
      options.mapping,
      SYSTEM,
      agentKey,
      undefined,
      groupId ? `${SYSTEM}-group-${groupId}` : undefined,
    ),
    customer: { id: pseudonym(options.tenantId, SYSTEM, requesterId ?? `ticket:${id}`) },
    source: { system: SYSTEM, externalId: id },
    ...(tags.length > 0 ? { tags } : {}),
  };
  const subject = asString(ticket.subject);
  const event: InteractionEventInput =
    channel === 'chat'
      ? { ...common, channel, messages: msgs.map((m) => ({ role: m.role, sentAt: m.sentAt, text: m.text })) }
      : {
          ...common,
          channel,
          messages: msgs.map((m, i) => ({
            role: m.role as 'agent' | 'customer',
            sentAt: m.sentAt,
            ...(i === 0 && subject ? { subject: subject.slice(0, 200) } : {}),
            bodyText: m.text,
          })),
        };
  out.candidates.push({ event, file, record: label, messages: msgs.length });
  return out;
}
