import { readFileSync, statSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  ContractChecker,
  FORMATS,
  formatProblem,
  IngestMapping,
  PROBLEM_CODES,
  type Format,
  type IngestOptions,
  type Problem,
} from '@rapport/ingest';
import { createKafkaBus, TOPICS, type OutgoingMessage } from '@rapport/messaging';
import { createLogger } from '@rapport/observability';
import { formatIssues, TenantId, toValidationIssues, type InteractionEvent } from '@rapport/schemas';
import { loadCliConfig } from '../config.js';
import { Progress } from '../progress.js';
import { listImportFiles, passesOf, readImport } from './import-read.js';

export interface ImportSummary {
  format: Format;
  files: number;
  interactions: number;
  messages: number;
  published: number;
  /** Records left out on purpose: nothing customer-facing in them, or a duplicate within the import. */
  skipped: number;
  /** Records that could not be imported: unreadable, malformed, or breaking the contract. */
  invalid: number;
}

export interface ImportRequest {
  format: Format;
  tenant: string;
  paths: readonly string[];
  mappingFile?: string;
  agentDomains?: readonly string[];
  dryRun: boolean;
  topic: string;
  batchSize: number;
}

const SKIPPED: ReadonlySet<string> = new Set([PROBLEM_CODES.NOTHING_TO_SCORE, PROBLEM_CODES.DUPLICATE]);

/** The mapping file, checked with its one schema; a mistake names the file and the field. */
export function loadMapping(file: string | undefined, agentDomains: readonly string[] = []): IngestMapping {
  let raw: unknown = {};
  if (file) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(
        `mapping file ${file}: ${(e as Error).message}; it must be a JSON object (see "Bring your own data" in the README)`,
      );
    }
  }
  const parsed = IngestMapping.safeParse(raw);
  if (!parsed.success)
    throw new Error(`mapping file ${file ?? ''}: ${formatIssues(toValidationIssues(parsed.error))}`);
  return { ...parsed.data, agentDomains: [...parsed.data.agentDomains, ...agentDomains] };
}

