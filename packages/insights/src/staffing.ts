import type { Channel, Policy } from '@rapport/schemas';
import { CoverageAccumulator, type CoverageCell } from './coverage.js';
import { requiredAgents, checkErlangInput } from './erlang.js';
import { InsightsError } from './errors.js';
import { handleTimeSec, type TimedEntry } from './handle-time.js';
import type { InsightRow } from './row.js';
import { DAY_NAMES, WeekHourClock } from './time.js';

/** An interaction as staffing reads it: who handled it, and its handle time where observed. */
export interface StaffingRow extends InsightRow {
  agentId: string;
  /** Seconds, from the stored transcript (see handleTimeSec); null when not observable. */
  handleSec: number | null;
}

/** A service-level target: `share` of contacts answered within `answerWithinSec`. */
export interface ServiceTarget {
  share: number;
  answerWithinSec: number;
}

/** What the plan assumes: the policy's staffing section, possibly changed for a what-if. */
export interface StaffingSettings {
  call: ServiceTarget;
  chat: ServiceTarget;
  chatConcurrency: number;
  shrinkage: number;
  /** Handle time where none was observed (seconds per channel). */
  defaultHandleSec: Record<Channel, number>;
  /** E-mails must be answered within this (the policy's e-mail first-response target). */
  emailResponseSec: number;
  /** What-if: use this handle time whatever was observed. */
  handleSecOverride?: Partial<Record<Channel, number>>;
}

/** The default e-mail answer time when the policy sets none: a working day. */
const EMAIL_RESPONSE_FALLBACK_SEC = 24 * 3600;

export function staffingSettingsOf(policy: Policy): StaffingSettings {
  const s = policy.staffing;
  return {
    call: { ...s.call },
    chat: { ...s.chat },
    chatConcurrency: s.chatConcurrency,
    shrinkage: s.shrinkage,
    defaultHandleSec: { ...s.defaultHandleSec },
    emailResponseSec: policy.thresholds.responsiveness.firstResponseSec.email ?? EMAIL_RESPONSE_FALLBACK_SEC,
  };
}

/** A what-if: any of the assumptions changed. */
export interface StaffingWhatIf {
  call?: Partial<ServiceTarget>;
  chat?: Partial<ServiceTarget>;
  chatConcurrency?: number;
  shrinkage?: number;
  handleSec?: Partial<Record<Channel, number>>;
}

export function applyWhatIf(settings: StaffingSettings, w: StaffingWhatIf): StaffingSettings {
  return {
    ...settings,
    call: { ...settings.call, ...w.call },
    chat: { ...settings.chat, ...w.chat },
    ...(w.chatConcurrency !== undefined ? { chatConcurrency: w.chatConcurrency } : {}),
    ...(w.shrinkage !== undefined ? { shrinkage: w.shrinkage } : {}),
    ...(w.handleSec ? { handleSecOverride: { ...settings.handleSecOverride, ...w.handleSec } } : {}),
  };
}

export interface StaffingOptions {
  timeZone?: string;
  /** The period read: how many times each hour of the week occurred in it. */
  from: Date;
  to: Date;
  settings: StaffingSettings;
  /**
   * Erlang C assumes a steady stream of arrivals; below this many contacts an hour (all
   * channels) an hour is judged by coverage's rule of thumb instead (default 2).
   */
  minContactsPerHour?: number;
  /** Observed handle time is used from this many timed conversations in the hour (default 5). */
  minHandleSamples?: number;
  /** For the rule of thumb: the policy's first-response targets (see CoverageOptions). */
  firstResponseTargetSec?: Partial<Record<Channel, number>>;
}

export type HandleSource = 'observed' | 'policy' | 'what_if';

export interface ChannelPlan {
  channel: Channel;
  contacts: number;
  arrivalsPerHour: number;
  handleSec: number;
  handleSource: HandleSource;
  /** Conversations whose handle time was observed. */
  handleSamples: number;
  /** erlang_c for calls and chat; workload for e-mail (work to answer within the target). */
  model: 'erlang_c' | 'workload';
  trafficErlangs: number;
  agents: number;
  agentsWithShrinkage: number;
  /** Erlang C figures at `agents`; null for e-mail, which has no queue to answer from. */
  probabilityOfWaiting: number | null;
  serviceLevel: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  /** Mean distinct agents who handled this channel in the hour. */
  observedAgents: number;
}

export type StaffingStatus = 'understaffed' | 'overstaffed' | 'balanced' | 'idle';
export type StaffingMethod = 'erlang' | 'rule_of_thumb' | 'none';

