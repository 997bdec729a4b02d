import type { InteractionEventInput } from '@rapport/schemas';
import { agentFor, asArray, asObject, asString, type Adapted } from './adapter.js';
import { interactionIdOf, pseudonym, revisionOf } from './ids.js';
import type { IngestOptions } from './options.js';
import { PROBLEM_CODES, problem } from './problem.js';
import { htmlToText } from './text.js';

const SYSTEM = 'zendesk';

// Zendesk's `via.channel` values whose conversation is a chat (messaging, social); the rest
// (email, web form, api, voice follow-ups) are answered by e-mail in the agent workspace.
const CHAT_CHANNELS = new Set([
  'chat',
  'native_messaging',
  'messaging',
  'sms',
  'twitter',
  'facebook',
  'whatsapp',
  'instagram_dm',
  'line',
  'wechat',
  'mobile_sdk',
  'any_channel',
]);

/**
 * One Zendesk ticket as exported through the API: the Show Ticket response's `ticket` beside the
 * List Comments response (`GET /api/v2/tickets/{id}/comments?include=users`), i.e.
 * `{ "ticket": {...}, "comments": [...], "users": [...] }`. Roles come from the sideloaded users'
 * `role` (`end-user` is the customer; `agent` and `admin` are the desk). Private comments are
 * internal notes: kept as `system` messages on a chat (context for a reviewer, never scored as
 * customer-facing), left out of an e-mail thread, whose contract has no role for them.
 */
export function adaptZendeskTicket(
  input: unknown,
  options: IngestOptions,
  file: string,
  record: string,
): Adapted {
  const out: Adapted = { candidates: [], problems: [] };
  const root = asObject(input);
  const ticket = asObject(root?.ticket);
  const comments = asArray(root?.comments);
  const ticketId = asString(ticket?.id);
  const label = ticketId ? `${record} (ticket ${ticketId})` : record;
  if (!ticket || !ticketId || !comments) {
    out.problems.push(
      problem(
        'error',
        PROBLEM_CODES.BAD_RECORD,
        file,
        label,
        'expected {"ticket": {...}, "comments": [...], "users": [...]} (the Show Ticket response with the ticket\'s comments and their sideloaded users)',
      ),
    );
    return out;
  }
  const users = new Map<string, Record<string, unknown>>();
  for (const u of asArray(root?.users) ?? []) {
    const user = asObject(u);
    const id = asString(user?.id);
    if (user && id) users.set(id, user);
  }
  const channelName = asString(asObject(ticket.via)?.channel) ?? 'email';
  const channel = CHAT_CHANNELS.has(channelName) ? 'chat' : 'email';
  const requesterId = asString(ticket.requester_id);

  const roleOf = (authorId: string | undefined): 'agent' | 'customer' | undefined => {
    if (authorId === undefined) return undefined;
    const role = asString(users.get(authorId)?.role);
    if (role === 'end-user') return 'customer';
    if (role === 'agent' || role === 'admin') return 'agent';
    // Not sideloaded: the requester is the customer by definition; anyone else is unknown.
    return authorId === requesterId ? 'customer' : undefined;
  };

  type Msg = { role: 'agent' | 'customer' | 'system'; sentAt: string; text: string; authorId?: string };
  const msgs: Msg[] = [];
  let notesLeftOut = 0;
  let unknownAuthors = 0;
  for (const [i, c] of comments.entries()) {
    const comment = asObject(c);
    const sentAt = asString(comment?.created_at);
    // plain_body is the comment as the reader saw it; html_body and body are older or rawer forms.
    const html = asString(comment?.html_body);
    const text = (
      asString(comment?.plain_body) ??
      (html ? htmlToText(html) : asString(comment?.body)) ??
      ''
    ).trim();
    if (!comment || !sentAt) {
      out.problems.push(
        problem(
          'warning',
          PROBLEM_CODES.BAD_RECORD,
          file,
          `${label}, comment ${i + 1}`,
          'comment without created_at left out',
        ),
      );
      continue;
    }
    if (text === '') continue; // an attachment-only comment has nothing to read
    const authorId = asString(comment.author_id);
    if (comment.public === false) {
      if (channel === 'chat') msgs.push({ role: 'system', sentAt, text });
      else notesLeftOut++;
      continue;
    }
    const role = roleOf(authorId);
    if (!role) {
      unknownAuthors++;
      continue;
    }
    msgs.push({ role, sentAt, text, ...(authorId ? { authorId } : {}) });
  }
  if (notesLeftOut > 0)
    out.problems.push(
      problem(
        'warning',
        PROBLEM_CODES.PART_LEFT_OUT,
        file,
        label,
        `${notesLeftOut} internal note(s) left out: an e-mail interaction has no role for notes, and they are never scored as customer-facing`,
      ),
    );
  if (unknownAuthors > 0)
    out.problems.push(
      problem(
        'warning',
        PROBLEM_CODES.PART_LEFT_OUT,
        file,
        label,
        `${unknownAuthors} public comment(s) left out: their author_id is neither the requester nor in the sideloaded users (export the comments with include=users)`,
      ),
    );
  if (!msgs.some((m) => m.role === 'agent' || m.role === 'customer')) {
    out.problems.push(
      problem(
        'error',
        PROBLEM_CODES.NOTHING_TO_SCORE,
        file,
        label,
        'the ticket has no public comment with text',
      ),
    );
    return out;
  }

  const assignee = asString(ticket.assignee_id) ?? msgs.find((m) => m.role === 'agent')?.authorId;
  if (!assignee)
    out.problems.push(
      problem(
        'warning',
        PROBLEM_CODES.NO_AGENT,
        file,
        label,
        'no assignee and no agent reply: attributed to the fallback agent',
      ),
    );
  const groupId = asString(ticket.group_id);
  const agent = agentFor(
    options.mapping,
    SYSTEM,
    assignee,
    assignee ? asString(users.get(assignee)?.name) : undefined,
    groupId ? `${SYSTEM}-group-${groupId}` : undefined,
  );
  const createdAt = asString(ticket.created_at) ?? msgs[0]!.sentAt;
  const tags = (asArray(ticket.tags) ?? []).map(asString).filter((t): t is string => !!t);
  const common = {
    interactionId: interactionIdOf(SYSTEM, ticketId),
    revision: revisionOf(asString(ticket.updated_at) ?? createdAt),
    tenantId: options.tenantId,
    occurredAt: createdAt,
    agent,
    customer: { id: pseudonym(options.tenantId, SYSTEM, requesterId ?? `ticket:${ticketId}`) },
    source: { system: SYSTEM, externalId: ticketId },
    ...(tags.length > 0 ? { tags } : {}),
  };
  const subject = asString(ticket.subject) ?? asString(ticket.raw_subject);
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
