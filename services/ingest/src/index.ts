export { buildApp, type IngestAppDeps } from './app.js';
export { IngestServiceConfig, loadIngestServiceConfig } from './config.js';
export { signGeneric, verifyGeneric, verifyIntercom, verifyZendesk, freshEnough } from './signatures.js';
export { startIngestService, type RunningIngestService } from './service.js';
