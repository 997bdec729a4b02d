import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { scorecardsCsv, scorecardsJson, DEFAULT_MIN_INTERACTIONS } from '@rapport/scorecards';
import { requirePrincipal } from '../auth/login.js';
import { SafeId } from '../queue-query.js';
import { periodOf, type ScorecardDesk } from '../scorecards-view.js';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day like 2026-03-01');
const Period = z.object({ from: Day.optional(), to: Day.optional() }).strict();

/** Scorecards for HR systems and managers; every mean comes with its count and 95% interval. */
export const scorecardRoutes =
  (desk: ScorecardDesk): FastifyPluginAsyncZod =>
  // eslint-disable-next-line @typescript-eslint/require-await -- fastify plugins are async functions
  async (app) => {
    app.get(
      '/scorecards/teams',
      {
        schema: {
          tags: ['scorecards'],
          summary: 'Every team you may see over a period (default: the last 8 weeks)',
          querystring: Period,
        },
      },
      async (request) => {
        const period = periodOf(request.query.from, request.query.to);
        return { period, teams: (await desk.teams(requirePrincipal(request), period)).teams };
      },
    );

    app.get(
      '/scorecards/teams/:teamId',
      {
        schema: {
          tags: ['scorecards'],
          summary:
            "A team's agents ranked (sufficient ones only), each above, below or within the team mean; weekly trend",
          params: z.object({ teamId: SafeId }).strict(),
          querystring: Period,
        },
      },
      async (request) => {
        const period = periodOf(request.query.from, request.query.to);
        return { period, ...(await desk.team(requirePrincipal(request), request.params.teamId, period)) };
      },
    );

    app.get(
      '/scorecards/agents/:agentId',
      {
        schema: {
          tags: ['scorecards'],
          summary: "An agent's period with intervals, weekly trend per dimension and place in the team",
          params: z.object({ agentId: SafeId }).strict(),
          querystring: Period,
        },
      },
      async (request) => {
        const period = periodOf(request.query.from, request.query.to);
        return { period, ...(await desk.agent(requirePrincipal(request), request.params.agentId, period)) };
      },
    );

    app.get(
      '/scorecards/agents/:agentId/days/:day',
      {
        schema: {
          tags: ['scorecards'],
          summary: 'The interactions behind one agent-day (drill-down)',
          params: z.object({ agentId: SafeId, day: Day }).strict(),
        },
      },
      async (request) => desk.day(requirePrincipal(request), request.params.agentId, request.params.day),
    );

    app.get(
      '/scorecards/export',
      {
        schema: {
          tags: ['scorecards'],
          summary: 'Agent scorecards for a period as CSV or JSON (managers: their teams)',
          querystring: Period.extend({
            team: SafeId.optional(),
            format: z.enum(['csv', 'json']).default('csv'),
          }).strict(),
        },
      },
      async (request, reply) => {
        const p = requirePrincipal(request);
        const period = periodOf(request.query.from, request.query.to);
        const summaries = await desk.export(p, period, request.query.team);
        const name = `scorecards-${p.tenantId}-${period.from}-${period.to}`;
        if (request.query.format === 'csv')
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            .send(scorecardsCsv(summaries));
        return reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.json"`)
          .send(
            scorecardsJson(summaries, {
              ...period,
              generatedAt: new Date().toISOString(),
              minInteractions: DEFAULT_MIN_INTERACTIONS,
              confidence: 0.95,
            }),
          );
      },
    );
  };
