import { z } from 'zod';

/** "HH:MM" on a 24-hour clock. */
const ClockTime = z.string().regex(/^([01]?\d|2[0-4]):[0-5]\d$/, 'must be a time such as "08:00" or "17:30"');

const DurationUnitSchema = z.enum(['minute', 'hour', 'day', 'week', 'month', 'year']);

/**
 * A canonical fact agents' statements are checked against: a duration (refund window 30 days,
 * delivery 3-5 business days), an amount of money (Premium 149 DKK a month), a percentage, or a
 * time-of-day range (phone support 08:00-17:00). `keywords` per language say when a sentence is
 * about this fact; a single keyword also matches inside Danish compounds ("standardlevering").
 */
export const KnowledgeFact = z
  .object({
    id: z.string().min(1).max(100),
    description: z.string().min(1).max(300),
    kind: z.enum(['duration', 'money', 'percent', 'time_range']),
    /** The value; or `min` and `max` for a range ("3-5 business days"). */
    value: z.number().nonnegative().optional(),
    min: z.number().nonnegative().optional(),
    max: z.number().nonnegative().optional(),
    unit: DurationUnitSchema.optional(),
    /** ISO 4217 code for money, e.g. "DKK". */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "DKK"')
      .optional(),
    from: ClockTime.optional(),
    to: ClockTime.optional(),
    /** How far a stated value may be off and still agree (in the fact's unit). */
    tolerance: z.number().nonnegative().default(0),
    keywords: z.record(z.string().regex(/^[a-z]{2,3}$/), z.array(z.string().min(1).max(100)).min(1)),
  })
  .strict()
  .superRefine((f, ctx) => {
    const need = (field: 'value' | 'unit' | 'currency' | 'from' | 'to', why: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message: `required for a ${f.kind} fact: ${why}` });
    const hasValue = f.value !== undefined || (f.min !== undefined && f.max !== undefined);
    if (f.kind === 'time_range') {
      if (f.from === undefined) need('from', 'when it opens, e.g. "08:00"');
      if (f.to === undefined) need('to', 'when it closes, e.g. "17:00"');
      return;
    }
    if (!hasValue) need('value', 'give value, or min and max');
    if (f.min !== undefined && f.max !== undefined && f.min > f.max)
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'must be at least min' });
    if (f.kind === 'duration' && f.unit === undefined) need('unit', 'minute, hour, day, week, month or year');
    if (f.kind === 'money' && f.currency === undefined) need('currency', 'an ISO 4217 code such as "DKK"');
  });
export type KnowledgeFact = z.infer<typeof KnowledgeFact>;

export const KnowledgeBase = z
  .object({
    id: z.string().min(1),
    version: z.string().min(1),
    description: z.string().optional(),
    facts: z.array(KnowledgeFact).max(5_000),
  })
  .strict()
  .superRefine((kb, ctx) => {
    const seen = new Set<string>();
    kb.facts.forEach((f, i) => {
      if (seen.has(f.id))
        ctx.addIssue({ code: 'custom', path: ['facts', i, 'id'], message: `duplicate fact id "${f.id}"` });
      seen.add(f.id);
    });
  });
export type KnowledgeBase = z.infer<typeof KnowledgeBase>;
export type KnowledgeBaseInput = z.input<typeof KnowledgeBase>;
