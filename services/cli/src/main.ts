#!/usr/bin/env node
// The `rapport` command-line tool (run from the repo root as `pnpm rapport <command>`).
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '@rapport/config';
import { createLogger } from '@rapport/observability';
import { jsonSchemaOf, JSON_SCHEMAS } from '@rapport/schemas';
import { loadCliConfig } from './config.js';
import { DEFAULT_REPLAY_TOPIC, replay } from './commands/replay.js';
import { validate } from './commands/validate.js';
import { summarise } from './commands/summary.js';
import { insightsCommand } from './commands/insights.js';
import { importCommand } from './commands/import.js';
import { auditCommand } from './commands/audit.js';
import { retentionCommand } from './commands/retention.js';
import { staffingCommand } from './commands/staffing.js';
import { trainingCommand } from './commands/training.js';
import { changeAccount, createUser, type AccountCommand } from './commands/users.js';
import { TOPICS } from '@rapport/messaging';

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`${name} must be a whole number of 1 or more`);
  return n;
};

const program = new Command('rapport')
  .description('Rapport: conversation-quality monitoring for help desks')
  .showHelpAfterError('(add --help for usage)')
  .configureHelp({ sortSubcommands: true });

program
  .command('replay')
  .description('publish interaction events from .jsonl/.json files or directories to Kafka')
  .argument(
    '<paths...>',
    '.jsonl files (one event a line), .json files (one event or a golden fixture) or directories',
  )
  .option('--topic <topic>', 'topic to publish to', DEFAULT_REPLAY_TOPIC)
  .option('--rate <events/s>', 'pace publishing at this many events per second', positiveInt('--rate'))
  .option('--batch-size <n>', 'events per produce request', positiveInt('--batch-size'), 500)
  .option('--partitions <n>', 'partitions when the topic must be created', positiveInt('--partitions'), 6)
  .action(
    async (
      paths: string[],
      opts: { topic: string; rate?: number; batchSize: number; partitions: number },
    ) => {
      const config = loadCliConfig(process.env);
      const logger = createLogger({
        name: 'rapport-cli',
        level: config.LOG_LEVEL,
        destination: process.stderr,
      });
      const s = await replay(paths, opts, config, logger);
      console.log(
        `published ${s.published} events from ${s.files} file(s) to ${opts.topic} in ${s.seconds.toFixed(1)} s`,
      );
    },
  );

program
  .command('validate')
  .description('check events against the InteractionEvent v1 contract without publishing')
  .argument('<paths...>', 'files or directories, as for replay')
  .action(async (paths: string[]) => {
    const s = await validate(paths);
    for (const i of s.invalid) console.log(`invalid ${i.origin}: ${i.problem}`);
    console.log(`${s.valid} valid, ${s.invalid.length} invalid`);
    if (s.invalid.length > 0) process.exitCode = 1;
  });

program
  .command('summary')
  .description('wait for the scorer to catch up, then count scored, flagged and dead-lettered interactions')
  .option('--group <id>', 'the scorer consumer group', 'rapport-scorer')
  .option('--topic <topic>', 'the interactions topic', TOPICS.interactions)
  .option('--dlq <topic>', 'the dead-letter topic', TOPICS.deadLetters)
  .option('--wait <seconds>', 'how long to wait for the scorer to catch up', positiveInt('--wait'), 120)
  .option('--json', 'print JSON instead of text')
  .action(async (opts: { group: string; topic: string; dlq: string; wait: number; json?: boolean }) => {
    const config = loadCliConfig(process.env);
    const logger = createLogger({
      name: 'rapport-cli',
      level: config.LOG_LEVEL,
      destination: process.stderr,
    });
    const s = await summarise(
      {
        groupId: opts.group,
        interactionsTopic: opts.topic,
        deadLetterTopic: opts.dlq,
        waitSeconds: opts.wait,
      },
      config,
      logger,
    );
    if (opts.json) {
      console.log(JSON.stringify(s));
      return;
    }
    console.log(
      `scored interactions:   ${s.interactions}${s.lag > 0 ? ` (${s.lag} still waiting in Kafka)` : ''}`,
    );
    console.log(
      `flagged for review:    ${s.flagged}  (critical ${s.bySeverity.critical}, high ${s.bySeverity.high}, medium ${s.bySeverity.medium}, low ${s.bySeverity.low})`,
    );
    console.log(`open in review queue:  ${s.openForReview}  (of which control sample: ${s.controlSample})`);
    console.log(`dead-lettered:         ${s.deadLettered}`);
    if (s.topFlagCodes.length > 0) {
      console.log('most common flags on flagged interactions:');
      for (const f of s.topFlagCodes) console.log(`  ${String(f.count).padStart(5)}  ${f.code}`);
    }
  });

