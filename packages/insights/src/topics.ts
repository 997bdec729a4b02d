import { InsightsError } from './errors.js';
import type { InsightRow } from './row.js';
import { topicKey } from './stem.js';

export interface TopicsOptions {
  /** Topics returned, best first (default 20). */
  limit?: number;
  /** Example interactions per topic (default 3). */
  examples?: number;
  /** A topic needs this many interactions (default 2): one customer's words are no training topic. */
  minCount?: number;
  /** Only interactions in this language (e.g. "da"); default all. */
  language?: string;
  /**
   * A word topic is folded into a two-word topic containing it when that covers at least this
   * share of the word's interactions (default 0.8): "delivery" adds nothing next to "late delivery".
   */
  subsumeShare?: number;
}

export interface TopicExample {
  interactionId: string;
  occurredAt: string;
  /** Flagged interactions come first: only they have a stored transcript to read. */
  flagged: boolean;
}

export interface Topic {
  /** The merge key (stemmed words): stable across periods, for links and comparisons. */
  key: string;
  /** The form customers used most ("late delivery"). */
  label: string;
  /** Other forms merged into this topic, most used first (at most 5). */
  variants: string[];
  /** Interactions mentioning the topic. */
  count: number;
  /** count / interactions analysed, 0-1. */
  share: number;
  /** TF-IDF weight summed over the interactions (see topTopics). */
  score: number;
  /** Languages of those interactions, most frequent first. */
  languages: string[];
  examples: TopicExample[];
}

export interface TopicsReport {
  /** Interactions with keyphrases data in scope (the IDF's document count). */
  analysed: number;
  /** Interactions in scope stored without insight data (scored by an older engine). */
  withoutInsight: number;
  topics: Topic[];
}

interface Example extends TopicExample {
  salience: number;
}

interface TopicState {
  key: string;
  words: number;
  count: number;
  /** Sum over interactions of tf / the interaction's highest tf. */
  weight: number;
  forms: Map<string, number>;
  languages: Map<string, number>;
  examples: Example[];
}

const DEFAULTS = { limit: 20, examples: 3, minCount: 2, subsumeShare: 0.8 };

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1)
    throw new InsightsError('INSIGHTS_BAD_OPTION', `${name} must be a whole number of 1 or more, not ${v}`);
  return v;
}

/** Better example first: flagged (a transcript to read), then most about the topic, then newest. */
function compareExamples(a: Example, b: Example): number {
  return (
    Number(b.flagged) - Number(a.flagged) ||
    b.salience - a.salience ||
    (b.occurredAt > a.occurredAt ? 1 : b.occurredAt < a.occurredAt ? -1 : 0) ||
    (a.interactionId < b.interactionId ? -1 : a.interactionId > b.interactionId ? 1 : 0)
  );
}

