import type { Actor } from '@rapport/schemas';
import type { AuditLog } from './audit.js';
import type { PeopleRepository, UserDocument } from './people.js';

/** What an account change did, for the caller's answer. */
export interface AccountChange {
  user: string;
  sessionsEnded: number;
  tokensRevoked: string[];
}

/**
 * Admins' account lifecycle, shared by the API and the CLI so both do the same thing. As with
 * reviews, the audit entry is written before the change, so no change exists without one. Each
 * change takes effect at once: sessions and tokens are checked in the store on every request.
 * Every method returns null when the tenant has no such user.
 */
export class AccountAdmin {
  constructor(
    private readonly people: PeopleRepository,
    private readonly audit: AuditLog,
  ) {}

  /** Disabled users cannot sign in; their sessions end and the API tokens they issued are revoked. */
  async disable(tenantId: string, name: string, actor: Actor): Promise<AccountChange | null> {
    const user = await this.find(tenantId, name);
    if (!user) return null;
    await this.record(
      tenantId,
      actor,
      'user.disable',
      user._id,
      { disabled: user.disabled },
      { disabled: true },
    );
    await this.people.setDisabled(user._id, tenantId, true);
    const sessionsEnded = await this.people.deleteSessionsOf(user._id);
    const tokensRevoked = await this.people.revokeTokensCreatedBy(user._id, tenantId);
    return { user: user._id, sessionsEnded, tokensRevoked };
  }

  /** Lets a disabled user sign in again (their ended sessions and revoked tokens stay so). */
  async enable(tenantId: string, name: string, actor: Actor): Promise<AccountChange | null> {
    const user = await this.find(tenantId, name);
    if (!user) return null;
    await this.record(
      tenantId,
      actor,
      'user.enable',
      user._id,
      { disabled: user.disabled },
      { disabled: false },
    );
    await this.people.setDisabled(user._id, tenantId, false);
    return { user: user._id, sessionsEnded: 0, tokensRevoked: [] };
  }

  /** Sets a new password hash and ends the user's sessions: whoever held them signs in anew. */
  async resetPassword(
    tenantId: string,
    name: string,
    passwordHash: string,
    actor: Actor,
    how: 'generated' | 'set',
  ): Promise<AccountChange | null> {
    const user = await this.find(tenantId, name);
    if (!user) return null;
    // The entry says that the password changed and how, never the password or its hash.
    await this.record(tenantId, actor, 'user.password_reset', user._id, null, { password: how });
    await this.people.setPassword(user._id, passwordHash);
    const sessionsEnded = await this.people.deleteSessionsOf(user._id);
    return { user: user._id, sessionsEnded, tokensRevoked: [] };
  }

  /** Signs a user out everywhere. */
  async revokeSessions(tenantId: string, name: string, actor: Actor): Promise<AccountChange | null> {
    const user = await this.find(tenantId, name);
    if (!user) return null;
    await this.record(tenantId, actor, 'user.sessions_revoke', user._id, null, { sessions: 'all' });
    const sessionsEnded = await this.people.deleteSessionsOf(user._id);
    return { user: user._id, sessionsEnded, tokensRevoked: [] };
  }

  private async find(tenantId: string, name: string): Promise<UserDocument | null> {
    const user = await this.people.findUser(name);
    return user && user.tenantId === tenantId ? user : null;
  }

  private async record(
    tenantId: string,
    actor: Actor,
    action: string,
    user: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.audit.append({ tenantId, actor, action, target: { type: 'user', id: user }, before, after });
  }
}
