import { createHash } from 'node:crypto';
import {
  DUMMY_PASSWORD_HASH,
  hashSecret,
  newSecret,
  sameSecret,
  verifyPassword,
  type Principal,
} from '@rapport/review';
import type { PeopleRepository, UserDocument } from '@rapport/store';

export const SESSION_COOKIE = 'rapport_session';
const TOKEN_PATTERN = /^rpt_([A-Za-z0-9_-]{8,40})_([A-Za-z0-9_-]{43})$/;
// Resolved sessions and tokens are kept briefly, sparing two store reads on every request.
const CACHE_MS = 30_000;

export function principalOf(user: UserDocument, via: 'session' | 'token'): Principal {
  return {
    id: user._id,
    tenantId: user.tenantId,
    role: user.role,
    teamIds: user.role === 'manager' ? user.teamIds : [],
    ...(user.role === 'agent' && user.agentId ? { agentId: user.agentId } : {}),
    displayName: user.displayName,
    via,
  };
}

/** The CSRF token of a session: derived from its secret, so nothing more is stored. */
export const csrfTokenOf = (sessionSecret: string) =>
  createHash('sha256').update(`csrf:${sessionSecret}`).digest('base64url');

export const csrfMatches = (sessionSecret: string, presented: string | undefined) =>
  presented !== undefined && sameSecret(csrfTokenOf(sessionSecret), presented);

/**
 * Counts failed sign-ins per user name and per client address in a sliding window. An address
 * gets four times the allowance of a name: many people may share one office address.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  private limitOf(key: string): number {
    return key.startsWith('ip:') ? this.max * 4 : this.max;
  }

  /** Milliseconds until `keys` may try again; 0 when they may now. */
  retryAfter(keys: readonly string[], now = Date.now()): number {
    let wait = 0;
    for (const k of keys) {
      const recent = (this.failures.get(k) ?? []).filter((t) => now - t < this.windowMs);
      this.failures.set(k, recent);
      if (recent.length >= this.limitOf(k)) wait = Math.max(wait, recent[0]! + this.windowMs - now);
    }
    return wait;
  }

  fail(keys: readonly string[], now = Date.now()): void {
    for (const k of keys) this.failures.set(k, [...(this.failures.get(k) ?? []), now]);
  }

  succeed(keys: readonly string[]): void {
    for (const k of keys) this.failures.delete(k);
  }
}

export class Authenticator {
  private readonly cache = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly people: PeopleRepository,
    private readonly sessionTtlMs: number,
  ) {}

  /** Checks a password; the same work is done for unknown names, so timing reveals nothing. */
  async checkPassword(username: string, password: string): Promise<UserDocument | null> {
    const user = await this.people.findUser(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    return ok && user && !user.disabled ? user : null;
  }

  async startSession(user: UserDocument): Promise<{ secret: string; expiresAt: Date }> {
    const secret = newSecret();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.sessionTtlMs);
    await this.people.createSession({ _id: hashSecret(secret), userId: user._id, createdAt: now, expiresAt });
    return { secret, expiresAt };
  }

  async endSession(secret: string): Promise<void> {
    const id = hashSecret(secret);
    this.cache.delete(`s:${id}`);
    await this.people.deleteSession(id);
  }

  async fromSession(secret: string): Promise<Principal | null> {
    const id = hashSecret(secret);
    return this.cached(`s:${id}`, async () => {
      const session = await this.people.findSession(id);
      if (!session || session.expiresAt.getTime() <= Date.now()) return null;
      const user = await this.people.findUser(session.userId);
      return user && !user.disabled ? principalOf(user, 'session') : null;
    });
  }

  async fromToken(token: string): Promise<Principal | null> {
    const m = TOKEN_PATTERN.exec(token);
    if (!m) return null;
    const [, id, secret] = m as unknown as [string, string, string];
    return this.cached(`t:${hashSecret(token)}`, async () => {
      const t = await this.people.findToken(id);
      if (!t || t.revoked || !sameSecret(t.secretHash, hashSecret(secret))) return null;
      return {
        id: `token:${t._id}`,
        tenantId: t.tenantId,
        role: t.role,
        teamIds: t.role === 'manager' ? t.teamIds : [],
        displayName: t.name,
        via: 'token',
      };
    });
  }

  /** Forget cached principals (a token was revoked, a user disabled). */
  forgetAll(): void {
    this.cache.clear();
  }

  private async cached(key: string, load: () => Promise<Principal | null>): Promise<Principal | null> {
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.principal;
    const principal = await load();
    if (principal) this.cache.set(key, { principal, until: Date.now() + CACHE_MS });
    else this.cache.delete(key);
    if (this.cache.size > 10_000) this.cache.clear();
    return principal;
  }
}

/** `rpt_<id>_<secret>`: the id finds the record by _id, the secret is compared by hash. */
export function newApiToken(): { id: string; secret: string; token: string } {
  const id = newSecret().slice(0, 16);
  const secret = newSecret();
  return { id, secret, token: `rpt_${id}_${secret}` };
}
