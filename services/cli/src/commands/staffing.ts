import { Command, InvalidArgumentError } from 'commander';
import {
  applyWhatIf,
  isInsightsError,
  parsePeriod,
  requiredAgents,
  staffingPlan,
  staffingSettingsOf,
  type ErlangResult,
  type StaffingPlan,
  type StaffingWhatIf,
} from '@rapport/insights';
import { DEFAULT_POLICY } from '@rapport/scoring';
import { StaffingRepository } from '@rapport/store';
import { loadCliConfig, openStore } from '../config.js';
import { Progress } from '../progress.js';
import { loadRetentionPolicy } from './retention.js';

export interface StaffingCommandOptions {
  callsPerHour?: number;
  aht?: number;
  answerWithin?: number;
  serviceLevel?: number;
  shrinkage?: number;
  concurrency?: number;
  tenant?: string;
  from?: string;
  to?: string;
  tz: string;
  team?: string[];
  policy?: string;
  chatServiceLevel?: number;
  chatAnswerWithin?: number;
  ahtCall?: number;
  ahtChat?: number;
  ahtEmail?: number;
  json?: boolean;
}

const number =
  (name: string, ok: (n: number) => boolean, what: string) =>
  (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || !ok(n))
      throw new InvalidArgumentError(`${name} must be ${what}`);
    return n;
  };
const nonNegative = (name: string) => number(name, (n) => n >= 0, 'a number of 0 or more');
const positive = (name: string) => number(name, (n) => n > 0, 'a positive number');
const share = (name: string) => number(name, (n) => n > 0 && n < 1, 'a share between 0 and 1, e.g. 0.8');
const shrinkage = number('--shrinkage', (n) => n >= 0 && n < 1, 'a share from 0 to below 1, e.g. 0.3');
const concurrency = number(
  '--concurrency',
  (n) => Number.isInteger(n) && n >= 1 && n <= 20,
  'a whole number from 1 to 20',
);

/** Library errors from user input are usage errors: shown like any bad argument. */
function usage<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (isInsightsError(err)) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

/** The four figures of one interval, as `rapport staffing --calls-per-hour` prints them. */
export function oneInterval(opts: StaffingCommandOptions): ErlangResult {
  const missing = (
    [
      ['--aht', opts.aht],
      ['--answer-within', opts.answerWithin],
      ['--service-level', opts.serviceLevel],
    ] as const
  )
    .filter(([, v]) => v === undefined)
    .map(([name]) => name);
  if (missing.length > 0)
    throw new InvalidArgumentError(
      `one interval needs ${missing.join(', ')} as well as --calls-per-hour, e.g. --calls-per-hour 200 --aht 180 --answer-within 20 --service-level 0.8`,
    );
  return usage(() =>
    requiredAgents({
      arrivalsPerHour: opts.callsPerHour ?? 0,
      handleSec: opts.aht ?? 0,
      answerWithinSec: opts.answerWithin ?? 0,
      serviceLevel: opts.serviceLevel ?? 0,
      shrinkage: opts.shrinkage ?? DEFAULT_POLICY.staffing.shrinkage,
      concurrency: opts.concurrency ?? 1,
    }),
  );
}

export function formatInterval(r: ErlangResult, opts: StaffingCommandOptions): string[] {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  return [
    `${opts.callsPerHour} contacts an hour x ${opts.aht} s handle time` +
      ((opts.concurrency ?? 1) > 1 ? ` / ${opts.concurrency} at once` : '') +
      ` = ${r.trafficErlangs.toFixed(3)} Erlangs`,
    `agents needed for ${pct(opts.serviceLevel ?? 0)} answered within ${opts.answerWithin} s: ${r.agents}` +
      ` (${r.agentsWithShrinkage} scheduled at ${pct(opts.shrinkage ?? DEFAULT_POLICY.staffing.shrinkage)} shrinkage)`,
    `with ${r.agents}: probability of waiting ${pct(r.probabilityOfWaiting)}, service level ${pct(r.serviceLevel)}, ` +
      `average speed of answer ${r.averageSpeedOfAnswerSeconds.toFixed(1)} s, occupancy ${pct(r.occupancy)}`,
    JSON.stringify({
      trafficErlangs: r.trafficErlangs,
      agents: r.agents,
      agentsWithShrinkage: r.agentsWithShrinkage,
      probabilityOfWaiting: r.probabilityOfWaiting,
      serviceLevel: r.serviceLevel,
      averageSpeedOfAnswerSeconds: r.averageSpeedOfAnswerSeconds,
    }),
  ];
}

