export * from './common.js';
export * from './limits.js';
export * from './interaction-event.js';
export * from './scored-interaction.js';
export * from './dead-letter.js';
export * from './policy.js';
export * from './issues.js';
export * from './decode.js';
export { JSON_SCHEMAS, jsonSchemaOf } from './json-schema.js';
