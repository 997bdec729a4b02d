import { Command, InvalidArgumentError, Option } from 'commander';
import { createKafkaBusFromConfig, readAuditHead } from '@rapport/messaging';
import { createLogger } from '@rapport/observability';
import type { AuditHead } from '@rapport/schemas';
import { loadCliConfig, openAuditLog, openStore, type CliConfig } from '../config.js';
import { Progress } from '../progress.js';
import { cliActor, parseBound, tenantOption } from './audit-options.js';
import { exportAudit, type ExportFormat } from './audit-export.js';

/** `rapport audit verify|export`. */
export function auditCommand(): Command {
  const audit = new Command('audit').description("check and export a tenant's tamper-evident audit log");

  audit
    .command('verify')
    .description(
      "recompute a tenant's audit chain, check its seals (AUDIT_KEYS) and its anchor in Kafka, and name the first broken link, if any",
    )
    .requiredOption('--tenant <id>', 'the tenant', tenantOption)
    .option('--no-anchor', 'do not read the published anchor from Kafka (checks the database alone)')
    .action(async (opts: { tenant: string; anchor: boolean }) => {
      const config = loadCliConfig(process.env);
      const anchor = opts.anchor ? await readAnchor(config, opts.tenant) : undefined;
      const store = await openStore(config);
      try {
        const log = openAuditLog(config, store.db);
        const head = await log.head(opts.tenant);
        const progress = new Progress('verifying', head.seq || undefined);
        const result = await log.verify(opts.tenant, () => progress.tick(), anchor ? { anchor } : {});
        progress.finish();
        const seals =
          config.AUDIT_KEYS === undefined
            ? 'seals not checked (AUDIT_KEYS is not set)'
            : `${result.sealed} sealed${result.unsealed > 0 ? `, ${result.unsealed} written before the log was sealed` : ''}`;
        const anchored = anchor
          ? `anchored at entry ${anchor.seq}`
          : opts.anchor
            ? 'no anchor published yet'
            : 'anchor not checked (--no-anchor)';
        if (result.ok) {
          console.log(
            `audit chain of ${opts.tenant}: ${result.checked} entries, intact; ${seals}; ${anchored}`,
          );
          return;
        }
        const b = result.firstBroken!;
        console.log(
          `audit chain of ${opts.tenant}: BROKEN at entry ${b.seq} (${b.reason}): ${b.message}; ${result.checked} entries before it are intact`,
        );
        process.exitCode = 1;
      } finally {
        await store.close();
      }
    });

  audit
    .command('export')
    .description(
      "export a tenant's interactions (scores, flags, review decisions) and audit entries in a period",
    )
    .requiredOption('--tenant <id>', 'the tenant', tenantOption)
    .option('--from <date>', 'start, inclusive: 2026-03-01 (UTC) or an ISO date-time with a zone', (v) =>
      parseBound('--from', v),
    )
    .option('--to <date>', 'end, exclusive; a date means up to the end of that day', (v) =>
      parseBound('--to', v),
    )
    .addOption(
      new Option('--format <format>', 'ndjson: one record a line; csv: <out> and <out>.audit.csv')
        .choices(['ndjson', 'csv'])
        .default('ndjson'),
    )
    .option('--out <file>', 'write here instead of standard output (required for csv)')
    .option('--actor <id>', 'who runs the export, for the audit log (default: cli:<your login>)')
    .action(
      async (opts: {
        tenant: string;
        from?: Date;
        to?: Date;
        format: ExportFormat;
        out?: string;
        actor?: string;
      }) => {
        if (opts.format === 'csv' && !opts.out)
          throw new InvalidArgumentError(
            '--format csv writes two files (interactions and audit entries): give --out',
          );
        if (opts.from && opts.to && opts.from >= opts.to)
          throw new InvalidArgumentError('--from must be before --to');
        const config = loadCliConfig(process.env);
        const store = await openStore(config);
        try {
          const s = await exportAudit(store.db, {
            tenantId: opts.tenant,
            ...(opts.from ? { from: opts.from } : {}),
            ...(opts.to ? { to: opts.to } : {}),
            format: opts.format,
            ...(opts.out ? { out: opts.out } : {}),
            actor: cliActor(opts.actor),
            log: openAuditLog(config, store.db),
          });
          const files = s.files.length > 0 ? ` to ${s.files.join(' and ')}` : '';
          process.stderr.write(
            `exported ${s.interactions} interactions (${s.reviews} with a review) and ${s.auditEntries} audit entries${files} in ${s.seconds.toFixed(1)} s; recorded as audit entry ${s.recordedSeq}\n`,
          );
        } finally {
          await store.close();
        }
      },
    );

  return audit;
}

/** The tenant's anchor from rapport.audit.heads.v1; a broker that cannot be read stops verify. */
async function readAnchor(config: CliConfig, tenantId: string): Promise<AuditHead | undefined> {
  const bus = createKafkaBusFromConfig(
    config,
    createLogger({ name: 'rapport', level: 'silent' }),
    'audit-verify',
  );
  try {
    return (await readAuditHead(bus, config.MONGODB_DB, tenantId)) ?? undefined;
  } catch (err) {
    throw new Error(
      `could not read the audit anchor of ${tenantId} from Kafka (${(err as Error).message}): check KAFKA_BROKERS, or pass --no-anchor to check the database alone`,
    );
  } finally {
    await bus.close();
  }
}
