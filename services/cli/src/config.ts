import { z } from 'zod';
import { auditKeyFields, kafkaFields, logFields, mongoFields, parseConfig, type Env } from '@rapport/config';
import { AuditLog, connectStore, parseAuditKeys, type StoreConnection } from '@rapport/store';

/** The CLI's configuration: the same variables as the services it talks to. */
export const CliConfig = z.object({
  ...kafkaFields,
  ...mongoFields,
  ...logFields,
  ...auditKeyFields,
  LOG_LEVEL: logFields.LOG_LEVEL.default('warn'),
});
export type CliConfig = z.infer<typeof CliConfig>;

export const loadCliConfig = (env: Env): CliConfig => parseConfig(CliConfig, env, 'rapport');

/** The store the configuration names, as the CLI connects to it; close it when done. */
export const openStore = (config: CliConfig): Promise<StoreConnection> =>
  connectStore({ uri: config.MONGODB_URI, dbName: config.MONGODB_DB, appName: 'rapport-cli' });

/**
 * The tenant audit log, sealing what the CLI appends with AUDIT_KEYS' current key and checking
 * seals with all of them; unsealed (and seals unchecked) when AUDIT_KEYS is unset.
 */
export function openAuditLog(config: CliConfig, db: StoreConnection['db']): AuditLog {
  return new AuditLog(
    db,
    config.AUDIT_KEYS === undefined ? {} : { keyring: parseAuditKeys(config.AUDIT_KEYS) },
  );
}