function whatIfOf(opts: StaffingCommandOptions): StaffingWhatIf {
  const handleSec = {
    ...(opts.ahtCall !== undefined ? { call: opts.ahtCall } : {}),
    ...(opts.ahtChat !== undefined ? { chat: opts.ahtChat } : {}),
    ...(opts.ahtEmail !== undefined ? { email: opts.ahtEmail } : {}),
  };
  return {
    call: {
      ...(opts.serviceLevel !== undefined ? { share: opts.serviceLevel } : {}),
      ...(opts.answerWithin !== undefined ? { answerWithinSec: opts.answerWithin } : {}),
    },
    chat: {
      ...(opts.chatServiceLevel !== undefined ? { share: opts.chatServiceLevel } : {}),
      ...(opts.chatAnswerWithin !== undefined ? { answerWithinSec: opts.chatAnswerWithin } : {}),
    },
    ...(opts.concurrency !== undefined ? { chatConcurrency: opts.concurrency } : {}),
    ...(opts.shrinkage !== undefined ? { shrinkage: opts.shrinkage } : {}),
    ...(Object.keys(handleSec).length > 0 ? { handleSec } : {}),
  };
}

/** The week plan of a tenant's stored interactions, read in one stream with a progress bar. */
export async function loadStaffingPlan(
  opts: StaffingCommandOptions,
  progress: boolean,
): Promise<StaffingPlan> {
  if (!opts.from || !opts.to)
    throw new InvalidArgumentError(
      'a week plan needs --from and --to (e.g. --from 2026-03-01 --to 2026-04-30)',
    );
  const period = usage(() =>
    parsePeriod(opts.from ?? '', opts.to ?? '', opts.tz, { from: '--from', to: '--to' }),
  );
  const policy = await loadRetentionPolicy(opts.policy);
  const settings = applyWhatIf(staffingSettingsOf(policy), whatIfOf(opts));
  const store = await openStore(loadCliConfig(process.env));
  try {
    const repo = new StaffingRepository(store.db);
    const bar = progress ? new Progress('interactions read', await repo.estimatedCount()) : undefined;
    const plan = await usage(() =>
      staffingPlan(
        repo.rows({ tenantId: opts.tenant ?? '', ...period, ...(opts.team ? { teamIds: opts.team } : {}) }),
        {
          ...period,
          timeZone: opts.tz,
          settings,
          firstResponseTargetSec: policy.thresholds.responsiveness.firstResponseSec,
        },
        bar ? () => bar.tick() : undefined,
      ),
    );
    bar?.finish();
    return plan;
  } finally {
    await store.close();
  }
}

const STATUS_MARK = { understaffed: '-', overstaffed: '+', balanced: '', idle: '' } as const;

export function formatPlan(plan: StaffingPlan, opts: StaffingCommandOptions): string[] {
  const out = [
    `Staffing plan for ${opts.tenant}, ${opts.from} to ${opts.to} (${plan.timeZone}): ${plan.interactions} interactions`,
    '',
    'Required agents by hour of the week (scheduled, with shrinkage); "-" understaffed, "+" overstaffed, "~" by rule of thumb:',
    `     ${Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0').padStart(5)).join('')}`,
  ];
  for (const day of plan.cells)
    out.push(
      `${day[0]?.dayName ?? ''}  ${day
        .map((c) =>
          (c.contacts === 0 && c.requiredWithShrinkage === 0
            ? '.'
            : `${c.requiredWithShrinkage}${STATUS_MARK[c.status]}${c.method === 'rule_of_thumb' ? '~' : ''}`
          ).padStart(5),
        )
        .join('')}`,
    );
  const marked = plan.cells.flat().filter((c) => c.status === 'understaffed' || c.status === 'overstaffed');
  out.push('', marked.length === 0 ? 'No hour is under- or overstaffed.' : 'Hours to change:');
  for (const c of marked) {
    const figures = c.channels
      .filter((ch) => ch.model === 'erlang_c' && ch.probabilityOfWaiting !== null)
      .map(
        (ch) =>
          `${ch.channel}: ${ch.agents} agents, P(wait) ${((ch.probabilityOfWaiting ?? 0) * 100).toFixed(1)}%, ` +
          `SL ${((ch.serviceLevel ?? 0) * 100).toFixed(1)}%, ASA ${ch.averageSpeedOfAnswerSeconds} s, AHT ${ch.handleSec} s (${ch.handleSource})`,
      );
    out.push(
      `  ${c.dayName} ${String(c.hour).padStart(2, '0')}:00 ${c.status} (${c.method}): ${c.reason}` +
        (figures.length > 0 ? `; ${figures.join('; ')}` : ''),
    );
  }
  out.push(
    '',
    `Totals: ${plan.totals.understaffed} understaffed, ${plan.totals.overstaffed} overstaffed, ${plan.totals.balanced} balanced hours; ${plan.totals.ruleOfThumb} judged by rule of thumb.`,
    `Rule: ${plan.rule}`,
  );
  return out;
}

