import { z } from 'zod';
import { Channel, Dimension, FlagCode, LanguageTag, REVIEW_STATUSES, SEVERITIES } from '@rapport/schemas';
import { QUEUE_SORTS, type Principal, type QueueFilter, type QueueSort } from '@rapport/review';

/** Ids in filters: plain words, never operators. */
export const SafeId = z
  .string()
  .min(1)
  .max(200)
  .regex(
    /^[^$\p{Cc}{}[\]][^\p{Cc}{}[\]]*$/u,
    'must be a plain id (no "$" first, no brackets or control characters)',
  );

const csvOf = <T extends string>(values: readonly T[], what: string) =>
  z
    .string()
    .max(200)
    .transform((s, ctx) => {
      const parts = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      for (const p of parts)
        if (!values.includes(p as T)) {
          ctx.addIssue({ code: 'custom', message: `"${p}" is not a ${what}; use ${values.join(', ')}` });
          return z.NEVER;
        }
      return parts as T[];
    });

const day = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/,
    'must be a date like 2026-03-01 or an ISO date-time',
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real date');

/** The queue's query string: every parameter a plain string, unknown parameters refused. */
export const QueueQuery = z
  .object({
    status: csvOf(REVIEW_STATUSES, 'review status')
      .optional()
      .describe('comma-separated: open,escalated,disputed,resolved'),
    severity: csvOf(SEVERITIES, 'severity').optional().describe('comma-separated: low,medium,high,critical'),
    dimension: Dimension.optional(),
    flagCode: FlagCode.optional(),
    channel: Channel.optional(),
    team: SafeId.optional(),
    agent: SafeId.optional(),
    from: day.optional().describe('occurred at or after (date or date-time, UTC)'),
    to: day.optional().describe('occurred before; a bare date includes that whole day'),
    language: LanguageTag.optional(),
    control: z
      .enum(['true', 'false'])
      .optional()
      .describe('only control-sample items (true) or only flagged (false)'),
    assignee: SafeId.optional().describe('a user name, "me", or "none" for unassigned'),
    sort: z.enum(QUEUE_SORTS).default('severity'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(400).optional(),
  })
  .strict();
export type QueueQuery = z.infer<typeof QueueQuery>;

const DAY_MS = 24 * 3600 * 1000;
const bareDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

export function toQueueFilter(q: QueueQuery, p: Principal): { filter: QueueFilter; sort: QueueSort } {
  const filter: QueueFilter = {};
  if (q.status?.length) filter.status = q.status;
  if (q.severity?.length) filter.severity = q.severity;
  if (q.dimension) filter.dimension = q.dimension;
  if (q.flagCode) filter.flagCode = q.flagCode;
  if (q.channel) filter.channel = q.channel;
  if (q.team) filter.teamId = q.team;
  if (q.agent) filter.agentId = q.agent;
  if (q.from) filter.from = Date.parse(bareDate(q.from) ? `${q.from}T00:00:00Z` : q.from);
  if (q.to) filter.to = bareDate(q.to) ? Date.parse(`${q.to}T00:00:00Z`) + DAY_MS : Date.parse(q.to);
  if (q.language) filter.language = q.language;
  if (q.control) filter.control = q.control === 'true';
  if (q.assignee) filter.assignee = q.assignee === 'none' ? null : q.assignee === 'me' ? p.id : q.assignee;
  return { filter, sort: q.sort };
}

/** HTML forms send every field, empty ones as "": those mean "no filter". */
export function withoutEmpty(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
}
