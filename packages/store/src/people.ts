import type { Collection, Db } from 'mongodb';
import type { Role } from '@rapport/schemas';
import { isDuplicateKeyError, StoreError } from './errors.js';

/** A person who signs in. The password is stored only as a scrypt hash. */
export interface UserDocument {
  /** The user name, lower case: unique across tenants, so sign-in needs no tenant. */
  _id: string;
  tenantId: string;
  role: Role;
  displayName: string;
  /** Managers: the teams they manage. */
  teamIds: string[];
  /** Agents: their agent id in interaction events. */
  agentId?: string;
  passwordHash: string;
  disabled: boolean;
  createdAt: Date;
  createdBy: string;
}

/** A browser session: `_id` is the SHA-256 of the cookie's secret, never the secret itself. */
export interface SessionDocument {
  _id: string;
  userId: string;
  createdAt: Date;
  /** When the session ends: the sooner of its absolute expiry and its idle expiry (moved on use). */
  expiresAt: Date;
  /** The absolute end, however active the session (absent on sessions from before it existed). */
  absoluteExpiresAt?: Date;
  lastSeenAt?: Date;
}

/** A machine's API token: `rpt_<id>_<secret>`; only the secret's SHA-256 is stored. */
export interface ApiTokenDocument {
  _id: string;
  secretHash: string;
  name: string;
  tenantId: string;
  role: Role;
  teamIds: string[];
  createdAt: Date;
  createdBy: string;
  revoked: boolean;
  /** When the token stops working (absent on tokens from before expiry existed: createdAt + the default). */
  expiresAt?: Date;
  /** 'read': GET only. Absent means read-write. */
  scope?: 'read' | 'read-write';
}

/**
 * Users, sessions and API tokens. Every lookup on the request path is by _id: an index look-up on
 * MongoDB and on the patched FerretDB (infra/README.md); any other filter decodes every document
 * of the collection in Go on FerretDB, which only admin pages use (listUsers).
 */
export class PeopleRepository {
  readonly users: Collection<UserDocument>;
  readonly sessions: Collection<SessionDocument>;
  readonly tokens: Collection<ApiTokenDocument>;

  constructor(db: Db) {
    this.users = db.collection<UserDocument>('users');
    this.sessions = db.collection<SessionDocument>('sessions');
    this.tokens = db.collection<ApiTokenDocument>('api_tokens');
  }

  async createUser(user: UserDocument): Promise<void> {
    try {
      await this.users.insertOne(user);
    } catch (err) {
      if (isDuplicateKeyError(err))
        throw new StoreError('DUPLICATE_KEY', `a user named "${user._id}" already exists; pick another name`);
      throw err;
    }
  }

  findUser(name: string): Promise<UserDocument | null> {
    return this.users.findOne({ _id: name.toLowerCase() });
  }

  /** A tenant's users (a scan; admin pages only). */
  listUsers(tenantId: string): Promise<UserDocument[]> {
    return this.users.find({ tenantId }, { projection: { passwordHash: 0 } }).toArray();
  }

  async setPassword(name: string, passwordHash: string): Promise<boolean> {
    const r = await this.users.updateOne({ _id: name.toLowerCase() }, { $set: { passwordHash } });
    return r.matchedCount === 1;
  }

  async createSession(session: SessionDocument): Promise<void> {
    await this.sessions.insertOne(session);
  }

  findSession(idHash: string): Promise<SessionDocument | null> {
    return this.sessions.findOne({ _id: idHash });
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.sessions.deleteOne({ _id: idHash });
  }

  async createToken(token: ApiTokenDocument): Promise<void> {
    await this.tokens.insertOne(token);
  }

  findToken(id: string): Promise<ApiTokenDocument | null> {
    return this.tokens.findOne({ _id: id });
  }

  /** Moves a session's idle expiry on use. */
  async touchSession(idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.sessions.updateOne({ _id: idHash }, { $set: { lastSeenAt, expiresAt } });
  }

  /** Ends every session of a user (a scan of the sessions collection; admin actions only). */
  async deleteSessionsOf(userId: string): Promise<number> {
    const r = await this.sessions.deleteMany({ userId });
    return r.deletedCount;
  }

  /**
   * Deletes up to `limit` expired sessions and returns how many: the periodic sweep. Bounded per
   * call so that one sweep never holds the store for long; what is left goes at the next one.
   */
  async sweepExpiredSessions(now: Date, limit: number): Promise<number> {
    const ids = await this.sessions
      .find({ expiresAt: { $lte: now } }, { projection: { _id: 1 }, limit })
      .toArray();
    if (ids.length === 0) return 0;
    const r = await this.sessions.deleteMany({ _id: { $in: ids.map((d) => d._id) } });
    return r.deletedCount;
  }

  /** Disables or enables a user of `tenantId`; false when there is no such user there. */
  async setDisabled(name: string, tenantId: string, disabled: boolean): Promise<boolean> {
    const r = await this.users.updateOne({ _id: name.toLowerCase(), tenantId }, { $set: { disabled } });
    return r.matchedCount === 1;
  }

  /** Revokes every unrevoked API token a user created; returns their ids. */
  async revokeTokensCreatedBy(userId: string, tenantId: string): Promise<string[]> {
    const live = await this.tokens
      .find({ createdBy: userId, tenantId, revoked: false }, { projection: { _id: 1 } })
      .toArray();
    for (const t of live) await this.tokens.updateOne({ _id: t._id }, { $set: { revoked: true } });
    return live.map((t) => t._id);
  }

  async revokeToken(id: string, tenantId: string): Promise<boolean> {
    const t = await this.findToken(id);
    if (!t || t.tenantId !== tenantId) return false;
    await this.tokens.updateOne({ _id: id }, { $set: { revoked: true } });
    return true;
  }
}
