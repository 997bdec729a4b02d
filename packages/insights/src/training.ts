import { DIMENSIONS, type Channel, type Dimension } from '@rapport/schemas';
import {
  DEFAULT_MIN_INTERACTIONS,
  meanEstimate,
  rateEstimate,
  type MeanEstimate,
  type RateEstimate,
} from '@rapport/scorecards';
import { InsightsError } from './errors.js';
import type { InsightRow } from './row.js';
import { topicKey } from './stem.js';
import { TopicsAccumulator, type Topic } from './topics.js';

/** An interaction as training packs read it: its topic keyphrases, who handled it and how well. */
export interface TrainingRow extends InsightRow {
  agentId: string;
  /** Overall score 0-100 (null when nothing could be judged). */
  overall: number | null;
  scores: Partial<Record<Dimension, number | null>>;
  /** The customer outcome 0-100 (engines 2.x); null when absent. */
  outcome: number | null;
}

export interface TrainingOptions {
  /** Topics, most common first (default 10). */
  topics?: number;
  /** Example conversations of each kind per topic (default 3). */
  examples?: number;
  /** Agents named as handling a topic best and worst, each (default 3). */
  agents?: number;
  /** An agent is judged on a topic from this many interactions (default: the scorecards' 20). */
  minInteractions?: number;
  /** Only this language. */
  language?: string;
}

interface Totals {
  n: number;
  sum: number;
  sumSq: number;
}

/** An example candidate: picked on scores while streaming, its transcript read afterwards. */
export interface ExampleCandidate {
  interactionId: string;
  occurredAt: string;
  channel: Channel;
  overall: number | null;
  outcome: number | null;
  flagged: boolean;
}

interface KeyState {
  count: number;
  overall: Totals;
  outcome: Totals;
  dims: Record<Dimension, Totals>;
  flagged: number;
  firstResponse: { n: number; sum: number };
  agents: Map<string, Totals>;
  good: ExampleCandidate[];
  bad: ExampleCandidate[];
}

const newTotals = (): Totals => ({ n: 0, sum: 0, sumSq: 0 });
const add = (t: Totals, v: number | null | undefined) => {
  if (v === null || v === undefined) return;
  t.n++;
  t.sum += v;
  t.sumSq += v * v;
};

/** How many candidates of each kind are kept per topic: some turn out to have no transcript or a confirmed flag. */
export const CANDIDATES_PER_KIND = 8;

/** A good example: the customer did not end worse off than neutral (or no outcome was scored). */
const GOOD_OUTCOME_MIN = 50;

function offer(
  list: ExampleCandidate[],
  c: ExampleCandidate,
  better: (a: ExampleCandidate, b: ExampleCandidate) => number,
) {
  if (list.length === CANDIDATES_PER_KIND && better(c, list[list.length - 1] as ExampleCandidate) >= 0)
    return;
  let i = list.length;
  while (i > 0 && better(c, list[i - 1] as ExampleCandidate) < 0) i--;
  list.splice(i, 0, c);
  if (list.length > CANDIDATES_PER_KIND) list.pop();
}

/** Best handled first: highest overall, then best outcome, then newest (stable across runs). */
const betterGood = (a: ExampleCandidate, b: ExampleCandidate) =>
  (b.overall ?? -1) - (a.overall ?? -1) ||
  (b.outcome ?? -1) - (a.outcome ?? -1) ||
  (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0);
/** Worst handled first. */
const betterBad = (a: ExampleCandidate, b: ExampleCandidate) =>
  (a.overall ?? 101) - (b.overall ?? 101) ||
  (a.outcome ?? 101) - (b.outcome ?? 101) ||
  (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0);

export interface AgentOnTopic {
  agentId: string;
  overall: MeanEstimate;
  /** Above or below the topic's mean only when the agent's whole interval is. */
  versusTopic: 'above' | 'below' | 'level';
}

export interface TopicHandling {
  overall: MeanEstimate;
  dimensions: Record<Dimension, MeanEstimate>;
  flagRate: RateEstimate;
  /** Interactions scored by engines 2.x carry it; n says how many. */
  outcome: MeanEstimate;
  /** Mean seconds to the first reply over interactions that had one; null without. */
  meanFirstResponseSec: number | null;
  firstResponses: number;
  /** Fewer than minInteractions scored interactions: figures shown, not to be judged on. */
  tooFewToJudge: boolean;
}

/** A topic's statistics, before its example conversations are read from the store. */
export interface TrainingDraftTopic {
  topic: Topic;
  handling: TopicHandling;
  best: AgentOnTopic[];
  worst: AgentOnTopic[];
  agentsJudged: number;
  agentsTooFew: number;
  goodCandidates: ExampleCandidate[];
  problemCandidates: ExampleCandidate[];
}

export interface TrainingDraft {
  analysed: number;
  withoutInsight: number;
  minInteractions: number;
  examples: number;
  topics: TrainingDraftTopic[];
}

