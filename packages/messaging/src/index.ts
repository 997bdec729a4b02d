export {
  chunkByBytes,
  createKafkaBus,
  createKafkaBusFromConfig,
  type KafkaConfig,
  type KafkaSettings,
} from './kafkajs-bus.js';
export { MessagingError, type MessagingErrorCode } from './errors.js';
export type {
  BatchControl,
  BatchHandler,
  Bus,
  Consumer,
  ConsumerOptions,
  GroupEvent,
  IncomingBatch,
  IncomingMessage,
  OutgoingMessage,
  Producer,
  TopicSpec,
} from './types.js';
export { COMPACTED, retentionConfig, TOPICS } from './topics.js';
export {
  auditHeadKey,
  auditHeadOf,
  auditHeadsTopic,
  publishAuditHead,
  readAuditHead,
} from './audit-heads.js';
export { BatchAbandoned, StepFailed, untilDone, type RetryDeps } from './batch-retry.js';
export { runStreamWorker, type ShutdownStep, type StreamWorkerOptions } from './stream-worker.js';
