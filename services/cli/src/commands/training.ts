import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  isInsightsError,
  parsePeriod,
  trainingMarkdown,
  trainingPacks,
  type TrainingReport,
} from '@rapport/insights';
import { TrainingRepository } from '@rapport/store';
import { loadCliConfig, openStore } from '../config.js';
import { Progress } from '../progress.js';

interface TrainingCommandOptions {
  tenant: string;
  from: string;
  to: string;
  tz: string;
  team?: string[];
  topics: number;
  examples: number;
  language?: string;
  format: 'text' | 'json' | 'markdown';
  out?: string;
}

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`${name} must be a whole number of 1 or more`);
  return n;
};

async function loadTraining(opts: TrainingCommandOptions): Promise<TrainingReport> {
  let period;
  try {
    period = parsePeriod(opts.from, opts.to, opts.tz, { from: '--from', to: '--to' });
  } catch (err) {
    if (isInsightsError(err)) throw new InvalidArgumentError(err.message);
    throw err;
  }
  const store = await openStore(loadCliConfig(process.env));
  try {
    const repo = new TrainingRepository(store.db);
    const bar = new Progress('interactions read', await repo.estimatedCount());
    const report = await trainingPacks(
      repo.rows({ tenantId: opts.tenant, ...period, ...(opts.team ? { teamIds: opts.team } : {}) }),
      (ids) => repo.examples(opts.tenant, ids),
      {
        topics: opts.topics,
        examples: opts.examples,
        ...(opts.language ? { language: opts.language } : {}),
      },
      () => bar.tick(),
    );
    bar.finish();
    return report;
  } finally {
    await store.close();
  }
}

const n1 = (v: number | null) => (v === null ? '-' : v.toFixed(1));

function formatText(report: TrainingReport, opts: TrainingCommandOptions): string[] {
  const out = [
    `Training packs for ${opts.tenant}, ${opts.from} to ${opts.to}: ${report.analysed} conversations analysed`,
    '',
  ];
  if (report.packs.length === 0) out.push('No topic reaches the minimum count in this period.');
  report.packs.forEach((p, i) => {
    const h = p.handling;
    out.push(
      `${i + 1}. ${p.topic.label}: ${p.topic.count} conversations (${n1((p.topic.share ?? 0) * 100)}%)` +
        `${h.tooFewToJudge ? `, too few to judge (under ${report.minInteractions})` : ''}`,
      `   overall ${n1(h.overall.mean)}${h.overall.ci ? ` [${n1(h.overall.ci.low)}-${n1(h.overall.ci.high)}]` : ''}, ` +
        `flagged ${n1((h.flagRate.rate ?? 0) * 100)}%, outcome ${h.outcome.n === 0 ? 'not scored' : n1(h.outcome.mean)}, ` +
        `first response ${h.meanFirstResponseSec === null ? '-' : `${Math.round(h.meanFirstResponseSec)} s`}`,
      `   best: ${p.best.map((a) => `${a.agentId} ${n1(a.overall.mean)}`).join(', ') || '-'}; ` +
        `worst: ${p.worst.map((a) => `${a.agentId} ${n1(a.overall.mean)}`).join(', ') || '-'}; ` +
        `${p.agentsTooFew} agent(s) too few to judge`,
      `   well handled: ${p.goodExamples.map((e) => `${e.interactionId}${e.transcript ? '' : ' (id only)'}`).join(', ') || '-'}`,
      `   confirmed problems: ${p.problemExamples.map((e) => `${e.interactionId} (${e.confirmedFlags.join(', ')})`).join(', ') || '-'}`,
    );
  });
  out.push('', report.note);
  return out;
}

/** `rapport training`: training packs for the period's top customer topics. */
export function trainingCommand(): Command {
  return new Command('training')
    .description(
      'training packs: for each top customer topic, how the desk handles it, agents best and worst, redacted examples',
    )
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--from <date>', 'start: YYYY-MM-DD or an ISO timestamp with offset')
    .requiredOption('--to <date>', 'end: a date-only end includes that day')
    .option('--tz <zone>', 'IANA time zone for the dates', 'UTC')
    .option('--team <id...>', 'only these teams')
    .option('--topics <n>', 'topics, most common first', positiveInt('--topics'), 10)
    .option('--examples <n>', 'example conversations of each kind per topic', positiveInt('--examples'), 3)
    .option('--language <code>', 'only conversations in this language, e.g. da')
    .addOption(
      new Option('--format <format>', 'text, json (one line) or markdown (the pack to hand to a trainer)')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .option('--out <file>', 'write the output to this file instead of stdout')
    .action(async (opts: TrainingCommandOptions) => {
      const report = await loadTraining(opts);
      const text =
        opts.format === 'json'
          ? JSON.stringify({ tenantId: opts.tenant, from: opts.from, to: opts.to, ...report })
          : opts.format === 'markdown'
            ? trainingMarkdown(report, {
                tenantId: opts.tenant,
                from: opts.from,
                to: opts.to,
                ...(opts.team ? { teamIds: opts.team } : {}),
              })
            : formatText(report, opts).join('\n');
      if (opts.out) {
        await writeFile(opts.out, text.endsWith('\n') ? text : `${text}\n`);
        console.log(`wrote ${opts.out}: ${report.packs.length} topic(s)`);
      } else console.log(text.trimEnd());
    });
}