/** `rapport staffing`: agents needed for one interval, or a week plan from stored interactions. */
export function staffingCommand(): Command {
  return new Command('staffing')
    .description(
      'agents needed: for one interval (Erlang C) with --calls-per-hour, or a week plan from stored interactions with --tenant',
    )
    .option(
      '--calls-per-hour <n>',
      'one interval: contacts arriving per hour',
      nonNegative('--calls-per-hour'),
    )
    .option('--aht <seconds>', 'one interval: average handle time', positive('--aht'))
    .option(
      '--answer-within <seconds>',
      'service level time (week plan: calls; default: policy)',
      nonNegative('--answer-within'),
    )
    .option(
      '--service-level <share>',
      'share answered within that time, e.g. 0.8 (week plan: calls)',
      share('--service-level'),
    )
    .option('--shrinkage <share>', 'share of paid time not available (default: policy, 0.3)', shrinkage)
    .option(
      '--concurrency <n>',
      'contacts an agent holds at once (week plan: chats; default: policy)',
      concurrency,
    )
    .option('--tenant <id>', 'week plan: the tenant whose stored interactions are read')
    .option('--from <date>', 'week plan: start, YYYY-MM-DD or an ISO timestamp')
    .option('--to <date>', 'week plan: end; a date-only end includes that day')
    .option('--tz <zone>', "week plan: the desk's IANA time zone", 'UTC')
    .option('--team <id...>', 'week plan: only these teams')
    .option('--policy <file>', 'week plan: a policy file, JSON or YAML (default: the shipped policy)')
    .option(
      '--chat-service-level <share>',
      'week plan what-if: chat service level',
      share('--chat-service-level'),
    )
    .option(
      '--chat-answer-within <seconds>',
      'week plan what-if: chat answer time',
      nonNegative('--chat-answer-within'),
    )
    .option(
      '--aht-call <seconds>',
      'week plan what-if: call handle time instead of observed',
      positive('--aht-call'),
    )
    .option(
      '--aht-chat <seconds>',
      'week plan what-if: chat handle time instead of observed',
      positive('--aht-chat'),
    )
    .option('--aht-email <seconds>', 'week plan what-if: e-mail handle time', positive('--aht-email'))
    .option('--json', 'week plan: print the plan as one JSON line')
    .action(async (opts: StaffingCommandOptions) => {
      if (opts.callsPerHour !== undefined) {
        if (opts.tenant !== undefined)
          throw new InvalidArgumentError(
            'choose one: --calls-per-hour computes one interval, --tenant reads a week plan from the store',
          );
        for (const line of formatInterval(oneInterval(opts), opts)) console.log(line);
        return;
      }
      if (opts.tenant === undefined)
        throw new InvalidArgumentError(
          'give --calls-per-hour (with --aht, --answer-within, --service-level) for one interval, or --tenant, --from and --to for a week plan',
        );
      if (opts.aht !== undefined)
        throw new InvalidArgumentError(
          'in a week plan, --aht-call, --aht-chat or --aht-email set handle times',
        );
      const plan = await loadStaffingPlan(opts, !opts.json);
      if (opts.json) {
        console.log(JSON.stringify({ tenantId: opts.tenant, ...plan }));
        return;
      }
      for (const line of formatPlan(plan, opts)) console.log(line);
    });
}
