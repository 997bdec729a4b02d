import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_PERIOD_DAYS, trainingMarkdown } from '@rapport/insights';
import { LanguageTag } from '@rapport/schemas';
import { requirePrincipal } from '../auth/login.js';
import { periodOf } from '../scorecards-view.js';
import type { TrainingDesk, TrainingQuery } from '../training-view.js';
import { trainingHtml } from '../ui/training-export.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day like 2026-03-01');
const TeamList = z
  .string()
  .max(500)
  .regex(/^[A-Za-z0-9_.:-]+(,[A-Za-z0-9_.:-]+)*$/, 'must be team ids separated by commas');

export const TrainingQuerySchema = z
  .object({
    from: Day.optional(),
    to: Day.optional(),
    tz: z.string().max(64).default('UTC').describe('IANA time zone of the desk, e.g. Europe/Copenhagen'),
    teams: TeamList.optional().describe('only these teams, comma-separated (managers: of their own)'),
    topics: z.coerce.number().int().min(1).max(50).default(10),
    examples: z.coerce.number().int().min(1).max(10).default(3),
    language: LanguageTag.optional(),
  })
  .strict();
export type TrainingQueryInput = z.infer<typeof TrainingQuerySchema>;

export const TrainingExportSchema = TrainingQuerySchema.extend({
  format: z.enum(['markdown', 'html']).default('html'),
}).strict();

export function toTrainingQuery(q: TrainingQueryInput): TrainingQuery {
  return {
    ...periodOf(q.from, q.to, Date.now(), MAX_PERIOD_DAYS),
    timeZone: q.tz,
    topics: q.topics,
    examples: q.examples,
    ...(q.teams ? { teamIds: q.teams.split(',') } : {}),
    ...(q.language ? { language: q.language } : {}),
  };
}

/** Training packs for the period's top customer topics (managers: their teams), and their export. */
export const trainingRoutes =
  (desk: TrainingDesk): FastifyPluginAsyncZod =>
  // eslint-disable-next-line @typescript-eslint/require-await -- fastify plugins are async functions
  async (app) => {
    app.get(
      '/training/packs',
      {
        schema: {
          tags: ['insights'],
          summary:
            'Training packs: per top customer topic, its share, how the desk handles it, agents best and worst, redacted examples',
          querystring: TrainingQuerySchema,
        },
      },
      async (request) => desk.packs(requirePrincipal(request), toTrainingQuery(request.query)),
    );
    app.get(
      '/training/export',
      {
        schema: {
          tags: ['insights'],
          summary:
            'Training packs as one self-contained HTML or Markdown file to hand to a trainer (redacted text only)',
          querystring: TrainingExportSchema,
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const { format, ...rest } = request.query;
        const q = toTrainingQuery(rest);
        const report = await desk.packs(p, q);
        const teamIds = desk.teamsOf(p, q);
        const meta = { tenantId: p.tenantId, from: q.from, to: q.to, ...(teamIds ? { teamIds } : {}) };
        const name = `training-${q.from}-${q.to}.${format === 'html' ? 'html' : 'md'}`;
        void reply.header('content-disposition', `attachment; filename="${name}"`);
        if (format === 'markdown')
          return reply.type('text/markdown; charset=utf-8').send(trainingMarkdown(report, meta));
        return reply.type('text/html; charset=utf-8').send(trainingHtml(report, meta).toString());
      },
    );
  };