export interface StaffingCell {
  day: number;
  dayName: (typeof DAY_NAMES)[number];
  hour: number;
  /** How many times this hour of the week occurred in the period. */
  occurrences: number;
  contacts: number;
  contactsPerHour: number;
  channels: ChannelPlan[];
  /** Sum over channels (agents are assumed to work one channel at a time). */
  requiredAgents: number;
  requiredWithShrinkage: number;
  /** Mean distinct agents who handled any conversation in the hour. */
  observedAgents: number;
  /** observed - required; negative is short. */
  gap: number;
  status: StaffingStatus;
  /** erlang: required vs observed; rule_of_thumb: too few contacts, coverage's mark; none: no contacts. */
  method: StaffingMethod;
  reason: string;
}

export interface StaffingPlan {
  timeZone: string;
  from: string;
  to: string;
  interactions: number;
  settings: StaffingSettings;
  minContactsPerHour: number;
  /** How statuses are decided, with this plan's numbers. */
  rule: string;
  /** cells[day][hour], Monday first. */
  cells: StaffingCell[][];
  totals: { understaffed: number; overstaffed: number; balanced: number; ruleOfThumb: number };
}

const CHANNELS: readonly Channel[] = ['call', 'chat', 'email'];
const CHANNEL_BIT: Record<Channel, number> = { call: 1, chat: 2, email: 4 };
const HOUR_MS = 3_600_000;

interface SlotState {
  contacts: Record<Channel, number>;
  handleSum: Record<Channel, number>;
  handleCount: Record<Channel, number>;
}

const zeros = (): Record<Channel, number> => ({ call: 0, chat: 0, email: 0 });
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * A week's staffing plan from a period of interactions, fed one at a time. Memory holds 168 x 3
 * counters and, per hour of the period, the ids of the agents who worked in it: flat in the
 * number of interactions.
 */
export class StaffingAccumulator {
  private readonly clock: WeekHourClock;
  private readonly slots: SlotState[] = Array.from({ length: 168 }, () => ({
    contacts: zeros(),
    handleSum: zeros(),
    handleCount: zeros(),
  }));
  /** UTC hour number -> agent id -> bit set of the channels they handled in it. */
  private readonly agentsByHour = new Map<number, Map<string, number>>();
  private readonly coverage: CoverageAccumulator;
  private readonly minContacts: number;
  private readonly minSamples: number;
  private interactions = 0;

  constructor(private readonly options: StaffingOptions) {
    this.clock = new WeekHourClock(options.timeZone ?? 'UTC');
    if (!(options.to.getTime() > options.from.getTime()))
      throw new InsightsError('INSIGHTS_BAD_PERIOD', 'the staffing period must end after it starts');
    const s = options.settings;
    for (const [name, target] of [
      ['call', s.call],
      ['chat', s.chat],
    ] as const)
      checkErlangInput({
        arrivalsPerHour: 0,
        handleSec: s.handleSecOverride?.[name] ?? s.defaultHandleSec[name],
        answerWithinSec: target.answerWithinSec,
        serviceLevel: target.share,
        shrinkage: s.shrinkage,
        concurrency: name === 'chat' ? s.chatConcurrency : 1,
      });
    if (!(s.emailResponseSec > 0) || !(s.defaultHandleSec.email > 0))
      throw new InsightsError(
        'INSIGHTS_BAD_OPTION',
        'the e-mail response target and handle time must be positive numbers of seconds',
      );
    this.minContacts = options.minContactsPerHour ?? 2;
    this.minSamples = options.minHandleSamples ?? 5;
    this.coverage = new CoverageAccumulator({
      timeZone: this.clock.timeZone,
      ...(options.firstResponseTargetSec ? { firstResponseTargetSec: options.firstResponseTargetSec } : {}),
    });
  }

  add(row: StaffingRow): void {
    const ms = row.occurredAt instanceof Date ? row.occurredAt.getTime() : Date.parse(row.occurredAt);
    if (Number.isNaN(ms)) return;
    this.interactions++;
    this.coverage.add(row);
    const slot = this.slots[this.clock.slotOf(ms)] as SlotState;
    slot.contacts[row.channel]++;
    if (row.handleSec !== null && row.handleSec > 0) {
      slot.handleSum[row.channel] += row.handleSec;
      slot.handleCount[row.channel]++;
    }
    const hour = Math.floor(ms / HOUR_MS);
    let agents = this.agentsByHour.get(hour);
    if (!agents) this.agentsByHour.set(hour, (agents = new Map<string, number>()));
    agents.set(row.agentId, (agents.get(row.agentId) ?? 0) | CHANNEL_BIT[row.channel]);
  }

