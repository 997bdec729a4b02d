import type { Channel } from '@rapport/schemas';

/** The timing of one stored transcript entry: no text. */
export interface TimedEntry {
  role: 'agent' | 'customer' | 'bot' | 'system';
  at?: string | Date;
  startSec?: number;
  endSec?: number;
}

/**
 * A chat gap longer than this is not agent work: the customer went away, or the chat was parked.
 * Counting it would make one abandoned chat look like an hour's work.
 */
export const CHAT_IDLE_CAP_SEC = 300;

const ms = (at: string | Date | undefined) =>
  at === undefined ? Number.NaN : at instanceof Date ? at.getTime() : Date.parse(at);

/**
 * Handle time of a stored conversation, in seconds, where its transcript shows it; null otherwise.
 *
 * - Calls: first segment start to last segment end (the talk time; wrap-up is not recorded).
 * - Chat: time from the agent's first message to the last message, with each gap capped at
 *   CHAT_IDLE_CAP_SEC: the time the chat occupied its agent.
 * - E-mail: null. Timestamps between e-mails are the customer's and the queue's waiting, not the
 *   agent's writing, so e-mail uses the policy's default handle time.
 */
export function handleTimeSec(channel: Channel, entries: readonly TimedEntry[] | undefined): number | null {
  if (!entries || entries.length === 0) return null;
  switch (channel) {
    case 'call': {
      let start = Number.POSITIVE_INFINITY;
      let end = Number.NEGATIVE_INFINITY;
      for (const e of entries) {
        if (typeof e.startSec === 'number') start = Math.min(start, e.startSec);
        if (typeof e.endSec === 'number') end = Math.max(end, e.endSec);
      }
      return Number.isFinite(start) && Number.isFinite(end) && end > start ? end - start : null;
    }
    case 'chat': {
      const times = entries.map((e) => ({ role: e.role, t: ms(e.at) })).filter((e) => !Number.isNaN(e.t));
      const first = times.findIndex((e) => e.role === 'agent');
      if (first < 0) return null;
      let total = 0;
      for (let i = first + 1; i < times.length; i++)
        total += Math.min(
          CHAT_IDLE_CAP_SEC,
          Math.max(0, ((times[i]?.t ?? 0) - (times[i - 1]?.t ?? 0)) / 1000),
        );
      return total > 0 ? total : null;
    }
    case 'email':
      return null;
  }
}
