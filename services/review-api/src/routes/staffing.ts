import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_PERIOD_DAYS, type StaffingWhatIf } from '@rapport/insights';
import { requirePrincipal } from '../auth/login.js';
import { periodOf } from '../scorecards-view.js';
import type { StaffingDesk, StaffingQuery } from '../staffing-view.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day like 2026-03-01');
const Share = z.coerce.number().gt(0).lt(1);
const Seconds = z.coerce.number().positive();
const TeamList = z
  .string()
  .max(500)
  .regex(/^[A-Za-z0-9_.:-]+(,[A-Za-z0-9_.:-]+)*$/, 'must be team ids separated by commas');

export const StaffingQuerySchema = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    tz: z.string().max(64).default('UTC').describe('IANA time zone of the desk, e.g. Europe/Copenhagen'),
    teams: TeamList.optional().describe('only these teams, comma-separated (managers: of their own)'),
    callServiceLevel: Share.optional().describe(
      'what-if: share of calls answered within callAnswerWithinSec',
    ),
    callAnswerWithinSec: z.coerce.number().min(0).optional(),
    chatServiceLevel: Share.optional(),
    chatAnswerWithinSec: z.coerce.number().min(0).optional(),
    chatConcurrency: z.coerce.number().int().min(1).max(20).optional(),
    shrinkage: z.coerce.number().min(0).lt(1).optional(),
    ahtCall: Seconds.optional().describe('what-if: call handle time in seconds instead of observed'),
    ahtChat: Seconds.optional(),
    ahtEmail: Seconds.optional(),
  })
  .strict();
export type StaffingQueryInput = z.infer<typeof StaffingQuerySchema>;

export function toStaffingQuery(q: StaffingQueryInput): StaffingQuery {
  const period = periodOf(q.from, q.to, Date.now(), MAX_PERIOD_DAYS);
  const handleSec = {
    ...(q.ahtCall !== undefined ? { call: q.ahtCall } : {}),
    ...(q.ahtChat !== undefined ? { chat: q.ahtChat } : {}),
    ...(q.ahtEmail !== undefined ? { email: q.ahtEmail } : {}),
  };
  const whatIf: StaffingWhatIf = {
    call: {
      ...(q.callServiceLevel !== undefined ? { share: q.callServiceLevel } : {}),
      ...(q.callAnswerWithinSec !== undefined ? { answerWithinSec: q.callAnswerWithinSec } : {}),
    },
    chat: {
      ...(q.chatServiceLevel !== undefined ? { share: q.chatServiceLevel } : {}),
      ...(q.chatAnswerWithinSec !== undefined ? { answerWithinSec: q.chatAnswerWithinSec } : {}),
    },
    ...(q.chatConcurrency !== undefined ? { chatConcurrency: q.chatConcurrency } : {}),
    ...(q.shrinkage !== undefined ? { shrinkage: q.shrinkage } : {}),
    ...(Object.keys(handleSec).length > 0 ? { handleSec } : {}),
  };
  return {
    ...period,
    timeZone: q.tz,
    ...(q.teams ? { teamIds: q.teams.split(',') } : {}),
    whatIf,
  };
}

/** Agents needed per hour of the week against those seen, with what-ifs (managers: their teams). */
export const staffingRoutes =
  (desk: StaffingDesk): FastifyPluginAsyncZod =>
  // eslint-disable-next-line @typescript-eslint/require-await -- fastify plugins are async functions
  async (app) => {
    app.get(
      '/staffing/plan',
      {
        schema: {
          tags: ['insights'],
          summary:
            'Week staffing plan: required agents per hour and channel (Erlang C, e-mail workload) against agents seen; what-if parameters',
          querystring: StaffingQuerySchema,
        },
      },
      async (request) => desk.plan(requirePrincipal(request), toStaffingQuery(request.query)),
    );
  };
