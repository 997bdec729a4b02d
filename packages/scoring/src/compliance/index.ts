import type { Evidence, PiiType, Signal } from '@rapport/schemas';
import { evidenceOf, type PreparedMessage } from '../engine/prepared.js';
import {
  quoteList,
  scoreFromImpacts,
  type AnalysisContext,
  type DimensionResult,
} from '../engine/context.js';
import { SUPPORTED_LANGUAGES } from '../lexicons/index.js';
import type { CompiledRequirement } from '../policy/compile.js';
import type { PhraseMatcher } from '../text/phrases.js';

const PII_NAMES: Readonly<Record<PiiType, string>> = {
  email: 'an e-mail address',
  phone: 'a phone number',
  card: 'a payment card number',
  iban: 'an IBAN',
  cpr: 'a CPR number',
  ssn: 'a social security number',
  bank_account: 'a bank account number',
};

/** End of the tokens a requirement looks at: the first N sentences when asked, else all. */
function tokenEndFor(m: PreparedMessage, withinSentences: number | undefined): number {
  if (withinSentences === undefined) return m.tokens.length;
  const last = m.sentences[Math.min(withinSentences, m.sentences.length) - 1];
  return last ? last.endToken : 0;
}

function candidates(req: CompiledRequirement, ctx: AnalysisContext): PreparedMessage[] {
  const agent = ctx.agent.filter((m) => m.tokens.length > 0);
  switch (req.def.where) {
    case 'first_agent_message':
      return agent.slice(0, 1);
    case 'last_agent_message':
      return agent.slice(-1);
    case 'any_agent_message':
      return agent;
    case 'agent_within_seconds': {
      const limit = req.def.withinSec ?? 60;
      // Calls: by segment start; chats and e-mails: by time since the first message.
      const t0 = ctx.interaction.messages.find((m) => m.atMs !== undefined)?.atMs;
      return agent.filter((m) =>
        m.startSec !== undefined
          ? m.startSec <= limit
          : m.atMs !== undefined && t0 !== undefined
            ? (m.atMs - t0) / 1000 <= limit
            : false,
      );
    }
  }
}

function requirementMet(
  req: CompiledRequirement,
  ctx: AnalysisContext,
  matcher: PhraseMatcher<string>,
): boolean {
  for (const m of candidates(req, ctx))
    if (matcher.matchesAny(m.tokens, tokenEndFor(m, req.def.withinSentences))) return true;
  return false;
}

const REQUIREMENT_TEXT: Readonly<Record<string, string>> = {
  'compliance.missing_greeting': 'did not greet the customer',
  'compliance.missing_closing': 'did not close the conversation',
  'compliance.missing_recording_disclosure': 'did not say that the call is recorded',
};

/**
 * Compliance: required phrases (greeting, closing, recording disclosure) and forbidden phrases
 * from the policy, per channel and language; PII the agent wrote out. Redaction itself happened
 * before any analysis; this only judges who exposed what.
 */
export function scoreCompliance(ctx: AnalysisContext): DimensionResult {
  const signals: Signal[] = [];
  const { flags, lang, policy } = ctx;
  const channel = ctx.interaction.channel;
  const hasAgentText = ctx.agent.some((m) => m.tokens.length > 0);

  if (lang !== undefined && hasAgentText) {
    for (const req of policy.required) {
      if (!req.channels.has(channel)) continue;
      if (!req.matchers[lang]) continue;
      // Code-switching agents greet in one language and answer in another: any supported language counts.
      const met = SUPPORTED_LANGUAGES.some((l) => {
        const matcher = req.matchers[l];
        return matcher !== undefined && requirementMet(req, ctx, matcher);
      });
      let impact = 0;
      if (!met) {
        const where = candidates(req, ctx)[0] ?? ctx.agent[0];
        const evidence: Evidence[] = where
          ? [evidenceOf(where, 0, where.sentences[0]?.end ?? 0, `${req.flag}:${req.def.id}`)]
          : [];
        impact = flags.raise(
          req.flag,
          `The agent ${REQUIREMENT_TEXT[req.flag] ?? `did not say the required "${req.def.id}"`} (policy requirement "${req.def.id}").`,
          evidence,
        );
      }
      signals.push({ name: `compliance.required.${req.def.id}`, value: met ? 1 : 0, impact });
    }
    {
      const hits: Evidence[] = [];
      for (const m of ctx.agent)
        for (const match of ctx.matches[m.index] ?? []) {
          const p = match.payload;
          if (typeof p === 'object' && p.channels.includes(channel))
            hits.push(evidenceOf(m, match.start, match.end, `compliance.forbidden_phrase:${p.id}`));
        }
      if (hits.length > 0) {
        const impact = flags.raise(
          'compliance.forbidden_phrase',
          `The agent used phrases the policy forbids: ${quoteList(hits.map((e) => e.text))}.`,
          hits,
          hits.length,
        );
        signals.push({
          name: 'compliance.forbidden_phrase',
          value: hits.length,
          impact,
          evidence: hits.slice(0, 10),
        });
      }
    }
  } else if (lang === undefined) {
    signals.push({ name: 'language.unsupported', value: 1, impact: 0 });
  }

  // PII: who wrote it out. Language-neutral.
  const exposed: Evidence[] = [];
  const exposedTypes = new Set<PiiType>();
  const shared: Evidence[] = [];
  const sharedTypes = new Set<PiiType>();
  for (const m of ctx.interaction.messages) {
    for (const r of m.redactions) {
      if (m.role === 'agent' && policy.agentMustNotWrite.has(r.type)) {
        exposed.push(evidenceOf(m, r.start, r.end, `compliance.pii_exposed:${r.type}`));
        exposedTypes.add(r.type);
      } else if (m.role === 'customer') {
        shared.push(evidenceOf(m, r.start, r.end, `compliance.pii_customer_shared:${r.type}`));
        sharedTypes.add(r.type);
      }
    }
  }
  if (exposed.length > 0) {
    const impact = flags.raise(
      'compliance.pii_exposed',
      `The agent wrote out ${[...exposedTypes].map((t) => PII_NAMES[t]).join(' and ')}; it has been redacted.`,
      exposed,
      exposed.length,
    );
    signals.push({
      name: 'compliance.pii_exposed',
      value: exposed.length,
      impact,
      evidence: exposed.slice(0, 10),
    });
  }
  if (shared.length > 0) {
    // The customer's own data: redacted, flagged for the record, never the agent's fault.
    flags.raise(
      'compliance.pii_customer_shared',
      `The customer shared ${[...sharedTypes].map((t) => PII_NAMES[t]).join(' and ')}; it has been redacted.`,
      shared,
    );
    signals.push({
      name: 'compliance.pii_customer_shared',
      value: shared.length,
      impact: 0,
      evidence: shared.slice(0, 10),
    });
  }
  if (!hasAgentText && signals.every((s) => (s.impact ?? 0) === 0)) return { score: null, signals };
  return { score: scoreFromImpacts(signals), signals };
}
