import type { Severity } from '@rapport/schemas';
import { SEVERITY_RANK } from '../flags/collector.js';

const ORDER: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

/** One step up, for words aimed squarely at the customer ("you are ..."); high is the ceiling. */
export function raised(s: Severity): Severity {
  const i = Math.min(ORDER.indexOf(s) + 1, ORDER.indexOf('high'));
  return ORDER[Math.max(i, ORDER.indexOf(s))] as Severity;
}

export interface ProbabilityBands {
  flagAt: number;
  mediumAt: number;
  highAt: number;
}

/** The severity band of a calibrated probability; undefined below the flag threshold. */
export function bandOf(p: number, bands: ProbabilityBands): Severity | undefined {
  if (p >= bands.highAt) return 'high';
  if (p >= bands.mediumAt) return 'medium';
  if (p >= bands.flagAt) return 'low';
  return undefined;
}
