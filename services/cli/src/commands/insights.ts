import { Command, InvalidArgumentError, Option } from 'commander';
import {
  CoverageAccumulator,
  DEFAULT_FIRST_RESPONSE_TARGET_SEC,
  isInsightsError,
  parsePeriod,
  TopicsAccumulator,
  type CoverageCell,
  type CoverageReport,
  type Period,
  type TopicsReport,
} from '@rapport/insights';
import type { Channel } from '@rapport/schemas';
import { InsightsRepository, type InsightRow } from '@rapport/store';
import { loadCliConfig, openStore, type CliConfig } from '../config.js';

interface PeriodOptions {
  tenant: string;
  from: string;
  to: string;
  tz: string;
  json?: boolean;
}

interface TopicsCommandOptions extends PeriodOptions {
  limit: number;
  examples: number;
  minCount: number;
  language?: string;
}

interface CoverageCommandOptions extends PeriodOptions {
  channel?: Channel;
  targetChat?: number;
  targetEmail?: number;
}

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`${name} must be a whole number of 1 or more`);
  return n;
};

const positiveSeconds = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`${name} must be a positive number of seconds`);
  return n;
};

/** Bad dates and zones are usage errors: reported like any other bad argument. */
function periodOf(opts: PeriodOptions): Period {
  try {
    return parsePeriod(opts.from, opts.to, opts.tz, { from: '--from', to: '--to' });
  } catch (err) {
    if (isInsightsError(err)) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

/** Streams the period's rows into `sink`: one cursor, flat memory. */
async function eachRow(
  config: CliConfig,
  tenantId: string,
  period: Period,
  sink: (row: InsightRow) => void,
): Promise<void> {
  const store = await openStore(config);
  try {
    for await (const row of new InsightsRepository(store.db).rows({ tenantId, ...period })) sink(row);
  } finally {
    await store.close();
  }
}

export async function loadTopics(opts: TopicsCommandOptions, config: CliConfig): Promise<TopicsReport> {
  const period = periodOf(opts);
  const acc = new TopicsAccumulator({
    limit: opts.limit,
    examples: opts.examples,
    minCount: opts.minCount,
    ...(opts.language ? { language: opts.language } : {}),
  });
  await eachRow(config, opts.tenant, period, (row) => acc.add(row));
  return acc.result();
}

export async function loadCoverage(opts: CoverageCommandOptions, config: CliConfig): Promise<CoverageReport> {
  const period = periodOf(opts);
  const acc = new CoverageAccumulator({
    timeZone: opts.tz,
    ...(opts.channel ? { channel: opts.channel } : {}),
    firstResponseTargetSec: {
      ...DEFAULT_FIRST_RESPONSE_TARGET_SEC,
      ...(opts.targetChat ? { chat: opts.targetChat } : {}),
      ...(opts.targetEmail ? { email: opts.targetEmail } : {}),
    },
  });
  await eachRow(config, opts.tenant, period, (row) => acc.add(row));
  return acc.result();
}

const pct = (v: number | null) => (v === null ? '-' : `${Math.round(v * 1000) / 10}%`);

function duration(sec: number | null): string {
  if (sec === null) return '-';
  if (sec < 120) return `${Math.round(sec)} s`;
  if (sec < 2 * 3600) return `${Math.round(sec / 60)} min`;
  return `${Math.round((sec / 3600) * 10) / 10} h`;
}

/** Columns padded to their widest cell; numeric columns right-aligned. */
function table(header: string[], rows: string[][], right: ReadonlySet<number>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

function periodText(opts: PeriodOptions): string {
  return `${opts.tenant}, ${opts.from} to ${opts.to} (${opts.tz})`;
}

export function formatTopics(report: TopicsReport, opts: PeriodOptions): string[] {
  const out = [
    `Top customer topics for ${periodText(opts)}: ${report.analysed} interactions analysed` +
      (report.withoutInsight > 0
        ? `, ${report.withoutInsight} stored without keyphrases (older engine)`
        : ''),
  ];
  if (report.topics.length === 0) {
    out.push('No topic reaches the minimum count in this period.');
    return out;
  }
  const rows = report.topics.map((t, i) => [
    String(i + 1),
    t.label + (t.variants.length > 0 ? ` (${t.variants.slice(0, 2).join(', ')})` : ''),
    String(t.count),
    pct(t.share),
    t.score.toFixed(1),
    t.languages.join(','),
    t.examples.map((e) => `${e.interactionId}${e.flagged ? '*' : ''}`).join(' '),
  ]);
  out.push(
    '',
    ...table(
      ['#', 'topic', 'interactions', 'share', 'score', 'lang', 'examples'],
      rows,
      new Set([0, 2, 3, 4]),
    ),
  );
  out.push('', '* flagged: its transcript is in the review queue.');
  return out;
}

function hourLabel(c: CoverageCell): string {
  return `${c.dayName} ${String(c.hour).padStart(2, '0')}-${String((c.hour + 1) % 24).padStart(2, '0')}`;
}

export function formatCoverage(report: CoverageReport, opts: PeriodOptions): string[] {
  const out = [
    `Coverage for ${periodText(opts)}${report.channel ? `, ${report.channel} only` : ''}: ` +
      `${report.interactions} interactions, median first response ${duration(report.medianFirstResponseSec)}, ` +
      `${pct(report.flagRate)} flagged`,
    '',
    `Volume by hour of the week (${report.timeZone}; "!" marks an understaffed hour):`,
  ];
  const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0').padStart(4));
  out.push(`     ${hours.join('')}`);
  for (const day of report.cells) {
    const cells = day.map((c) =>
      (c.volume === 0 ? '.' : `${c.volume}${c.understaffed ? '!' : ''}`).padStart(4),
    );
    out.push(`${day[0]?.dayName ?? ''}  ${cells.join('')}`);
  }
  const busy = report.cells.flat().filter((c) => c.volume > 0);
  if (busy.length > 0) {
    out.push(
      '',
      ...table(
        ['hour', 'volume', 'median 1st reply', 'x target', 'flagged', ''],
        busy.map((c) => [
          hourLabel(c),
          String(c.volume),
          duration(c.medianFirstResponseSec),
          c.medianTargetRatio === null ? '-' : c.medianTargetRatio.toFixed(2),
          pct(c.flagRate),
          c.understaffed ? 'UNDERSTAFFED' : '',
        ]),
        new Set([1, 2, 3, 4]),
      ),
    );
  }
  const understaffed = busy.filter((c) => c.understaffed);
  out.push('', understaffed.length === 0 ? 'No understaffed hours.' : 'Understaffed hours:');
  for (const c of understaffed) out.push(`  ${hourLabel(c)}: ${c.reason}`);
  out.push('', `Rule: ${report.rule}`);
  return out;
}

function periodOptions(cmd: Command, tzHelp: string): Command {
  return cmd
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--from <date>', 'start: YYYY-MM-DD, YYYY-MM-DDTHH:MM or an ISO timestamp with offset')
    .requiredOption('--to <date>', 'end: a date-only end includes that day; timestamps are exclusive')
    .option('--tz <zone>', tzHelp, 'UTC')
    .option('--json', 'print JSON instead of tables');
}

/** `rapport insights topics|coverage`: manager insights over the stored interactions. */
export function insightsCommand(): Command {
  const insights = new Command('insights').description(
    'manager insights: top customer topics and hour-of-week coverage',
  );

  periodOptions(
    insights
      .command('topics')
      .description('top customer topics of a period (keyphrases, TF-IDF), with examples'),
    'IANA time zone for the dates',
  )
    .option('--limit <n>', 'topics to show', positiveInt('--limit'), 20)
    .option('--examples <n>', 'example interactions per topic', positiveInt('--examples'), 3)
    .option('--min-count <n>', 'interactions a topic needs', positiveInt('--min-count'), 2)
    .option('--language <code>', 'only interactions in this language, e.g. da')
    .action(async (opts: TopicsCommandOptions) => {
      const period = periodOf(opts);
      const report = await loadTopics(opts, loadCliConfig(process.env));
      if (opts.json) {
        console.log(
          JSON.stringify({ tenantId: opts.tenant, ...isoPeriod(period), timeZone: opts.tz, ...report }),
        );
        return;
      }
      for (const line of formatTopics(report, opts)) console.log(line);
    });

  periodOptions(
    insights
      .command('coverage')
      .description('volume by hour of the week against first response time and flag rate'),
    "the desk's IANA time zone, e.g. Europe/Copenhagen: hours and dates are read there",
  )
    .addOption(new Option('--channel <channel>', 'only one channel').choices(['email', 'chat', 'call']))
    .option(
      '--target-chat <seconds>',
      'chat first-response target (default: policy default)',
      positiveSeconds('--target-chat'),
    )
    .option(
      '--target-email <seconds>',
      'e-mail first-response target (default: policy default)',
      positiveSeconds('--target-email'),
    )
    .action(async (opts: CoverageCommandOptions) => {
      const period = periodOf(opts);
      const report = await loadCoverage(opts, loadCliConfig(process.env));
      if (opts.json) {
        console.log(JSON.stringify({ tenantId: opts.tenant, ...isoPeriod(period), ...report }));
        return;
      }
      for (const line of formatCoverage(report, opts)) console.log(line);
    });

  return insights;
}

function isoPeriod(period: Period): { from: string; to: string } {
  return { from: period.from.toISOString(), to: period.to.toISOString() };
}
