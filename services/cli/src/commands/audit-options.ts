import { userInfo } from 'node:os';
import { InvalidArgumentError } from 'commander';
import type { Actor } from '@rapport/schemas';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A --from/--to value: a date (YYYY-MM-DD, UTC) or an ISO date-time with a zone. Ranges are
 * [from, to): a date-only --to means the end of that day, so `--from 2026-03-01 --to 2026-03-31`
 * covers all of March.
 */
export function parseBound(flag: '--from' | '--to', value: string): Date {
  if (DATE_ONLY.test(value)) {
    const day = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value)
      throw new InvalidArgumentError(`${flag} ${value} is not a calendar date`);
    return flag === '--to' ? new Date(day.getTime() + 86_400_000) : day;
  }
  const at = new Date(value);
  if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) || Number.isNaN(at.getTime()))
    throw new InvalidArgumentError(
      `${flag} must be a date (2026-03-01) or a date-time with a zone (2026-03-01T09:00:00Z), not "${value}"`,
    );
  return at;
}

export const tenantOption = (value: string) => {
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/i.test(value))
    throw new InvalidArgumentError(
      `--tenant must be 1-63 letters, digits, "-" or "_", starting with a letter or digit`,
    );
  return value;
};

/** Who ran the command, for the audit log: the operator's login unless --actor names someone. */
export function cliActor(actor: string | undefined): Actor {
  let id = actor;
  if (!id) {
    try {
      id = `cli:${userInfo().username}`;
    } catch {
      id = 'cli';
    }
  }
  return { id, role: 'system', via: 'cli' };
}