  result(): StaffingPlan {
    const { from, to, settings } = this.options;
    const occurrences = new Array<number>(168).fill(0);
    const observed = Array.from({ length: 168 }, () => ({ ...zeros(), any: 0 }));
    for (let h = Math.floor(from.getTime() / HOUR_MS); h * HOUR_MS < to.getTime(); h++) {
      const slot = this.clock.slotOf(h * HOUR_MS);
      occurrences[slot] = (occurrences[slot] ?? 0) + 1;
      const o = observed[slot] as Record<Channel | 'any', number>;
      for (const bits of this.agentsByHour.get(h)?.values() ?? []) {
        o.any++;
        for (const c of CHANNELS) if (bits & CHANNEL_BIT[c]) o[c]++;
      }
    }
    const coverage = this.coverage.result();
    const emailWork = this.slots.map((s, i) => {
      const occ = Math.max(1, occurrences[i] as number);
      return ((s.contacts.email / occ) * this.handle(s, 'email').handleSec) / 3600;
    });
    // E-mail can wait up to its response target: the work arriving in the hours of one target's
    // length, spread evenly over them, has to be done each hour (cyclic over the week).
    const window = Math.min(168, Math.max(1, Math.ceil(settings.emailResponseSec / 3600)));
    const emailLoad = emailWork.map((_, i) => {
      let sum = 0;
      for (let k = 0; k < window; k++) sum += emailWork[(i - k + 168 * 2) % 168] as number;
      return sum / window;
    });

    const totals = { understaffed: 0, overstaffed: 0, balanced: 0, ruleOfThumb: 0 };
    const cells: StaffingCell[][] = [];
    for (let day = 0; day < 7; day++) {
      const row: StaffingCell[] = [];
      for (let hour = 0; hour < 24; hour++) {
        const i = day * 24 + hour;
        const cell = this.cell(
          day,
          hour,
          occurrences[i] as number,
          observed[i] as Record<Channel | 'any', number>,
          emailLoad[i] as number,
          coverage.cells[day]?.[hour] as CoverageCell,
        );
        if (cell.method === 'rule_of_thumb') totals.ruleOfThumb++;
        if (cell.status === 'understaffed') totals.understaffed++;
        else if (cell.status === 'overstaffed') totals.overstaffed++;
        else if (cell.status === 'balanced') totals.balanced++;
        row.push(cell);
      }
      cells.push(row);
    }
    return {
      timeZone: this.clock.timeZone,
      from: from.toISOString(),
      to: to.toISOString(),
      interactions: this.interactions,
      settings,
      minContactsPerHour: this.minContacts,
      rule:
        `Required agents per hour: calls by Erlang C for ${Math.round(settings.call.share * 100)}% answered within ` +
        `${settings.call.answerWithinSec} s; chats by Erlang C for ${Math.round(settings.chat.share * 100)}% within ` +
        `${settings.chat.answerWithinSec} s with ${settings.chatConcurrency} chats per agent; e-mail as the work ` +
        `(contacts x handle time) arriving over the last ${window} h, done within the ${round(settings.emailResponseSec / 3600, 1)} h ` +
        `response target; summed over channels. Scheduled agents add ${Math.round(settings.shrinkage * 100)}% shrinkage. ` +
        `Observed: the mean number of distinct agents who handled a conversation in that hour. An hour is understaffed ` +
        `when observed is more than half an agent below required, overstaffed when it is above required by more than ` +
        `max(1, 25% of required). Hours with fewer than ${this.minContacts} contacts an hour are too quiet for Erlang C ` +
        `and use the coverage rule of thumb (median first response over target, or slow or flagged while busy).`,
      cells,
      totals,
    };
  }

  private handle(s: SlotState, c: Channel): { handleSec: number; handleSource: HandleSource } {
    const override = this.options.settings.handleSecOverride?.[c];
    if (override !== undefined) return { handleSec: override, handleSource: 'what_if' };
    if (s.handleCount[c] >= this.minSamples)
      return { handleSec: s.handleSum[c] / s.handleCount[c], handleSource: 'observed' };
    return { handleSec: this.options.settings.defaultHandleSec[c], handleSource: 'policy' };
  }

