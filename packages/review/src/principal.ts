import type { Role } from '@rapport/schemas';

/** Who is asking: a signed-in person or an API token, always within one tenant. */
export interface Principal {
  /** The user name, or `token:<id>` for API tokens. */
  id: string;
  tenantId: string;
  role: Role;
  /** Managers: the teams they manage. Empty for other roles. */
  teamIds: readonly string[];
  /** Agents: their agent id in the interaction events. */
  agentId?: string;
  displayName: string;
  via: 'session' | 'token';
  /** Read-only API tokens: GET requests only. */
  readOnly?: boolean;
}

/** What a principal may see of an interaction, decided from the few fields the queue index holds. */
export interface AccessSubject {
  tenantId: string;
  teamId: string;
  agentId: string;
  /** True when the agent has something to answer: a confirmed flag or a coaching note. */
  visibleToAgent: boolean;
}

export function canSee(p: Principal, s: AccessSubject): boolean {
  if (p.tenantId !== s.tenantId) return false;
  switch (p.role) {
    case 'admin':
    case 'auditor':
      return true;
    case 'manager':
      return p.teamIds.includes(s.teamId);
    case 'agent':
      return p.agentId !== undefined && p.agentId === s.agentId && s.visibleToAgent;
  }
}

/** Managers' actions: decisions, coaching, escalation, notes, assignment, rulings. */
export function canManage(p: Principal, s: AccessSubject): boolean {
  if (!canSee(p, s)) return false;
  return p.role === 'admin' || p.role === 'manager';
}

/** The agent's own answer to a decision: acknowledge or dispute. */
export function canRespond(p: Principal, s: AccessSubject): boolean {
  return p.role === 'agent' && canSee(p, s);
}

export const canExport = (p: Principal) => p.role === 'admin' || p.role === 'auditor';
export const canReadAudit = (p: Principal) => p.role === 'admin' || p.role === 'auditor';
export const canAdminister = (p: Principal) => p.role === 'admin';