function check(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1)
    throw new InsightsError('INSIGHTS_BAD_OPTION', `${name} must be a whole number of 1 or more, not ${v}`);
  return v;
}

/**
 * Training packs over a period, fed one interaction at a time. Every topic key met is followed
 * (the top topics are known only at the end); memory grows with the vocabulary and the agents
 * per topic, not with the number of interactions.
 */
export class TrainingAccumulator {
  private readonly topics: TopicsAccumulator;
  private readonly keys = new Map<string, KeyState>();
  private readonly o: Required<Omit<TrainingOptions, 'language'>> & { language?: string };

  constructor(options: TrainingOptions = {}) {
    this.o = {
      topics: check('topics', options.topics ?? 10),
      examples: check('examples', options.examples ?? 3),
      agents: check('agents', options.agents ?? 3),
      minInteractions: check('minInteractions', options.minInteractions ?? DEFAULT_MIN_INTERACTIONS),
      ...(options.language !== undefined ? { language: options.language } : {}),
    };
    this.topics = new TopicsAccumulator({
      limit: this.o.topics,
      examples: 1,
      ...(options.language !== undefined ? { language: options.language } : {}),
    });
  }

  add(row: TrainingRow): void {
    this.topics.add(row);
    const language = row.language.code;
    if (row.insight === undefined || (this.o.language !== undefined && language !== this.o.language)) return;
    // The keys a topic can end up with: each keyphrase's, and each word of a pair's (as topics.ts).
    const keys = new Set<string>();
    for (const kp of row.insight.keyphrases) {
      const key = topicKey(kp.text, language);
      keys.add(key);
      if (key.includes(' ')) for (const k of key.split(' ')) keys.add(k);
    }
    const occurredAt = row.occurredAt instanceof Date ? row.occurredAt.toISOString() : row.occurredAt;
    const candidate: ExampleCandidate = {
      interactionId: row.interactionId,
      occurredAt,
      channel: row.channel,
      overall: row.overall,
      outcome: row.outcome,
      flagged: row.flagged,
    };
    for (const key of keys) {
      let s = this.keys.get(key);
      if (!s) {
        s = {
          count: 0,
          overall: newTotals(),
          outcome: newTotals(),
          dims: Object.fromEntries(DIMENSIONS.map((d) => [d, newTotals()])) as Record<Dimension, Totals>,
          flagged: 0,
          firstResponse: { n: 0, sum: 0 },
          agents: new Map(),
          good: [],
          bad: [],
        };
        this.keys.set(key, s);
      }
      s.count++;
      add(s.overall, row.overall);
      add(s.outcome, row.outcome);
      for (const d of DIMENSIONS) add(s.dims[d], row.scores[d]);
      if (row.flagged) s.flagged++;
      const fr = row.insight.firstResponseSec;
      if (fr !== null) {
        s.firstResponse.n++;
        s.firstResponse.sum += fr;
      }
      if (row.overall !== null) {
        let a = s.agents.get(row.agentId);
        if (!a) s.agents.set(row.agentId, (a = newTotals()));
        add(a, row.overall);
      }
      if (row.overall !== null && (row.outcome === null || row.outcome >= GOOD_OUTCOME_MIN))
        offer(s.good, candidate, betterGood);
      if (row.flagged) offer(s.bad, candidate, betterBad);
    }
  }

  result(): TrainingDraft {
    const report = this.topics.result();
    return {
      analysed: report.analysed,
      withoutInsight: report.withoutInsight,
      minInteractions: this.o.minInteractions,
      examples: this.o.examples,
      topics: report.topics.flatMap((topic) => {
        const s = this.stateOf(topic.key);
        return s ? [this.draftTopic(topic, s)] : [];
      }),
    };
  }

  /** A topic merged from a three-word chain keeps the figures of its more frequent pair (see topics.ts). */
  private stateOf(key: string): KeyState | undefined {
    const direct = this.keys.get(key);
    if (direct) return direct;
    const w = key.split(' ');
    if (w.length !== 3) return undefined;
    const a = this.keys.get(`${w[0]} ${w[1]}`);
    const b = this.keys.get(`${w[1]} ${w[2]}`);
    return !a ? b : !b ? a : a.count >= b.count ? a : b;
  }