  private cell(
    day: number,
    hour: number,
    occurrences: number,
    observed: Record<Channel | 'any', number>,
    emailLoad: number,
    coverageCell: CoverageCell,
  ): StaffingCell {
    const s = this.slots[day * 24 + hour] as SlotState;
    const settings = this.options.settings;
    const occ = Math.max(1, occurrences);
    const contacts = s.contacts.call + s.contacts.chat + s.contacts.email;
    const channels: ChannelPlan[] = [];
    for (const c of CHANNELS) {
      const observedAgents = observed[c] / occ;
      if (s.contacts[c] === 0 && observedAgents === 0 && !(c === 'email' && emailLoad > 0)) continue;
      const { handleSec, handleSource } = this.handle(s, c);
      const arrivalsPerHour = s.contacts[c] / occ;
      const base = {
        channel: c,
        contacts: s.contacts[c],
        arrivalsPerHour: round(arrivalsPerHour, 3),
        handleSec: round(handleSec, 1),
        handleSource,
        handleSamples: s.handleCount[c],
        observedAgents: round(observedAgents, 2),
      };
      if (c === 'email') {
        const agents = Math.ceil(emailLoad - 1e-9);
        channels.push({
          ...base,
          model: 'workload',
          trafficErlangs: round(emailLoad, 3),
          agents,
          agentsWithShrinkage: Math.ceil(agents / (1 - settings.shrinkage) - 1e-9),
          probabilityOfWaiting: null,
          serviceLevel: null,
          averageSpeedOfAnswerSeconds: null,
        });
        continue;
      }
      const target = settings[c];
      const r = requiredAgents({
        arrivalsPerHour,
        handleSec,
        answerWithinSec: target.answerWithinSec,
        serviceLevel: target.share,
        shrinkage: settings.shrinkage,
        concurrency: c === 'chat' ? settings.chatConcurrency : 1,
      });
      channels.push({
        ...base,
        model: 'erlang_c',
        trafficErlangs: round(r.trafficErlangs, 3),
        agents: r.agents,
        agentsWithShrinkage: r.agentsWithShrinkage,
        probabilityOfWaiting: round(r.probabilityOfWaiting, 4),
        serviceLevel: round(r.serviceLevel, 4),
        averageSpeedOfAnswerSeconds: round(r.averageSpeedOfAnswerSeconds, 1),
      });
    }
    const required = channels.reduce((n, c) => n + c.agents, 0);
    const observedAgents = round(observed.any / occ, 2);
    const contactsPerHour = round(contacts / occ, 3);
    const gap = round(observedAgents - required, 2);
    const base = {
      day,
      dayName: DAY_NAMES[day] as (typeof DAY_NAMES)[number],
      hour,
      occurrences,
      contacts,
      contactsPerHour,
      channels,
      requiredAgents: required,
      requiredWithShrinkage: channels.reduce((n, c) => n + c.agentsWithShrinkage, 0),
      observedAgents,
      gap,
    };
    if (contacts === 0)
      return {
        ...base,
        status: 'idle',
        method: 'none',
        reason:
          required > 0
            ? `no contacts arrived, but ${required} agent(s) are needed for the e-mail backlog`
            : 'no contacts',
      };
    if (contactsPerHour < this.minContacts)
      return {
        ...base,
        status: coverageCell.understaffed ? 'understaffed' : 'balanced',
        method: 'rule_of_thumb',
        reason:
          `${contactsPerHour} contacts an hour is too few for Erlang C; rule of thumb: ` +
          (coverageCell.reason ?? 'first responses on target, nothing unusual'),
      };
    if (observedAgents < required - 0.5)
      return {
        ...base,
        status: 'understaffed',
        method: 'erlang',
        reason: `${observedAgents} agents seen against ${required} required (${round(-gap, 2)} short)`,
      };
    if (observedAgents > required + Math.max(1, 0.25 * required))
      return {
        ...base,
        status: 'overstaffed',
        method: 'erlang',
        reason: `${observedAgents} agents seen against ${required} required (${gap} more)`,
      };
    return {
      ...base,
      status: 'balanced',
      method: 'erlang',
      reason: `${observedAgents} agents seen against ${required} required`,
    };
  }
}

/** A stored interaction with its transcript's timing (no text), as the store reads it. */
export type StaffingSource = InsightRow & { agentId: string; timing?: readonly TimedEntry[] };

export function toStaffingRow(source: StaffingSource): StaffingRow {
  const { timing, ...rest } = source;
  return { ...rest, handleSec: handleTimeSec(source.channel, timing) };
}

/** The plan of a stream of stored interactions; `onRow` sees each one read (progress). */
export async function staffingPlan(
  rows: AsyncIterable<StaffingSource>,
  options: StaffingOptions,
  onRow?: () => void,
): Promise<StaffingPlan> {
  const acc = new StaffingAccumulator(options);
  for await (const row of rows) {
    acc.add(toStaffingRow(row));
    onRow?.();
  }
  return acc.result();
}