const ROLE_NAMES = ['admin', 'manager', 'auditor', 'agent'] as const;
const users = program.command('users').description('people who sign in to the review service');

const readPasswordFromStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
};

const userAction =
  (bootstrap: boolean) =>
  async (opts: {
    tenant: string;
    username: string;
    role?: string;
    displayName?: string;
    teams?: string;
    agentId?: string;
    passwordStdin?: boolean;
  }) => {
    const role = (bootstrap ? 'admin' : opts.role) as (typeof ROLE_NAMES)[number];
    if (!ROLE_NAMES.includes(role))
      throw new InvalidArgumentError(`--role must be one of ${ROLE_NAMES.join(', ')}`);
    const config = loadCliConfig(process.env);
    const { password, generated } = await createUser(
      {
        tenant: opts.tenant,
        username: opts.username,
        role,
        teams: (opts.teams ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        onlyIfNoAdmin: bootstrap,
        ...(opts.displayName ? { displayName: opts.displayName } : {}),
        ...(opts.agentId ? { agentId: opts.agentId } : {}),
        ...(opts.passwordStdin ? { password: await readPasswordFromStdin() } : {}),
      },
      config,
    );
    console.log(`created ${role} ${opts.username} in tenant ${opts.tenant}`);
    if (generated) console.log(`password (shown once, store it safely): ${password}`);
  };

users
  .command('bootstrap')
  .description("create a tenant's first admin (refused when the tenant already has one)")
  .requiredOption('--tenant <id>', 'tenant id, as in interaction events')
  .requiredOption('--username <name>', 'lower-case user name')
  .option('--display-name <name>', 'name shown in the UI')
  .option('--password-stdin', 'read the password from stdin instead of generating one')
  .action(userAction(true));

users
  .command('create')
  .description('create a user (admins can also do this in the API)')
  .requiredOption('--tenant <id>', 'tenant id')
  .requiredOption('--username <name>', 'lower-case user name')
  .requiredOption('--role <role>', ROLE_NAMES.join(' | '))
  .option('--display-name <name>', 'name shown in the UI')
  .option('--teams <ids>', 'managers: comma-separated team ids they manage')
  .option('--agent-id <id>', 'agents: their agent id in interaction events')
  .option('--password-stdin', 'read the password from stdin instead of generating one')
  .action(userAction(false));

const accountAction =
  (command: AccountCommand) =>
  async (opts: { tenant: string; username: string; passwordStdin?: boolean }) => {
    const config = loadCliConfig(process.env);
    const r = await changeAccount(
      command,
      {
        tenant: opts.tenant,
        username: opts.username,
        ...(opts.passwordStdin ? { password: await readPasswordFromStdin() } : {}),
      },
      config,
    );
    console.log(
      `${command} ${opts.username}: ${r.sessionsEnded} session(s) ended, ${r.tokensRevoked.length} API token(s) revoked`,
    );
    if (r.password) console.log(`new password (shown once, store it safely): ${r.password}`);
  };

const ACCOUNT_COMMANDS: [AccountCommand, string][] = [
  ['disable', 'disable a user: no sign-in; their sessions end and the API tokens they issued are revoked'],
  ['enable', 'let a disabled user sign in again'],
  [
    'reset-password',
    "reset a user's password (generated and shown once, or --password-stdin); their sessions end",
  ],
  ['revoke-sessions', 'sign a user out everywhere'],
];
for (const [name, description] of ACCOUNT_COMMANDS) {
  const c = users
    .command(name)
    .description(description)
    .requiredOption('--tenant <id>', 'tenant id')
    .requiredOption('--username <name>', 'lower-case user name');
  if (name === 'reset-password') c.option('--password-stdin', 'read the new password from stdin');
  c.action(accountAction(name));
}

program
  .command('schema')
  .description('print the JSON Schema of a contract')
  .argument('<name>', `one of: ${Object.keys(JSON_SCHEMAS).join(', ')}`)
  .action((name: string) => {
    if (!Object.hasOwn(JSON_SCHEMAS, name))
      throw new InvalidArgumentError(
        `unknown contract "${name}"; choose one of ${Object.keys(JSON_SCHEMAS).join(', ')}`,
      );
    console.log(JSON.stringify(jsonSchemaOf(name as keyof typeof JSON_SCHEMAS), null, 2));
  });

program.addCommand(importCommand());
program.addCommand(insightsCommand());
program.addCommand(auditCommand());
program.addCommand(retentionCommand());
program.addCommand(staffingCommand());
program.addCommand(trainingCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof InvalidArgumentError) console.error(`error: ${err.message}`);
  else console.error(`rapport: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