  private draftTopic(topic: Topic, s: KeyState): TrainingDraftTopic {
    const overall = meanEstimate(s.overall);
    const agents = [...s.agents.entries()].map(([agentId, t]) => ({ agentId, overall: meanEstimate(t) }));
    const judged = agents
      .filter((a) => a.overall.n >= this.o.minInteractions && a.overall.ci !== null)
      .map((a): AgentOnTopic => {
        const ci = a.overall.ci;
        const mean = overall.mean ?? 0;
        return {
          ...a,
          versusTopic: ci && ci.low > mean ? 'above' : ci && ci.high < mean ? 'below' : 'level',
        };
      });
    // Best by the lower end of the interval, worst by the upper end: a few lucky or unlucky
    // conversations do not make an agent the best or the worst.
    const best = [...judged]
      .sort((a, b) => (b.overall.ci?.low ?? 0) - (a.overall.ci?.low ?? 0) || (a.agentId < b.agentId ? -1 : 1))
      .slice(0, this.o.agents);
    const worst = [...judged]
      .filter((a) => !best.includes(a))
      .sort(
        (a, b) => (a.overall.ci?.high ?? 0) - (b.overall.ci?.high ?? 0) || (a.agentId < b.agentId ? -1 : 1),
      )
      .slice(0, this.o.agents);
    return {
      topic: { ...topic, examples: [] },
      handling: {
        overall,
        dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, meanEstimate(s.dims[d])])) as Record<
          Dimension,
          MeanEstimate
        >,
        flagRate: rateEstimate(s.flagged, s.count),
        outcome: meanEstimate(s.outcome),
        meanFirstResponseSec: s.firstResponse.n === 0 ? null : s.firstResponse.sum / s.firstResponse.n,
        firstResponses: s.firstResponse.n,
        tooFewToJudge: overall.n < this.o.minInteractions,
      },
      best,
      worst,
      agentsJudged: judged.length,
      agentsTooFew: agents.length - judged.length,
      goodCandidates: s.good,
      problemCandidates: s.bad,
    };
  }
}

/** A draft's example candidates: the ids whose transcripts and review decisions are to be read. */
export function candidateIds(draft: TrainingDraft): string[] {
  const ids = new Set<string>();
  for (const t of draft.topics)
    for (const c of [...t.goodCandidates, ...t.problemCandidates]) ids.add(c.interactionId);
  return [...ids];
}

/** What the store holds about an example candidate. */
export interface CandidateDetails {
  /** The redacted transcript, as stored; absent when it was not kept (or removed by retention). */
  transcript?: readonly { role: string; text: string }[];
  /** Flag codes a reviewer confirmed. */
  confirmedFlags: readonly string[];
}

export interface ExampleConversation extends ExampleCandidate {
  confirmedFlags: string[];
  /** Redacted text as stored; null when the transcript was not kept (listed by id only). */
  transcript: { role: string; text: string }[] | null;
}

export interface TrainingPack extends Omit<TrainingDraftTopic, 'goodCandidates' | 'problemCandidates'> {
  /** Best handled: high scores, an outcome not below neutral, no confirmed flag. */
  goodExamples: ExampleConversation[];
  /** Confirmed problems: flags a reviewer confirmed, worst handled first. */
  problemExamples: ExampleConversation[];
}

export interface TrainingReport {
  analysed: number;
  withoutInsight: number;
  minInteractions: number;
  /** Where the example texts come from, for the reader of the pack. */
  note: string;
  packs: TrainingPack[];
}

export const EXAMPLES_NOTE =
  'Example conversations are quoted from stored transcripts, which are kept only for flagged and ' +
  'control-sample conversations, with personal data redacted by the scoring engine. A good example ' +
  'whose transcript was not kept is listed by id only. No customer names, ids or contact details appear here.';

/** Completes a draft with what the store holds about its candidates (missing ids: nothing kept). */
export function trainingReport(
  draft: TrainingDraft,
  details: ReadonlyMap<string, CandidateDetails>,
): TrainingReport {
  const example = (c: ExampleCandidate): ExampleConversation => {
    const d = details.get(c.interactionId);
    return {
      ...c,
      confirmedFlags: [...(d?.confirmedFlags ?? [])],
      transcript: d?.transcript ? d.transcript.map((e) => ({ role: e.role, text: e.text })) : null,
    };
  };
  return {
    analysed: draft.analysed,
    withoutInsight: draft.withoutInsight,
    minInteractions: draft.minInteractions,
    note: EXAMPLES_NOTE,
    packs: draft.topics.map(({ goodCandidates, problemCandidates, ...t }) => {
      const good = goodCandidates.map(example).filter((e) => e.confirmedFlags.length === 0);
      // Those with a transcript to read first; the order within each stays best first.
      const goodExamples = [...good.filter((e) => e.transcript), ...good.filter((e) => !e.transcript)].slice(
        0,
        draft.examples,
      );
      const problemExamples = problemCandidates
        .map(example)
        .filter((e) => e.confirmedFlags.length > 0 && e.transcript !== null)
        .slice(0, draft.examples);
      return { ...t, goodExamples, problemExamples };
    }),
  };
}

/**
 * Training packs of a stream of stored interactions: one pass for the figures, then one look-up
 * of the few example candidates' transcripts and review decisions (by id).
 */
export async function trainingPacks(
  rows: AsyncIterable<TrainingRow>,
  lookup: (ids: string[]) => Promise<ReadonlyMap<string, CandidateDetails>>,
  options: TrainingOptions = {},
  onRow?: () => void,
): Promise<TrainingReport> {
  const acc = new TrainingAccumulator(options);
  for await (const row of rows) {
    acc.add(row);
    onRow?.();
  }
  const draft = acc.result();
  return trainingReport(draft, await lookup(candidateIds(draft)));
}
