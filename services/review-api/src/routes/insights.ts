import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_PERIOD_DAYS } from '@rapport/insights';
import { Channel, LanguageTag } from '@rapport/schemas';
import { requirePrincipal } from '../auth/login.js';
import type { InsightsDesk, InsightsQuery } from '../insights-view.js';
import { periodOf } from '../scorecards-view.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day like 2026-03-01');
export const InsightsQuerySchema = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    tz: z.string().max(64).default('UTC').describe('IANA time zone of the desk, e.g. Europe/Copenhagen'),
    channel: Channel.optional(),
    language: LanguageTag.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export function toInsightsQuery(q: z.infer<typeof InsightsQuerySchema>): InsightsQuery {
  const period = periodOf(q.from, q.to, Date.now(), MAX_PERIOD_DAYS);
  return {
    ...period,
    timeZone: q.tz,
    limit: q.limit,
    ...(q.channel ? { channel: q.channel } : {}),
    ...(q.language ? { language: q.language } : {}),
  };
}

/** What customers ask about most, and when the desk is short-handed (managers: their teams). */
export const insightsRoutes =
  (desk: InsightsDesk): FastifyPluginAsyncZod =>
  // eslint-disable-next-line @typescript-eslint/require-await -- fastify plugins are async functions
  async (app) => {
    app.get(
      '/insights/topics',
      {
        schema: {
          tags: ['insights'],
          summary:
            'Top customer topics over a period (TF-IDF over per-interaction keyphrases), with examples',
          querystring: InsightsQuerySchema,
        },
      },
      async (request) => desk.topics(requirePrincipal(request), toInsightsQuery(request.query)),
    );
    app.get(
      '/insights/coverage',
      {
        schema: {
          tags: ['insights'],
          summary:
            'Volume by hour of week against median first response and flag rate; understaffed hours marked',
          querystring: InsightsQuerySchema,
        },
      },
      async (request) => desk.coverage(requirePrincipal(request), toInsightsQuery(request.query)),
    );
  };
