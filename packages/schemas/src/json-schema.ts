import { z } from 'zod';
import { DeadLetter } from './dead-letter.js';
import { InteractionEvent } from './interaction-event.js';
import { Policy } from './policy.js';
import { AuditEntry } from './audit.js';
import { ReviewEvent } from './review.js';
import { ScoredInteraction } from './scored-interaction.js';
import { Scorecard } from './scorecard.js';

/**
 * The contracts published as JSON Schema for producers and consumers in other languages.
 * Inputs are described as producers write them (defaults optional); outputs as we emit them.
 */
export const JSON_SCHEMAS = {
  'interaction-event.v1': { schema: InteractionEvent, io: 'input' },
  'scored-interaction.v1': { schema: ScoredInteraction, io: 'output' },
  'dead-letter.v1': { schema: DeadLetter, io: 'output' },
  'policy.v1': { schema: Policy, io: 'input' },
  'review-event.v1': { schema: ReviewEvent, io: 'output' },
  'audit-entry.v1': { schema: AuditEntry, io: 'output' },
  'scorecard.v1': { schema: Scorecard, io: 'output' },
} as const;

export function jsonSchemaOf(name: keyof typeof JSON_SCHEMAS): Record<string, unknown> {
  const { schema, io } = JSON_SCHEMAS[name];
  // Refinements (ordering, byte limits, time bounds) have no JSON Schema form; they are
  // documented in the field descriptions and enforced by the consumer.
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
}
