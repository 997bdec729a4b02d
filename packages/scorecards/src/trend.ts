import { SCORE_KEYS, type Scorecard, type ScoreKey } from '@rapport/schemas';
import { combineScorecards, DEFAULT_MIN_INTERACTIONS } from './period.js';
import { daysBetween, isoWeek, parsePeriod } from './keys.js';
import { meanEstimate, type MeanEstimate } from './stats.js';

export interface WeeklyPoint {
  /** ISO week, e.g. "2026-W10", with its Monday and Sunday. */
  week: string;
  start: string;
  end: string;
  interactions: number;
  /** Fewer interactions than `minInteractions` in the week: draw it, but as uncertain. */
  insufficient: boolean;
  scores: Record<ScoreKey, MeanEstimate>;
}

/**
 * Weekly means per dimension, with intervals, for the cards given (one agent's for an agent
 * trend; a team's for a team trend). Every ISO week touching the period is present, empty weeks
 * included, so a chart shows gaps as gaps; only days inside the period count.
 */
export function weeklyTrend(
  cards: readonly Scorecard[],
  options: { from: string; to: string; minInteractions?: number; confidence?: number },
): WeeklyPoint[] {
  parsePeriod(options.from, options.to);
  const min = options.minInteractions ?? DEFAULT_MIN_INTERACTIONS;
  const level = options.confidence ?? 0.95;
  const weeks = new Map<string, { start: string; end: string; cards: Scorecard[] }>();
  for (const day of daysBetween(options.from, options.to)) {
    const w = isoWeek(day);
    if (!weeks.has(w.week)) weeks.set(w.week, { start: w.start, end: w.end, cards: [] });
  }
  for (const c of cards) {
    if (c.day < options.from || c.day > options.to) continue;
    weeks.get(isoWeek(c.day).week)!.cards.push(c);
  }
  return [...weeks.entries()].map(([week, w]) => {
    const totals = combineScorecards(w.cards);
    return {
      week,
      start: w.start,
      end: w.end,
      interactions: totals.interactions,
      insufficient: totals.interactions < min,
      scores: Object.fromEntries(SCORE_KEYS.map((k) => [k, meanEstimate(totals.scores[k], level)])) as Record<
        ScoreKey,
        MeanEstimate
      >,
    };
  });
}
