#!/usr/bin/env node
// The `rapport` command-line tool (run from the repo root as `pnpm rapport <command>`).
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError } from '@rapport/config';
import { createLogger } from '@rapport/observability';
import { jsonSchemaOf, JSON_SCHEMAS } from '@rapport/schemas';
import { loadCliConfig } from './config.js';
import { DEFAULT_REPLAY_TOPIC, replay } from './commands/replay.js';
import { validate } from './commands/validate.js';

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
  .command('schema')
  .description('print the JSON Schema of a contract')
  .argument('<name>', `one of: ${Object.keys(JSON_SCHEMAS).join(', ')}`)
  .action((name: string) => {
    if (!(name in JSON_SCHEMAS))
      throw new InvalidArgumentError(
        `unknown contract "${name}"; choose one of ${Object.keys(JSON_SCHEMAS).join(', ')}`,
      );
    console.log(JSON.stringify(jsonSchemaOf(name as keyof typeof JSON_SCHEMAS), null, 2));
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof InvalidArgumentError) console.error(`error: ${err.message}`);
  else console.error(`rapport: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