/** Sends events; `close` sends what is left and disconnects. */
export interface Publisher {
  send(events: readonly InteractionEvent[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Imports files of one format, streaming: each conversation is adapted and checked against the
 * contract as soon as it is whole, and published in batches; a bad record is reported with file,
 * record and reason and never stops the rest. Every event is a whole interaction, so nothing is
 * ever half-published; ids and revisions come from the source, so importing the same files again
 * changes nothing.
 */
export async function runImport(
  req: ImportRequest,
  report: (p: Problem) => void,
  openPublisher?: () => Promise<Publisher>,
): Promise<ImportSummary> {
  const options: IngestOptions = {
    tenantId: req.tenant,
    mapping: loadMapping(req.mappingFile, req.agentDomains),
  };
  const files = req.paths.flatMap((p) => listImportFiles(p, req.format));
  if (files.length === 0)
    throw new Error(
      `no ${FORMATS[req.format].extensions.filter(Boolean).join(' or ')} files under ${req.paths.join(', ')}`,
    );
  const totalBytes = passesOf(req.format) * files.reduce((n, f) => n + statSync(f).size, 0);
  const summary: ImportSummary = {
    format: req.format,
    files: files.length,
    interactions: 0,
    messages: 0,
    published: 0,
    skipped: 0,
    invalid: 0,
  };
  const publisher = !req.dryRun && openPublisher ? await openPublisher() : undefined;
  const checker = new ContractChecker();
  const progress = new Progress(`import ${req.format} (bytes)`, totalBytes);
  let batch: InteractionEvent[] = [];
  const flush = async () => {
    if (publisher && batch.length > 0) {
      await publisher.send(batch);
      summary.published += batch.length;
    }
    // A dry run drops the batch too: memory must not grow with the input either way.
    batch = [];
  };
  const problem = (p: Problem) => {
    report(p);
    if (SKIPPED.has(p.code)) summary.skipped++;
    else if (p.severity === 'error') summary.invalid++;
  };
  try {
    await readImport(files, req.format, options, (n) => progress.tick(n), {
      problem,
      candidate: async (c) => {
        const { valid, problems } = checker.check(c);
        problems.forEach(problem);
        if (!valid) return;
        summary.interactions++;
        summary.messages += c.messages;
        batch.push(valid);
        if (batch.length >= req.batchSize) await flush();
      },
    });
    await flush();
  } finally {
    progress.finish();
    await publisher?.close();
  }
  return summary;
}

/** A Kafka publisher: events keyed by interactionId to the interactions topic. */
async function openKafkaPublisher(topic: string): Promise<Publisher> {
  const config = loadCliConfig(process.env);
  const logger = createLogger({ name: 'rapport-cli', level: config.LOG_LEVEL, destination: process.stderr });
  const bus = createKafkaBus({
    brokers: config.KAFKA_BROKERS,
    clientId: `${config.KAFKA_CLIENT_ID}-import`,
    logger,
  });
  let sent = 0;
  try {
    await bus.ensureTopics([{ topic, partitions: 6 }]);
    const producer = await bus.producer();
    return {
      send: async (events) => {
        const messages: OutgoingMessage[] = events.map((e) => ({
          key: e.interactionId,
          value: JSON.stringify(e),
        }));
        try {
          await producer.send(topic, messages);
        } catch (e) {
          // Each event is a whole interaction, so what was sent is complete; a re-run sends the same ids and revisions.
          throw new Error(
            `publishing stopped after ${sent} events: ${(e as Error).message}; run the same import again, it is safe to repeat`,
          );
        }
        sent += events.length;
      },
      close: async () => {
        await producer.disconnect().catch(() => undefined);
        await bus.close();
      },
    };
  } catch (e) {
    await bus.close();
    throw e;
  }
}

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`${name} must be a whole number of 1 or more`);
  return n;
};

export function importCommand(): Command {
  return new Command('import')
    .description(
      'import conversations from a help desk export, e-mail or call transcripts (validated, then published)',
    )
    .addOption(
      new Option('--format <format>', 'what the files are')
        .choices(Object.keys(FORMATS))
        .makeOptionMandatory(),
    )
    .requiredOption('--tenant <id>', 'the tenant the conversations belong to', (v) => {
      const r = TenantId.safeParse(v);
      if (!r.success)
        throw new InvalidArgumentError(`--tenant ${r.error.issues[0]?.message ?? 'is invalid'}`);
      return v;
    })
    .option('--mapping <file>', 'JSON mapping: agents, teams, speakers, agent addresses, column names')
    .option('--agent-domains <list>', 'e-mail: comma-separated domains of the help desk (a.com,b.com)', (v) =>
      v
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean),
    )
    .option('--dry-run', 'read and validate only; publish nothing')
    .option('--topic <topic>', 'topic to publish to', TOPICS.interactions)
    .option('--batch-size <n>', 'events per produce request', positiveInt('--batch-size'), 500)
    .argument('<paths...>', 'files or directories')
    .action(
      async (
        paths: string[],
        opts: {
          format: Format;
          tenant: string;
          mapping?: string;
          agentDomains?: string[];
          dryRun?: boolean;
          topic: string;
          batchSize: number;
        },
      ) => {
        const summary = await runImport(
          {
            format: opts.format,
            tenant: opts.tenant,
            paths,
            ...(opts.mapping ? { mappingFile: opts.mapping } : {}),
            ...(opts.agentDomains ? { agentDomains: opts.agentDomains } : {}),
            dryRun: opts.dryRun === true,
            topic: opts.topic,
            batchSize: opts.batchSize,
          },
          (p) => console.error(formatProblem(p)),
          () => openKafkaPublisher(opts.topic),
        );
        console.log(JSON.stringify(summary));
        // Bad records do not stop the good ones, but a script must be able to see that some failed.
        if (summary.invalid > 0) process.exitCode = 2;
      },
    );
}