function mostUsed(forms: Map<string, number>): string[] {
  return [...forms.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([form]) => form);
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Topics of a period, fed one interaction at a time (memory grows with the vocabulary, not with
 * the number of interactions): for API handlers that stream rows from the store.
 */
export class TopicsAccumulator {
  private readonly topics = new Map<string, TopicState>();
  /** Three-word chains of two pair topics, by key ("send peng dertil"), and their interactions. */
  private readonly chains = new Map<string, number>();
  private readonly options: Required<Omit<TopicsOptions, 'language'>> & { language: string | undefined };
  private analysed = 0;
  private withoutInsight = 0;

  constructor(options: TopicsOptions = {}) {
    this.options = {
      limit: positiveInt('limit', options.limit ?? DEFAULTS.limit),
      examples: positiveInt('examples', options.examples ?? DEFAULTS.examples),
      minCount: positiveInt('minCount', options.minCount ?? DEFAULTS.minCount),
      subsumeShare: options.subsumeShare ?? DEFAULTS.subsumeShare,
      language: options.language,
    };
    const s = this.options.subsumeShare;
    if (!(s > 0 && s <= 1))
      throw new InsightsError('INSIGHTS_BAD_OPTION', `subsumeShare must be above 0 and at most 1, not ${s}`);
  }

  add(row: InsightRow): void {
    const language = row.language.code;
    if (this.options.language !== undefined && language !== this.options.language) return;
    if (row.insight === undefined) {
      this.withoutInsight++;
      return;
    }
    this.analysed++;
    // Term frequencies of this interaction by merge key. A two-word keyphrase also mentions each
    // of its words: the engine leaves out a word that only ever occurs inside a chosen pair.
    // Explicit mentions of one key add up (Danish "pakke" and "pakken"); a mention implied by a
    // pair never adds to the word's own count, which already includes its uses inside pairs.
    const terms = new Map<string, { explicit: number; implied: number; words: number; forms: Set<string> }>();
    const mention = (key: string, form: string, count: number, words: number, implied: boolean) => {
      let t = terms.get(key);
      if (t === undefined) terms.set(key, (t = { explicit: 0, implied: 0, words, forms: new Set() }));
      t.forms.add(form);
      if (implied) t.implied = Math.max(t.implied, count);
      else t.explicit += count;
    };
    for (const kp of row.insight.keyphrases) {
      const key = topicKey(kp.text, language);
      const words = kp.text.split(' ');
      mention(key, kp.text, kp.count, words.length, false);
      if (words.length > 1) {
        const keys = key.split(' ');
        words.forEach((w, i) => mention(keys[i] as string, w, kp.count, 1, true));
      }
    }
    this.recordChains(terms);
    let maxTf = 0;
    for (const t of terms.values()) maxTf = Math.max(maxTf, t.explicit, t.implied);
    const occurredAt = row.occurredAt instanceof Date ? row.occurredAt.toISOString() : row.occurredAt;
    for (const [key, t] of terms) {
      let topic = this.topics.get(key);
      if (topic === undefined) {
        topic = {
          key,
          words: t.words,
          count: 0,
          weight: 0,
          forms: new Map(),
          languages: new Map(),
          examples: [],
        };
        this.topics.set(key, topic);
      }
      const salience = Math.max(t.explicit, t.implied) / maxTf;
      topic.count++;
      topic.weight += salience;
      for (const form of t.forms) topic.forms.set(form, (topic.forms.get(form) ?? 0) + 1);
      topic.languages.set(language, (topic.languages.get(language) ?? 0) + 1);
      this.offerExample(topic, {
        interactionId: row.interactionId,
        occurredAt,
        flagged: row.flagged,
        salience,
      });
    }
  }

  /**
   * Pairs that chain into three words in one interaction ("sende pengene" + "pengene dertil"):
   * the engine keeps bigrams only, so a frequent three-word phrase shows up as two of them.
   */
  private recordChains(terms: ReadonlyMap<string, { explicit: number; words: number }>): void {
    const pairs: string[][] = [];
    for (const [key, t] of terms) if (t.words === 2 && t.explicit > 0) pairs.push(key.split(' '));
    for (const a of pairs)
      for (const b of pairs)
        if (a !== b && a[1] === b[0] && a[0] !== b[1]) {
          const chain = `${a[0]} ${a[1]} ${b[1]}`;
          this.chains.set(chain, (this.chains.get(chain) ?? 0) + 1);
        }
  }

  private offerExample(topic: TopicState, example: Example): void {
    const list = topic.examples;
    const max = this.options.examples;
    if (list.length === max && compareExamples(example, list[max - 1] as Example) >= 0) return;
    let i = list.length;
    while (i > 0 && compareExamples(example, list[i - 1] as Example) < 0) i--;
    list.splice(i, 0, example);
    if (list.length > max) list.pop();
  }

  /**
   * Two pair topics that nearly always come as one three-word phrase become that phrase: the
   * chain must hold subsumeShare of the rarer pair's interactions. The more frequent pair keeps
   * its figures and examples (the phrase is in at least that many interactions).
   */
  private mergeChains(topics: TopicState[]): { topic: TopicState; key: string; label?: string }[] {
    const byKey = new Map(topics.map((t) => [t.key, t]));
    const merged = new Map<string, { key: string; label: string }>();
    const dropped = new Set<string>();
    const chains = [...this.chains.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [chain, count] of chains) {
      const [w1, w2, w3] = chain.split(' ') as [string, string, string];
      const a = byKey.get(`${w1} ${w2}`);
      const b = byKey.get(`${w2} ${w3}`);
      if (a === undefined || b === undefined || merged.has(a.key) || merged.has(b.key)) continue;
      if (dropped.has(a.key) || dropped.has(b.key)) continue;
      if (count < this.options.subsumeShare * Math.min(a.count, b.count)) continue;
      const [keep, drop] = b.count > a.count ? [b, a] : [a, b];
      const first = mostUsed(a.forms)[0] as string;
      const second = mostUsed(b.forms)[0] as string;
      merged.set(keep.key, { key: chain, label: `${first} ${second.slice(second.indexOf(' ') + 1)}` });
      dropped.add(drop.key);
    }
    return topics
      .filter((t) => !dropped.has(t.key))
      .map((t) => {
        const m = merged.get(t.key);
        return m === undefined ? { topic: t, key: t.key } : { topic: t, key: m.key, label: m.label };
      });
  }

  result(): TopicsReport {
    const n = this.analysed;
    const kept = [...this.topics.values()].filter((t) => t.count >= this.options.minCount);
    // A word topic whose interactions are nearly all in one two-word topic is that topic.
    const widestPair = new Map<string, number>();
    for (const p of kept) {
      if (p.words < 2) continue;
      for (const k of p.key.split(' ')) widestPair.set(k, Math.max(widestPair.get(k) ?? 0, p.count));
    }
    const subsumed = (t: TopicState) =>
      t.words === 1 && (widestPair.get(t.key) ?? 0) >= this.options.subsumeShare * t.count;
    const phrases = this.mergeChains(kept.filter((t) => !subsumed(t)));
    const topics = phrases
      .map(({ topic: t, label, key }) => {
        // Smoothed IDF (never 0, so a topic every customer raises still ranks) times the summed
        // normalised term frequency: frequent topics rank high, ubiquitous filler words lower.
        const idf = Math.log((1 + n) / (1 + t.count)) + 1;
        const forms = mostUsed(t.forms);
        return {
          key,
          label: label ?? (forms[0] as string),
          variants: forms.filter((f) => f !== label).slice(label ? 0 : 1, label ? 5 : 6),
          count: t.count,
          share: n === 0 ? 0 : round(t.count / n, 4),
          score: round(t.weight * idf, 3),
          languages: mostUsed(t.languages),
          examples: t.examples.map(({ salience: _s, ...e }) => e),
        };
      })
      .sort(
        (a, b) =>
          b.score - a.score || b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
      )
      .slice(0, this.options.limit);
    return { analysed: n, withoutInsight: this.withoutInsight, topics };
  }
}

/**
 * The period's top customer topics, for training material: keyphrases the engine kept per
 * interaction, merged by stem (plurals and inflections, per language), weighted by TF-IDF over
 * the period's interactions: score = Σ over interactions of (tf / the interaction's highest tf)
 * × (ln((1 + N) / (1 + df)) + 1), where N counts interactions analysed and df those with the topic.
 */
export function topTopics(rows: Iterable<InsightRow>, options: TopicsOptions = {}): TopicsReport {
  const acc = new TopicsAccumulator(options);
  for (const row of rows) acc.add(row);
  return acc.result();
}
