export { ConfigError, type ConfigErrorCode } from './errors.js';
export { parseConfig, type Env } from './parse.js';
export { auditKeyFields, httpFields, kafkaFields, logFields, mongoFields, policyFields } from './fields.js';
