/**
 * Size limits of an interaction event. They keep one event's cost bounded on the hot path
 * (scoring is linear in text size) and keep a single document well under MongoDB's 16 MiB.
 * Deployments can tighten or widen them through `createInteractionEventSchema`.
 */
export interface EventLimits {
  /** UTF-8 bytes of all message and segment text together. */
  maxTotalTextBytes: number;
  maxMessages: number;
  maxSegments: number;
  /** Characters in one message body or one segment. */
  maxTextChars: number;
  maxIdChars: number;
  maxNameChars: number;
  maxTags: number;
  maxTagChars: number;
  /** Longest call, in seconds. */
  maxCallSec: number;
}

export const DEFAULT_EVENT_LIMITS: EventLimits = Object.freeze({
  maxTotalTextBytes: 256 * 1024,
  maxMessages: 1_000,
  maxSegments: 10_000,
  maxTextChars: 256 * 1024,
  maxIdChars: 200,
  maxNameChars: 200,
  maxTags: 50,
  maxTagChars: 64,
  maxCallSec: 12 * 3600,
});
