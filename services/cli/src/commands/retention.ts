import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import type { Policy } from '@rapport/schemas';
import { DEFAULT_POLICY, genericFlagMessage, loadPolicy } from '@rapport/scoring';
import { applyRetention, countRetentionCandidates, type RetentionReport } from '@rapport/store';
import { loadCliConfig, openAuditLog, openStore } from '../config.js';
import { Progress } from '../progress.js';
import { cliActor, tenantOption } from './audit-options.js';

/**
 * The policy from a JSON or YAML file, checked as the scorer checks it (so a policy the scorer
 * refuses is refused here too, naming the field); the shipped default policy without a file.
 */
export async function loadRetentionPolicy(file: string | undefined): Promise<Policy> {
  if (!file) return DEFAULT_POLICY;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InvalidArgumentError(
      `--policy ${file}: cannot read it (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  try {
    return loadPolicy(text, file);
  } catch (err) {
    throw new InvalidArgumentError(err instanceof Error ? err.message : String(err));
  }
}

/** `rapport retention apply`. */
export function retentionCommand(): Command {
  const retention = new Command('retention').description('apply the data-retention policy');
  retention
    .command('apply')
    .description(
      "remove every copy of conversation text (transcripts, score details, evidence text, quoting flag messages, keyphrases, review free text), or whole interactions, older than the policy's retention.days",
    )
    .requiredOption('--tenant <id>', 'the tenant', tenantOption)
    .option(
      '--policy <file>',
      'a policy file, JSON or YAML (default: the shipped policy: 365 days, keep scores)',
    )
    .option('--dry-run', 'count what would be removed and change nothing')
    .option('--actor <id>', 'who applies it, for the audit log (default: cli:<your login>)')
    .action(async (opts: { tenant: string; policy?: string; dryRun?: boolean; actor?: string }) => {
      const policy = await loadRetentionPolicy(opts.policy);
      const config = loadCliConfig(process.env);
      const store = await openStore(config);
      try {
        const now = new Date();
        const options = {
          tenantId: opts.tenant,
          retention: policy.retention,
          now,
          dryRun: opts.dryRun ?? false,
          explainFlag: genericFlagMessage,
        };
        const total = await countRetentionCandidates(store.db, options);
        const progress = new Progress(opts.dryRun ? 'counting' : 'applying retention', total);
        const report = await applyRetention(store.db, { ...options, onProgress: (n) => progress.tick(n) });
        progress.finish();
        let recorded = '';
        if (!report.dryRun) {
          const log = openAuditLog(config, store.db);
          await log.ensureIndexes();
          const entry = await log.append({
            tenantId: opts.tenant,
            actor: cliActor(opts.actor),
            action: 'retention.apply',
            target: { type: 'tenant', id: opts.tenant },
            before: null,
            after: { policy: { id: policy.id, version: policy.version }, ...report },
            at: now,
          });
          recorded = `; recorded as audit entry ${entry.seq}`;
        }
        console.log(describeReport(report) + recorded);
      } finally {
        await store.close();
      }
    });
  return retention;
}

export function describeReport(r: RetentionReport): string {
  const would = r.dryRun ? 'would be ' : '';
  const head = `retention for ${r.tenantId} (${r.days} days, before ${r.cutoff})${r.dryRun ? ', dry run' : ''}:`;
  const body = r.keepScores
    ? `${r.interactions} interactions past retention; ${r.dryRun ? r.interactions : r.interactionsMinimised} ${would}minimised (scores and flags kept): ${r.transcriptsRemoved} transcripts, ${r.scoreDetailsRemoved} score details, ${r.evidenceTextsRemoved} evidence quotes, ${r.flagMessagesReplaced} flag messages, ${r.keyphrasesRemoved} keyphrases; free text ${would}removed from ${r.reviewsRedacted} reviews`
    : `${r.dryRun ? r.interactions : r.interactionsDeleted} interactions ${would}deleted (${r.transcriptsRemoved} with transcripts) with ${r.reviewsDeleted} reviews`;
  const skipped = r.skipped > 0 ? `; ${r.skipped} changed meanwhile, left for the next run` : '';
  return `${head} ${body}${skipped}`;
}
