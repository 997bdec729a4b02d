import type { Evidence, Signal } from '@rapport/schemas';
import { evidenceOf, type PreparedMessage } from '../engine/prepared.js';
import { round2, scoreFromImpacts, type AnalysisContext, type DimensionResult } from '../engine/context.js';

function duration(sec: number): string {
  if (sec < 120) return `${Math.round(sec)} s`;
  if (sec < 2 * 3600) return `${Math.round(sec / 60)} min`;
  if (sec < 2 * 86400) return `${round2(sec / 3600)} h`;
  return `${round2(sec / 86400)} days`;
}

/** Zero-width evidence at the start of a message: "this is the message that came late". */
function at(m: PreparedMessage, rule: string): Evidence {
  const s = m.sentences[0];
  return evidenceOf(m, 0, s ? s.end : Math.min(m.text.length, 120), rule);
}

/** Points off for exceeding a limit: proportional to how far over, capped. */
function overLimitImpact(value: number, limit: number): number {
  return -Math.min(20, Math.round((value / limit - 1) * 10));
}

function scoreMessages(ctx: AnalysisContext, signals: Signal[]): void {
  const channel = ctx.interaction.channel;
  if (channel === 'call') return;
  const th = ctx.policy.policy.thresholds.responsiveness;
  const firstLimit = th.firstResponseSec[channel];
  const waitLimit = th.longestWaitSec[channel];
  const timed = ctx.interaction.messages.filter(
    (m) => (m.role === 'agent' || m.role === 'customer') && m.atMs !== undefined,
  );
  let waitingSince: PreparedMessage | undefined;
  let firstDone = false;
  let longest: { sec: number; reply: PreparedMessage } | undefined;
  for (const m of timed) {
    if (m.role === 'customer') {
      waitingSince ??= m;
      continue;
    }
    if (waitingSince === undefined) {
      firstDone = true; // an agent-initiated conversation has no first-response time
      continue;
    }
    const sec = Math.max(0, ((m.atMs as number) - (waitingSince.atMs as number)) / 1000);
    if (!firstDone) {
      firstDone = true;
      let impact = 0;
      if (firstLimit !== undefined && sec > firstLimit) {
        impact = ctx.flags.raise(
          'responsiveness.slow_first_response',
          `The agent first replied after ${duration(sec)}; the policy allows ${duration(firstLimit)} on ${channel}.`,
          [at(m, 'responsiveness.slow_first_response:first-reply')],
        );
        impact += overLimitImpact(sec, firstLimit);
      }
      signals.push({
        name: 'responsiveness.first_response_sec',
        value: round2(sec),
        impact,
        evidence: [at(m, 'responsiveness.first_response:first-reply')],
      });
    } else if (!longest || sec > longest.sec) {
      longest = { sec, reply: m };
    }
    waitingSince = undefined;
  }
  if (longest) {
    let impact = 0;
    if (waitLimit !== undefined && longest.sec > waitLimit) {
      impact =
        ctx.flags.raise(
          'responsiveness.long_wait',
          `The customer waited ${duration(longest.sec)} for a reply; the policy allows ${duration(waitLimit)} on ${channel}.`,
          [at(longest.reply, 'responsiveness.long_wait:late-reply')],
        ) + overLimitImpact(longest.sec, waitLimit);
    }
    signals.push({
      name: 'responsiveness.longest_wait_sec',
      value: round2(longest.sec),
      impact,
      evidence: [at(longest.reply, 'responsiveness.long_wait:late-reply')],
    });
  }
}

function scoreCall(ctx: AnalysisContext, signals: Signal[]): void {
  const th = ctx.policy.policy.thresholds.responsiveness;
  const segs = ctx.interaction.messages.filter((m) => m.startSec !== undefined && m.endSec !== undefined);
  let agentSec = 0;
  let customerSec = 0;
  const deadAir: Evidence[] = [];
  const gaps: number[] = [];
  let overlapTotal = 0;
  const overtalk: Evidence[] = [];
  let spokenUntil = 0;
  let lastSpeaker: PreparedMessage | undefined;
  for (const s of segs) {
    const start = s.startSec as number;
    const end = s.endSec as number;
    if (s.role === 'agent') agentSec += end - start;
    else customerSec += end - start;
    if (lastSpeaker !== undefined) {
      const gap = start - spokenUntil;
      if (gap > th.deadAirSec) {
        gaps.push(gap);
        deadAir.push(evidenceOf(s, 0, 0, `responsiveness.dead_air:${round2(gap)}s`));
      }
      const overlap = Math.min(spokenUntil, end) - start;
      if (overlap >= th.overtalkMinOverlapSec && lastSpeaker.role !== s.role) {
        overlapTotal += overlap;
        overtalk.push(
          evidenceOf(
            s,
            0,
            s.sentences[0]?.end ?? Math.min(120, s.text.length),
            `responsiveness.overtalk:${round2(overlap)}s`,
          ),
        );
      }
    }
    if (end >= spokenUntil) {
      spokenUntil = end;
      lastSpeaker = s;
    }
  }
  let deadImpact = 0;
  if (gaps.length > 0) {
    deadImpact = ctx.flags.raise(
      'responsiveness.dead_air',
      `The call had ${gaps.length} silence${gaps.length === 1 ? '' : 's'} longer than ${th.deadAirSec} s (${gaps.map((g) => `${round2(g)} s`).join(', ')}).`,
      deadAir,
      gaps.length,
    );
  }
  signals.push({
    name: 'responsiveness.longest_silence_sec',
    value: round2(Math.max(0, ...gaps)),
    impact: deadImpact,
    evidence: deadAir.slice(0, 10),
  });
  let overImpact = 0;
  if (overlapTotal >= th.overtalkTotalSec) {
    overImpact = ctx.flags.raise(
      'responsiveness.overtalk',
      `Agent and customer talked over each other ${overtalk.length} times, ${round2(overlapTotal)} s in total.`,
      overtalk,
      overtalk.length,
    );
  }
  signals.push({
    name: 'responsiveness.overtalk_sec',
    value: round2(overlapTotal),
    impact: overImpact,
    evidence: overtalk.slice(0, 10),
  });
  const speech = agentSec + customerSec;
  if (speech > 0) {
    const ratio = agentSec / speech;
    let impact = 0;
    if (speech >= th.talkRatioMinSpeechSec && (ratio > th.talkRatioMax || ratio < th.talkRatioMin)) {
      const longestAgent = segs
        .filter((s) => s.role === 'agent')
        .reduce<PreparedMessage | undefined>(
          (a, b) =>
            !a ||
            (b.endSec as number) - (b.startSec as number) > (a.endSec as number) - (a.startSec as number)
              ? b
              : a,
          undefined,
        );
      impact = ctx.flags.raise(
        'responsiveness.talk_ratio',
        `The agent did ${Math.round(ratio * 100)}% of the talking; the policy's band is ${Math.round(th.talkRatioMin * 100)}-${Math.round(th.talkRatioMax * 100)}%.`,
        longestAgent ? [at(longestAgent, 'responsiveness.talk_ratio:longest-agent-turn')] : [],
      );
    }
    signals.push({ name: 'responsiveness.agent_talk_ratio', value: round2(ratio), impact });
  }
}

/** Responsiveness from timestamps only: language-neutral, judged for every language. */
export function scoreResponsiveness(ctx: AnalysisContext): DimensionResult {
  const signals: Signal[] = [];
  if (ctx.interaction.channel === 'call') scoreCall(ctx, signals);
  else scoreMessages(ctx, signals);
  if (signals.length === 0) return { score: null, signals };
  return { score: scoreFromImpacts(signals), signals };
}
