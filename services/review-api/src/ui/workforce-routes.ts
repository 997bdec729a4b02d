import type { FastifyPluginAsync } from 'fastify';
import type { z } from 'zod';
import type { StaffingDesk } from '../staffing-view.js';
import type { TrainingDesk } from '../training-view.js';
import { HttpError } from '../http-errors.js';
import { withoutEmpty } from '../queue-query.js';
import { StaffingQuerySchema, toStaffingQuery } from '../routes/staffing.js';
import { TrainingQuerySchema, toTrainingQuery } from '../routes/training.js';
import { pageContext, plainQuery, sendPage, signedIn } from './routes.js';
import { staffingPage } from './staffing-page.js';
import { trainingPage } from './training-page.js';

function parseQuery<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(withoutEmpty(plainQuery(raw)));
  if (!parsed.success)
    throw new HttpError(
      400,
      'INVALID_REQUEST',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

/** The staffing and training pages (their data comes from the same desks as the API). */
export const workforcePages =
  (desks: { staffing: StaffingDesk; training: TrainingDesk }): FastifyPluginAsync =>
  // eslint-disable-next-line @typescript-eslint/require-await -- fastify plugins are async functions
  async (app) => {
    app.get('/staffing', { schema: { hide: true } }, async (request, reply) => {
      const p = signedIn(request, reply);
      if (!p) return reply;
      // The what-if form shows back what was asked.
      const values = plainQuery(request.query);
      const q = toStaffingQuery(parseQuery(StaffingQuerySchema, request.query));
      const plan = await desks.staffing.plan(p, q);
      return sendPage(
        reply,
        staffingPage(
          pageContext(request, 'Staffing'),
          { from: q.from, to: q.to, timeZone: q.timeZone, values },
          plan,
        ),
      );
    });

    app.get('/training', { schema: { hide: true } }, async (request, reply) => {
      const p = signedIn(request, reply);
      if (!p) return reply;
      const parsed = parseQuery(TrainingQuerySchema, request.query);
      const q = toTrainingQuery(parsed);
      const report = await desks.training.packs(p, q);
      const exportQuery = new URLSearchParams({
        from: q.from,
        to: q.to,
        tz: q.timeZone,
        ...(parsed.teams ? { teams: parsed.teams } : {}),
      }).toString();
      return sendPage(
        reply,
        trainingPage(
          pageContext(request, 'Training packs'),
          { from: q.from, to: q.to, timeZone: q.timeZone, exportQuery },
          report,
        ),
      );
    });
  };
