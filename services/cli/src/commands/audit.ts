import { Command, InvalidArgumentError, Option } from 'commander';
import { AuditLog } from '@rapport/store';
import { loadCliConfig, openStore } from '../config.js';
import { Progress } from '../progress.js';
import { cliActor, parseBound, tenantOption } from './audit-options.js';
import { exportAudit, type ExportFormat } from './audit-export.js';

/** `rapport audit verify|export`. */
export function auditCommand(): Command {
  const audit = new Command('audit').description("check and export a tenant's tamper-evident audit log");

  audit
    .command('verify')
    .description("recompute a tenant's audit chain and name the first broken link, if any")
    .requiredOption('--tenant <id>', 'the tenant', tenantOption)
    .action(async (opts: { tenant: string }) => {
      const config = loadCliConfig(process.env);
      const store = await openStore(config);
      try {
        const log = new AuditLog(store.db);
        const head = await log.head(opts.tenant);
        const progress = new Progress('verifying', head.seq || undefined);
        const result = await log.verify(opts.tenant, () => progress.tick());
        progress.finish();
        if (result.ok) {
          console.log(`audit chain of ${opts.tenant}: ${result.checked} entries, intact`);
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
