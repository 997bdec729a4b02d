import { InsightsError } from './errors.js';

/**
 * Erlang B blocking probability for `servers` servers offered `traffic` Erlangs, by the recursion
 * B(0) = 1, B(n) = A B(n-1) / (n + A B(n-1)). Every step stays within [0, 1], so it is exact to
 * floating-point precision for thousands of servers, where A^N / N! overflows long before.
 */
export function erlangB(servers: number, traffic: number): number {
  let b = 1;
  for (let n = 1; n <= servers; n++) b = (traffic * b) / (n + traffic * b);
  return b;
}

/**
 * Erlang C: probability that an arrival waits, with `servers` agents and `traffic` Erlangs
 * (arrival rate x handle time). From Erlang B: C = N B / (N - A (1 - B)). At or above 100%
 * occupancy (N <= A) the queue grows without bound and every arrival waits.
 */
export function erlangC(servers: number, traffic: number): number {
  if (traffic <= 0) return 0;
  if (servers <= traffic) return 1;
  const b = erlangB(servers, traffic);
  return (servers * b) / (servers - traffic * (1 - b));
}

/** Share of arrivals answered within `answerWithinSec` (M/M/N, first come first served). */
export function serviceLevel(
  servers: number,
  traffic: number,
  handleSec: number,
  answerWithinSec: number,
): number {
  if (traffic <= 0) return 1;
  if (servers <= traffic) return 0;
  return 1 - erlangC(servers, traffic) * Math.exp((-(servers - traffic) * answerWithinSec) / handleSec);
}

/** Average speed of answer in seconds over all arrivals (those who do not wait count as 0). */
export function averageSpeedOfAnswer(servers: number, traffic: number, handleSec: number): number {
  if (traffic <= 0) return 0;
  if (servers <= traffic) return Number.POSITIVE_INFINITY;
  return (erlangC(servers, traffic) * handleSec) / (servers - traffic);
}

export interface ErlangInput {
  /** Arrivals in the interval, per hour. */
  arrivalsPerHour: number;
  /** Average handle time per contact, seconds. */
  handleSec: number;
  /** The service level's time: answered within this many seconds... */
  answerWithinSec: number;
  /** ...for at least this share of contacts (0-1, e.g. 0.8). */
  serviceLevel: number;
  /** Share of paid time agents are not available (breaks, training, absence), 0 to below 1. */
  shrinkage?: number;
  /**
   * Contacts one agent handles at once (chat); each takes 1/concurrency of an agent, so the
   * queue is modelled with handle time / concurrency. Calls are 1.
   */
  concurrency?: number;
}

export interface ErlangResult {
  trafficErlangs: number;
  /** Smallest number of agents on the phones (or chats) that meets the service level. */
  agents: number;
  /** agents / (1 - shrinkage), rounded up: the agents to schedule. */
  agentsWithShrinkage: number;
  probabilityOfWaiting: number;
  serviceLevel: number;
  averageSpeedOfAnswerSeconds: number;
  /** traffic / agents: the share of time the agents on shift are busy. */
  occupancy: number;
}

/** Far beyond any desk: bounds the search should a caller pass absurd figures. */
export const MAX_AGENTS = 100_000;

function option(name: string, value: number, ok: boolean, what: string): number {
  if (!Number.isFinite(value) || !ok)
    throw new InsightsError('INSIGHTS_BAD_OPTION', `${name} must be ${what}, not ${value}`);
  return value;
}

/** Checks an Erlang input, naming the field that is out of range. */
export function checkErlangInput(input: ErlangInput): Required<ErlangInput> {
  const shrinkage = input.shrinkage ?? 0;
  const concurrency = input.concurrency ?? 1;
  return {
    arrivalsPerHour: option(
      'arrivals per hour',
      input.arrivalsPerHour,
      input.arrivalsPerHour >= 0,
      '0 or more',
    ),
    handleSec: option(
      'the handle time',
      input.handleSec,
      input.handleSec > 0,
      'a positive number of seconds',
    ),
    answerWithinSec: option(
      'the answer-within time',
      input.answerWithinSec,
      input.answerWithinSec >= 0,
      '0 or more seconds',
    ),
    serviceLevel: option(
      'the service level',
      input.serviceLevel,
      input.serviceLevel > 0 && input.serviceLevel < 1,
      'a share between 0 and 1 (e.g. 0.8), exclusive',
    ),
    shrinkage: option(
      'shrinkage',
      shrinkage,
      shrinkage >= 0 && shrinkage < 1,
      'a share from 0 to below 1 (e.g. 0.3)',
    ),
    concurrency: option(
      'concurrency',
      concurrency,
      Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 20,
      'a whole number from 1 to 20',
    ),
  };
}

/**
 * Agents needed for one interval: the smallest N whose Erlang C service level meets the target.
 * The service level rises with N, so the search walks up from the first N above the traffic.
 */
export function requiredAgents(input: ErlangInput): ErlangResult {
  const i = checkErlangInput(input);
  const handleSec = i.handleSec / i.concurrency;
  const traffic = (i.arrivalsPerHour * handleSec) / 3600;
  if (traffic === 0)
    return {
      trafficErlangs: 0,
      agents: 0,
      agentsWithShrinkage: 0,
      probabilityOfWaiting: 0,
      serviceLevel: 1,
      averageSpeedOfAnswerSeconds: 0,
      occupancy: 0,
    };
  let n = Math.floor(traffic) + 1;
  while (serviceLevel(n, traffic, handleSec, i.answerWithinSec) < i.serviceLevel) {
    n++;
    if (n > MAX_AGENTS)
      throw new InsightsError(
        'INSIGHTS_BAD_OPTION',
        `more than ${MAX_AGENTS} agents would be needed for ${i.arrivalsPerHour} contacts an hour: check the volume and handle time`,
      );
  }
  return {
    trafficErlangs: traffic,
    agents: n,
    agentsWithShrinkage: Math.ceil(n / (1 - i.shrinkage) - 1e-9),
    probabilityOfWaiting: erlangC(n, traffic),
    serviceLevel: serviceLevel(n, traffic, handleSec, i.answerWithinSec),
    averageSpeedOfAnswerSeconds: averageSpeedOfAnswer(n, traffic, handleSec),
    occupancy: traffic / n,
  };
}
