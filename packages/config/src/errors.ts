/** Stable error codes of @rapport/config. */
export type ConfigErrorCode = 'CONFIG_INVALID' | 'POLICY_FILE_UNREADABLE';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly code: ConfigErrorCode,
    message: string,
    /** One line per problem, "VARIABLE: what is wrong". */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}
