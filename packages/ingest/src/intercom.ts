import { agentFor, asArray, asNumber, asObject, asString, type Adapted } from './adapter.js';
import { interactionIdOf, isoOfUnixSeconds, pseudonym, revisionOf } from './ids.js';
import type { IngestOptions } from './options.js';
import { PROBLEM_CODES, problem } from './problem.js';
import { htmlToText } from './text.js';

const SYSTEM = 'intercom';

type Role = 'agent' | 'customer' | 'bot';

// Intercom's author types: contacts (`user`, `lead`, `contact`) are the customer; an `admin` or a
// `team` is the desk; `bot` (Fin, workflows) is kept as a bot so it is never scored as the agent.
const roleOf = (authorType: string | undefined): Role | undefined => {
  switch (authorType) {
    case 'user':
    case 'lead':
    case 'contact':
      return 'customer';
    case 'admin':
    case 'team':
      return 'agent';
    case 'bot':
      return 'bot';
    default:
      return undefined;
  }
};

/**
 * One Intercom conversation as the Retrieve a Conversation endpoint returns it: the opening
 * message in `source`, the rest in `conversation_parts.conversation_parts`. Only `comment` parts
 * are conversation; notes (internal), assignments, open/close/snooze and other state parts are
 * not, and are left out by design. Times are Unix seconds.
 */
export function adaptIntercomConversation(
  input: unknown,
  options: IngestOptions,
  file: string,
  record: string,
): Adapted {
  const out: Adapted = { candidates: [], problems: [] };
  const conv = asObject(input);
  const id = asString(conv?.id);
  const createdAt = asNumber(conv?.created_at);
  const label = id ? `${record} (conversation ${id})` : record;
  if (!conv || !id || createdAt === undefined) {
    out.problems.push(
      problem(
        'error',
        PROBLEM_CODES.BAD_RECORD,
        file,
        label,
        'expected an Intercom conversation object with id, created_at and conversation_parts (the Retrieve a Conversation response)',
      ),
    );
    return out;
  }
  const msgs: { role: Role; sentAt: string; text: string; authorId?: string; authorName?: string }[] = [];
  let unknownAuthors = 0;
  const add = (authorValue: unknown, body: unknown, at: number | undefined) => {
    const author = asObject(authorValue);
    const html = asString(body);
    if (!html || at === undefined) return;
    const text = htmlToText(html);
    if (text === '') return;
    const role = roleOf(asString(author?.type));
    if (!role) {
      unknownAuthors++;
      return;
    }
    const authorId = asString(author?.id);
    const authorName = asString(author?.name);
    msgs.push({
      role,
      sentAt: isoOfUnixSeconds(at),
      text,
      ...(authorId ? { authorId } : {}),
      ...(authorName ? { authorName } : {}),
    });
  };
  const source = asObject(conv.source);
  add(source?.author, source?.body, createdAt);
  const parts = asArray(asObject(conv.conversation_parts)?.conversation_parts) ?? [];
  for (const p of parts) {
    const part = asObject(p);
    if (asString(part?.part_type) !== 'comment') continue;
    add(part?.author, part?.body, asNumber(part?.created_at));
  }
  if (unknownAuthors > 0)
    out.problems.push(
      problem(
        'warning',
        PROBLEM_CODES.PART_LEFT_OUT,
        file,
        label,
        `${unknownAuthors} comment(s) left out: author.type is missing or unknown`,
      ),
    );
  if (!msgs.some((m) => m.role !== 'bot')) {
    out.problems.push(
      problem('error', PROBLEM_CODES.NOTHING_TO_SCORE, file, label, 'no comment from a customer or an admin'),
    );
    return out;
  }
  msgs.sort((a, b) => (a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : 0));

  const assigneeId = asString(conv.admin_assignee_id);
  const firstAdmin = msgs.find((m) => m.role === 'agent');
  // 0 or null means unassigned in Intercom; the admin who answered is then the agent.
  const agentKey = assigneeId && assigneeId !== '0' ? assigneeId : firstAdmin?.authorId;
  if (!agentKey)
    out.problems.push(
      problem(
        'warning',
        PROBLEM_CODES.NO_AGENT,
        file,
        label,
        'no assignee and no admin reply: attributed to the fallback agent',
      ),
    );
  const agentName = msgs.find((m) => m.role === 'agent' && m.authorId === agentKey)?.authorName;
  const teamId = asString(conv.team_assignee_id);
  const contact = asObject(asArray(asObject(conv.contacts)?.contacts)?.[0]);
  const customerKey = asString(contact?.id) ?? asString(asObject(source?.author)?.id) ?? `conversation:${id}`;
  const tags = (asArray(asObject(conv.tags)?.tags) ?? [])
    .map((t) => asString(asObject(t)?.name))
    .filter((t): t is string => !!t);
  out.candidates.push({
    event: {
      interactionId: interactionIdOf(SYSTEM, id),
      revision: revisionOf((asNumber(conv.updated_at) ?? createdAt) * 1000),
      tenantId: options.tenantId,
      occurredAt: isoOfUnixSeconds(createdAt),
      agent: agentFor(
        options.mapping,
        SYSTEM,
        agentKey,
        agentName,
        teamId && teamId !== '0' ? `${SYSTEM}-team-${teamId}` : undefined,
      ),
      customer: { id: pseudonym(options.tenantId, SYSTEM, customerKey) },
      source: { system: SYSTEM, externalId: id },
      ...(tags.length > 0 ? { tags } : {}),
      channel: 'chat',
      messages: msgs.map((m) => ({ role: m.role, sentAt: m.sentAt, text: m.text })),
    },
    file,
    record: label,
    messages: msgs.length,
  });
  return out;
}
