import { z } from 'zod';
import { kafkaFields, logFields, mongoFields, parseConfig, type Env } from '@rapport/config';

/** The CLI's configuration: the same variables as the services it talks to. */
export const CliConfig = z.object({
  ...kafkaFields,
  ...mongoFields,
  ...logFields,
  LOG_LEVEL: logFields.LOG_LEVEL.default('warn'),
});
export type CliConfig = z.infer<typeof CliConfig>;

export const loadCliConfig = (env: Env): CliConfig => parseConfig(CliConfig, env, 'rapport');
