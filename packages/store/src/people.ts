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
  expiresAt: Date;
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

  async revokeToken(id: string, tenantId: string): Promise<boolean> {
    const t = await this.findToken(id);
    if (!t || t.tenantId !== tenantId) return false;
    await this.tokens.updateOne({ _id: id }, { $set: { revoked: true } });
    return true;
  }
}
