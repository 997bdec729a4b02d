export { createLogger, type Logger, type LoggerSettings } from './logger.js';
export { ShutdownManager } from './shutdown.js';
export { Counter, createMetricsRegistry, Gauge, Histogram, Registry } from './metrics.js';
export { buildOpsServer, opsRoutes, type OpsServerOptions, type ReadinessCheck } from './ops-server.js';
