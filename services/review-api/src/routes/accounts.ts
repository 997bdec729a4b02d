import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Role } from '@rapport/schemas';
import { canAdminister, hashPassword, newPassword, type Principal } from '@rapport/review';
import type { AccountChange } from '@rapport/store';
import type { AppContext } from '../app.js';
import { requirePrincipal } from '../auth/login.js';
import { actorOf } from '../desk.js';
import { HttpError } from '../http-errors.js';

const ErrorOut = z.object({ error: z.string(), message: z.string() });
const errors = { 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut };
const UserParams = z
  .object({ username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'is not a user name') })
  .strict();
const ChangeOut = z.object({
  user: z.string(),
  sessionsEnded: z.number(),
  tokensRevoked: z.array(z.string()),
});

function admin(request: Parameters<typeof requirePrincipal>[0]): Principal {
  const p = requirePrincipal(request);
  if (!canAdminister(p)) throw new HttpError(403, 'FORBIDDEN', 'only admins manage accounts');
  return p;
}

function found(change: AccountChange | null, username: string): AccountChange {
  if (!change) throw new HttpError(404, 'NOT_FOUND', `no user "${username}" in your tenant`);
  return change;
}

/** Admins' account lifecycle: list, disable, enable, reset a password, sign a user out everywhere. */
export const accountRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  // eslint-disable-next-line @typescript-eslint/require-await -- fastify plugins are async functions
  async (app) => {
    app.get(
      '/users',
      {
        schema: {
          tags: ['admin'],
          summary: 'The users of your tenant (admins)',
          response: {
            200: z.object({
              users: z.array(
                z.object({
                  id: z.string(),
                  role: Role,
                  displayName: z.string(),
                  teamIds: z.array(z.string()),
                  agentId: z.string().optional(),
                  disabled: z.boolean(),
                }),
              ),
            }),
            401: ErrorOut,
            403: ErrorOut,
          },
        },
      },
      async (request) => {
        const p = admin(request);
        const users = await ctx.people.listUsers(p.tenantId);
        return {
          users: users
            .map((u) => ({
              id: u._id,
              role: u.role,
              displayName: u.displayName,
              teamIds: u.teamIds,
              ...(u.agentId ? { agentId: u.agentId } : {}),
              disabled: u.disabled,
            }))
            .sort((a, b) => a.id.localeCompare(b.id)),
        };
      },
    );

    app.post(
      '/users/:username/disable',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Disable a user (admins): no sign-in; their sessions end and the API tokens they issued are revoked, at once',
          params: UserParams,
          response: { 200: ChangeOut, ...errors },
        },
      },
      async (request) => {
        const p = admin(request);
        if (request.params.username === p.id)
          throw new HttpError(
            409,
            'CANNOT_DISABLE_SELF',
            'you cannot disable your own account: ask another admin, so the tenant always keeps one',
          );
        return found(
          await ctx.accounts.disable(p.tenantId, request.params.username, actorOf(p)),
          request.params.username,
        );
      },
    );

    app.post(
      '/users/:username/enable',
      {
        schema: {
          tags: ['admin'],
          summary: 'Let a disabled user sign in again (admins)',
          params: UserParams,
          response: { 200: ChangeOut, ...errors },
        },
      },
      async (request) => {
        const p = admin(request);
        return found(
          await ctx.accounts.enable(p.tenantId, request.params.username, actorOf(p)),
          request.params.username,
        );
      },
    );

    app.post(
      '/users/:username/password',
      {
        schema: {
          tags: ['admin'],
          summary:
            "Reset a user's password (admins): send one, or none to have one generated and shown once. Their sessions end.",
          params: UserParams,
          body: z
            .object({ password: z.string().min(12, 'must be at least 12 characters').max(200).optional() })
            .strict()
            .default({}),
          response: { 200: ChangeOut.extend({ password: z.string().optional() }), ...errors },
        },
      },
      async (request) => {
        const p = admin(request);
        const given = request.body.password;
        const password = given ?? newPassword();
        const change = found(
          await ctx.accounts.resetPassword(
            p.tenantId,
            request.params.username,
            await hashPassword(password),
            actorOf(p),
            given === undefined ? 'generated' : 'set',
          ),
          request.params.username,
        );
        return { ...change, ...(given === undefined ? { password } : {}) };
      },
    );

    app.delete(
      '/users/:username/sessions',
      {
        schema: {
          tags: ['admin'],
          summary: 'Sign a user out everywhere (admins): every session ends on every instance at once',
          params: UserParams,
          response: { 200: ChangeOut, ...errors },
        },
      },
      async (request) => {
        const p = admin(request);
        return found(
          await ctx.accounts.revokeSessions(p.tenantId, request.params.username, actorOf(p)),
          request.params.username,
        );
      },
    );
  };
