import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '@rapport/review';
import type { AppContext } from '../app.js';
import { HttpError } from '../http-errors.js';
import { csrfTokenOf, principalOf, SESSION_COOKIE } from './sessions.js';

/**
 * Signs a person in: throttled per (user name, address), per address and per name (see
 * LoginThrottle); the same answer for every failure.
 */
export async function signIn(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  username: string,
  password: string,
): Promise<{ principal: Principal; csrfToken: string }> {
  const wait = ctx.throttle.retryAfter(username, request.ip);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    void reply.header('retry-after', String(seconds));
    throw new HttpError(
      429,
      'TOO_MANY_SIGN_IN_FAILURES',
      `too many failed sign-ins for this user name from your address; try again in ${seconds} second(s), or ask an admin to reset your password`,
    );
  }
  const user = await ctx.auth.checkPassword(username, password);
  if (!user) {
    ctx.throttle.fail(username, request.ip);
    request.log.info({ username: username.slice(0, 100) }, 'sign-in failed');
    throw new HttpError(401, 'SIGN_IN_FAILED', 'wrong user name or password');
  }
  ctx.throttle.succeed(username, request.ip);
  const { secret, expiresAt } = await ctx.auth.startSession(user);
  void reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    secure: ctx.settings.cookieSecure,
    sameSite: 'strict',
    path: '/',
    expires: expiresAt,
  });
  return { principal: principalOf(user, 'session'), csrfToken: csrfTokenOf(secret) };
}

export async function signOut(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.sessionSecret) await ctx.auth.endSession(request.sessionSecret);
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal)
    throw new HttpError(
      401,
      'SIGN_IN_REQUIRED',
      'sign in (session cookie) or send an API token (Authorization: Bearer rpt_...)',
    );
  return request.principal;
}
