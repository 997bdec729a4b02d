import { z } from 'zod';
import { FlagCode, REVIEW_TEXT_MAX } from '@rapport/schemas';
import { SafeId } from './queue-query.js';

const tooLong = `must be at most ${REVIEW_TEXT_MAX.toLocaleString('en')} characters`;
const text = z.string().trim().min(1, 'must not be empty').max(REVIEW_TEXT_MAX, tooLong);
const optionalText = z.string().trim().max(REVIEW_TEXT_MAX, tooLong).optional();

/** Every review action as one tagged union: the OpenAPI document lists each shape. */
export const ReviewCommandBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('confirm_flag'), code: FlagCode, note: optionalText }).strict(),
  z.object({ action: z.literal('dismiss_flag'), code: FlagCode, note: optionalText }).strict(),
  z.object({ action: z.literal('coach'), note: text }).strict(),
  z.object({ action: z.literal('escalate'), note: text }).strict(),
  z.object({ action: z.literal('resolve') }).strict(),
  z.object({ action: z.literal('reopen') }).strict(),
  z.object({ action: z.literal('note'), text }).strict(),
  z.object({ action: z.literal('comment'), text }).strict(),
  z.object({ action: z.literal('assign'), assignee: SafeId }).strict(),
  z.object({ action: z.literal('unassign') }).strict(),
  z.object({ action: z.literal('acknowledge'), note: optionalText }).strict(),
  z.object({ action: z.literal('dispute'), note: text }).strict(),
  z.object({ action: z.literal('rule'), outcome: z.enum(['upheld', 'overturned']), note: text }).strict(),
  z
    .object({
      action: z.literal('control_verdict'),
      verdict: z.enum(['clean', 'missed']),
      note: optionalText,
    })
    .strict(),
]);
export type ReviewCommandBody = z.infer<typeof ReviewCommandBody>;
