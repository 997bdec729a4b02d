import type { Dimension, Evidence, Flag, Severity } from '@rapport/schemas';
import { FLAG_CATALOG, flagDefinition, type FlagCode } from './catalog.js';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

/** Points a flag takes off its dimension's score, by severity (the first occurrence). */
const SEVERITY_POINTS: Readonly<Record<Severity, number>> = { low: 6, medium: 15, high: 30, critical: 45 };
/**
 * Output bounds per flag. A flag is read by a person: past a handful of examples more text adds
 * nothing, and an unbounded flag lets one repetitive event grow its scored message without limit
 * (a 10 KB claim bomb once produced a 6.8 MB message).
 */
export const MAX_EVIDENCE_PER_FLAG = 20;
export const MAX_MESSAGES_PER_FLAG = 5;
export const MAX_MESSAGE_CHARS = 600;

export interface RuleResolution {
  enabled: boolean;
  severity: Severity;
}

export type ResolveRule = (code: FlagCode) => RuleResolution;

interface Pending {
  code: FlagCode;
  dimension: Dimension;
  severity: Severity;
  messages: string[];
  /** Distinct messages raised beyond MAX_MESSAGES_PER_FLAG, summarised as "and N more". */
  moreMessages: number;
  evidence: Evidence[];
  /** messageIndex:start:end of the evidence kept, so the same words are quoted once. */
  evidenceKeys: Set<string>;
}

/**
 * Collects flags raised by the analyses, applying the policy's toggles and severities, and tells
 * each analysis how many points the flag costs its dimension. One flag per code: raising a code
 * again adds its message and evidence to the same flag.
 */
export class FlagCollector {
  private readonly pending = new Map<FlagCode, Pending>();

  constructor(private readonly resolve: ResolveRule) {}

  /**
   * Raises a flag; returns its score impact (negative points, 0 when the rule is disabled).
   * `occurrences` scales the impact with diminishing returns. `severity`, when the analysis knows
   * better than the policy's fixed one (a model's probability band, who an insult is aimed at),
   * replaces it; raising a code again keeps the highest.
   */
  raise(
    code: FlagCode,
    message: string,
    evidence: readonly Evidence[],
    occurrences = 1,
    severity?: Severity,
  ): number {
    const rule = this.resolve(code);
    if (!rule.enabled) return 0;
    const sev = severity ?? rule.severity;
    let p = this.pending.get(code);
    if (!p) {
      p = {
        code,
        dimension: flagDefinition(code).dimension,
        severity: sev,
        messages: [],
        moreMessages: 0,
        evidence: [],
        evidenceKeys: new Set(),
      };
      this.pending.set(code, p);
    }
    const text = boundedMessage(message);
    if (!p.messages.includes(text)) {
      if (p.messages.length < MAX_MESSAGES_PER_FLAG) p.messages.push(text);
      else p.moreMessages++;
    }
    for (const e of evidence) {
      if (p.evidence.length >= MAX_EVIDENCE_PER_FLAG) break;
      const key = `${e.messageIndex}:${e.start}:${e.end}`;
      if (p.evidenceKeys.has(key)) continue;
      p.evidenceKeys.add(key);
      p.evidence.push(e);
    }
    if (SEVERITY_RANK[sev] > SEVERITY_RANK[p.severity]) p.severity = sev;
    return impactOf(sev, occurrences);
  }

  has(code: FlagCode): boolean {
    return this.pending.has(code);
  }

  /** Flags in catalog order (stable output for storage and tests). */
  flags(): Flag[] {
    const out: Flag[] = [];
    for (const def of FLAG_CATALOG) {
      const p = this.pending.get(def.code);
      if (p)
        out.push({
          code: p.code,
          dimension: p.dimension,
          severity: p.severity,
          message:
            p.moreMessages === 0
              ? p.messages.join(' ')
              : `${p.messages.join(' ')} (and ${p.moreMessages} more like this)`,
          evidence: p.evidence,
        });
    }
    return out;
  }
}

function boundedMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  let end = MAX_MESSAGE_CHARS - 3;
  // Never cut a surrogate pair in half.
  const c = message.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${message.slice(0, end)}...`;
}

export function impactOf(severity: Severity, occurrences: number): number {
  const n = Math.max(1, Math.min(occurrences, 5));
  return -Math.round(SEVERITY_POINTS[severity] * (1 + 0.5 * (n - 1)));
}

export function maxSeverityOf(flags: readonly Flag[]): Severity | null {
  let best: Severity | null = null;
  for (const f of flags)
    if (best === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[best]) best = f.severity;
  return best;
}
