import { z } from 'zod';

/** Severity of a flag, in increasing order. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const CHANNELS = ['email', 'chat', 'call'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** The six quality dimensions every interaction is scored on. */
export const DIMENSIONS = [
  'politeness',
  'tone',
  'accuracy',
  'clarity',
  'responsiveness',
  'compliance',
] as const;
export const Dimension = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof Dimension>;

// Earliest plausible timestamp; anything before is a producer bug (epoch zero, seconds as ms...).
const MIN_TIME = Date.parse('1990-01-01T00:00:00Z');
// Producers' clocks drift; more than a day ahead is a bug, not drift.
const MAX_FUTURE_MS = 24 * 3600 * 1000;

/** An ISO-8601 timestamp with an explicit offset, within sane bounds. */
export const Timestamp = z.iso
  .datetime({
    offset: true,
    message: 'must be an ISO-8601 date-time with a time zone, e.g. 2026-03-01T09:30:00Z',
  })
  .refine(
    (s) => {
      const t = Date.parse(s);
      return t >= MIN_TIME && t <= Date.now() + MAX_FUTURE_MS;
    },
    { message: 'must be after 1990 and not more than a day in the future' },
  );

/** Tenant ids become part of database keys and topic-level partitioning: keep them plain. */
export const TenantId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,62}$/i,
    'must be 1-63 letters, digits, "-" or "_", starting with a letter or digit',
  );

// No control characters and no leading "$": ids are stored and queried, never interpreted.
export const idString = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^$\p{Cc}][^\p{Cc}]*$/u, 'must not start with "$" or contain control characters');

/** BCP-47 language tag such as "en", "da", "en-GB". */
export const LanguageTag = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP-47 language tag such as "en" or "da-DK"');

/** UTF-8 byte length without allocating (the hot path measures every event). */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
