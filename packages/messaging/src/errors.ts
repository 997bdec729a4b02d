/** Stable error codes of @rapport/messaging. */
export type MessagingErrorCode =
  | 'KAFKA_UNAVAILABLE'
  | 'KAFKA_TOPIC_SETUP_FAILED'
  | 'KAFKA_PUBLISH_FAILED'
  /** The broker refuses the record for good (e.g. larger than the topic allows): retrying cannot help. */
  | 'KAFKA_MESSAGE_REJECTED'
  | 'KAFKA_COMMIT_FAILED'
  /** This consumer is no longer a member of its group: do not retry, let the client rejoin. */
  | 'KAFKA_GROUP_MEMBERSHIP_LOST';

export class MessagingError extends Error {
  override readonly name = 'MessagingError';
  constructor(
    readonly code: MessagingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
