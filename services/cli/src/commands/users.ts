import type { Role } from '@rapport/schemas';
import { hashPassword, newPassword } from '@rapport/review';
import { AccountAdmin, PeopleRepository, StoreError } from '@rapport/store';
import { openAuditLog, openStore, type CliConfig } from '../config.js';

export interface NewUserOptions {
  tenant: string;
  username: string;
  role: Role;
  displayName?: string;
  teams: string[];
  agentId?: string;
  /** Generated (and printed once) when absent. */
  password?: string;
  /** Refuse when the tenant already has an admin: the bootstrap path. */
  onlyIfNoAdmin?: boolean;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;
const TENANT = /^[a-z0-9][a-z0-9_-]{0,62}$/i;

/** Creates a user from the command line (the first admin, or anyone when no admin is at hand). */
export async function createUser(
  o: NewUserOptions,
  config: CliConfig,
): Promise<{ password: string; generated: boolean }> {
  if (!TENANT.test(o.tenant))
    throw new Error(`--tenant "${o.tenant}" must be 1-63 letters, digits, "-" or "_"`);
  if (!USERNAME.test(o.username))
    throw new Error(`--username "${o.username}" must be 2-63 lower-case letters, digits, ".", "_" or "-"`);
  if (o.role === 'manager' && o.teams.length === 0)
    throw new Error('a manager needs --teams (comma-separated team ids)');
  if (o.role === 'agent' && !o.agentId)
    throw new Error('an agent needs --agent-id (their id in interaction events)');
  if (o.password !== undefined && o.password.length < 12)
    throw new Error('the password must be at least 12 characters');
  const password = o.password ?? newPassword();
  const store = await openStore(config);
  try {
    const people = new PeopleRepository(store.db);
    if (o.onlyIfNoAdmin) {
      const admins = (await people.listUsers(o.tenant)).filter((u) => u.role === 'admin');
      if (admins.length > 0)
        throw new Error(
          `tenant ${o.tenant} already has an admin (${admins.map((a) => a._id).join(', ')}); sign in as them to add users`,
        );
    }
    const doc = {
      _id: o.username,
      tenantId: o.tenant,
      role: o.role,
      displayName: o.displayName ?? o.username,
      teamIds: o.role === 'manager' ? o.teams : [],
      ...(o.role === 'agent' && o.agentId ? { agentId: o.agentId } : {}),
      passwordHash: await hashPassword(password),
      disabled: false,
      createdAt: new Date(),
      createdBy: 'cli',
    };
    try {
      await people.createUser(doc);
    } catch (err) {
      if (err instanceof StoreError && err.code === 'DUPLICATE_KEY') throw new Error(err.message);
      throw err;
    }
    const audit = openAuditLog(config, store.db);
    await audit.ensureIndexes();
    const { passwordHash, ...shown } = doc;
    void passwordHash;
    await audit.append({
      tenantId: o.tenant,
      actor: { id: 'cli', role: 'system', via: 'cli' },
      action: 'user.create',
      target: { type: 'user', id: o.username },
      before: null,
      after: shown,
    });
    return { password, generated: o.password === undefined };
  } finally {
    await store.close();
  }
}

export type AccountCommand = 'disable' | 'enable' | 'reset-password' | 'revoke-sessions';

/**
 * An admin's account change from the command line (when no admin can sign in, or from a script),
 * through the same AccountAdmin as the API: the same effects and the same audit entries.
 */
export async function changeAccount(
  command: AccountCommand,
  o: { tenant: string; username: string; password?: string },
  config: CliConfig,
): Promise<{ sessionsEnded: number; tokensRevoked: string[]; password?: string }> {
  if (!TENANT.test(o.tenant))
    throw new Error(`--tenant "${o.tenant}" must be 1-63 letters, digits, "-" or "_"`);
  if (!USERNAME.test(o.username))
    throw new Error(`--username "${o.username}" must be 2-63 lower-case letters, digits, ".", "_" or "-"`);
  if (o.password !== undefined && o.password.length < 12)
    throw new Error('the password must be at least 12 characters');
  const store = await openStore(config);
  try {
    const audit = openAuditLog(config, store.db);
    await audit.ensureIndexes();
    const accounts = new AccountAdmin(new PeopleRepository(store.db), audit);
    const actor = { id: 'cli', role: 'system', via: 'cli' } as const;
    let password: string | undefined;
    const change = await (async () => {
      switch (command) {
        case 'disable':
          return accounts.disable(o.tenant, o.username, actor);
        case 'enable':
          return accounts.enable(o.tenant, o.username, actor);
        case 'revoke-sessions':
          return accounts.revokeSessions(o.tenant, o.username, actor);
        case 'reset-password':
          password = o.password ?? newPassword();
          return accounts.resetPassword(
            o.tenant,
            o.username,
            await hashPassword(password),
            actor,
            o.password === undefined ? 'generated' : 'set',
          );
      }
    })();
    if (!change) throw new Error(`no user "${o.username}" in tenant ${o.tenant}; check both names`);
    return {
      sessionsEnded: change.sessionsEnded,
      tokensRevoked: change.tokensRevoked,
      ...(password !== undefined && o.password === undefined ? { password } : {}),
    };
  } finally {
    await store.close();
  }
}
