export type ReviewErrorCode =
  /** The interaction does not exist, or the caller may not know that it does. */
  | 'NOT_FOUND'
  /** The caller may see the interaction but not do this to it. */
  | 'FORBIDDEN'
  /** The action does not fit the interaction's state (e.g. ruling on an undisputed review). */
  | 'INVALID_TRANSITION'
  /** A flag code that this interaction does not carry. */
  | 'UNKNOWN_FLAG'
  /** Someone else changed the review first: reload and try again. */
  | 'CONFLICT'
  /** A malformed queue cursor. */
  | 'INVALID_CURSOR'
  /** The review holds as many notes or comments as one review may. */
  | 'LIMIT_REACHED';

export class ReviewError extends Error {
  override readonly name = 'ReviewError';
  constructor(
    readonly code: ReviewErrorCode,
    message: string,
  ) {
    super(message);
  }
}
