import { createHash } from 'node:crypto';
import {
  DUMMY_PASSWORD_HASH,
  hashSecret,
  newSecret,
  sameSecret,
  verifyPassword,
  type Principal,
} from '@rapport/review';
import type { ApiTokenDocument, PeopleRepository, UserDocument } from '@rapport/store';

export const SESSION_COOKIE = 'rapport_session';
const TOKEN_PATTERN = /^rpt_([A-Za-z0-9_-]{8,40})_([A-Za-z0-9_-]{43})$/;

export interface SessionPolicy {
  /** Absolute lifetime of a session (SESSION_TTL_HOURS). */
  ttlMs: number;
  /** A session unused this long ends (SESSION_IDLE_MINUTES). */
  idleMs: number;
  /** Lifetime of tokens created before tokens carried their own expiry (TOKEN_TTL_DAYS). */
  tokenTtlMs: number;
}

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

/** When a token stops working; tokens from before expiry existed count from their creation. */
export const tokenExpiry = (t: ApiTokenDocument, defaultTtlMs: number): Date =>
  t.expiresAt ?? new Date(t.createdAt.getTime() + defaultTtlMs);

/**
 * Resolves sessions and tokens. Nothing is cached: a disabled user, a revoked session or token
 * must fail on every instance at once, and the look-ups are by _id (two per request).
 */
export class Authenticator {
  constructor(
    private readonly people: PeopleRepository,
    private readonly policy: SessionPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks a password; the same work is done for unknown names, so timing reveals nothing. */
  async checkPassword(username: string, password: string): Promise<UserDocument | null> {
    const user = await this.people.findUser(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
    return ok && user && !user.disabled ? user : null;
  }

  async startSession(user: UserDocument): Promise<{ secret: string; expiresAt: Date }> {
    const secret = newSecret();
    const now = this.now();
    const absoluteExpiresAt = new Date(now + this.policy.ttlMs);
    await this.people.createSession({
      _id: hashSecret(secret),
      userId: user._id,
      createdAt: new Date(now),
      expiresAt: new Date(Math.min(absoluteExpiresAt.getTime(), now + this.policy.idleMs)),
      absoluteExpiresAt,
      lastSeenAt: new Date(now),
    });
    // The cookie lives as long as the session could; the store decides whether it still does.
    return { secret, expiresAt: absoluteExpiresAt };
  }

  async endSession(secret: string): Promise<void> {
    await this.people.deleteSession(hashSecret(secret));
  }

  async fromSession(secret: string): Promise<Principal | null> {
    const id = hashSecret(secret);
    const session = await this.people.findSession(id);
    if (!session) return null;
    const now = this.now();
    if (session.expiresAt.getTime() <= now) {
      // Expired sessions go on access as well as in the periodic sweep.
      await this.people.deleteSession(id);
      return null;
    }
    const user = await this.people.findUser(session.userId);
    if (!user || user.disabled) return null;
    // Moving the idle expiry costs a write; one per tenth of the idle time is precise enough.
    const lastSeen = session.lastSeenAt?.getTime() ?? session.createdAt.getTime();
    if (now - lastSeen >= this.policy.idleMs / 10) {
      const absolute = (session.absoluteExpiresAt ?? session.expiresAt).getTime();
      await this.people.touchSession(
        id,
        new Date(now),
        new Date(Math.min(absolute, now + this.policy.idleMs)),
      );
    }
    return principalOf(user, 'session');
  }

  async fromToken(token: string): Promise<Principal | null> {
    const m = TOKEN_PATTERN.exec(token);
    if (!m) return null;
    const [, id, secret] = m as unknown as [string, string, string];
    const t = await this.people.findToken(id);
    if (!t || t.revoked || !sameSecret(t.secretHash, hashSecret(secret))) return null;
    if (tokenExpiry(t, this.policy.tokenTtlMs).getTime() <= this.now()) return null;
    return {
      id: `token:${t._id}`,
      tenantId: t.tenantId,
      role: t.role,
      teamIds: t.role === 'manager' ? t.teamIds : [],
      displayName: t.name,
      via: 'token',
      ...(t.scope === 'read' ? { readOnly: true } : {}),
    };
  }
}

/** `rpt_<id>_<secret>`: the id finds the record by _id, the secret is compared by hash. */
export function newApiToken(): { id: string; secret: string; token: string } {
  const id = newSecret().slice(0, 16);
  const secret = newSecret();
  return { id, secret, token: `rpt_${id}_${secret}` };
}
