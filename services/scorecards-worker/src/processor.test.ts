import { describe, expect, it } from 'vitest';
import { BatchAbandoned, MessagingError, type BatchControl, type IncomingBatch } from '@rapport/messaging';
import { createLogger, createMetricsRegistry } from '@rapport/observability';
import type { ScorecardDayEntries, ScorecardUpdate } from '@rapport/schemas';
import type { ApplyPort, RoutePort } from '@rapport/scorecards';
import { createScorecardsMetrics } from './metrics.js';
import { classifyFailure, ScorecardsProcessor } from './processor.js';

const put = (agentId: string, day: string, id: string): ScorecardUpdate => ({
  schemaVersion: 1,
  op: 'put-scored',
  tenantId: 'acme',
  agentId,
  day,
  entry: {
    id,
    revision: 1,
    occurredAt: `${day}T10:00:00.000Z`,
    teamId: 'support',
    scores: {
      politeness: 80,
      tone: 90,
      accuracy: 100,
      clarity: 70,
      responsiveness: 100,
      compliance: 100,
      overall: 90,
    },
    flags: [],
    flagged: false,
    control: false,
  },
});

/** A driver error as the store throws it: a plain Error with the server's name and code. */
const serverError = (name: string, message: string, code?: number) =>
  Object.assign(new Error(message), { name, ...(code === undefined ? {} : { code }) });

function harness(failDay: { agentId: string; day: string; error: Error }) {
  const events: string[] = [];
  const saved: string[] = [];
  const apply: ApplyPort = {
    loadDays: () => Promise.resolve(new Map<string, ScorecardDayEntries>()),
    saveDays: (days) => {
      if (days.some((d) => d.entries.agentId === failDay.agentId && d.entries.day === failDay.day))
        return Promise.reject(failDay.error);
      saved.push(...days.map((d) => `${d.entries.agentId}/${d.entries.day}`));
      return Promise.resolve();
    },
    loadAgents: () => Promise.resolve(new Map()),
    saveAgents: () => Promise.resolve(),
    publishCards: () => Promise.resolve(),
  };
  const route: RoutePort = {
    claimIndex: () => Promise.resolve(new Set()),
    loadIndex: () => Promise.resolve(new Map()),
    saveIndex: () => Promise.resolve(),
    publishUpdates: () => Promise.resolve(),
  };
  const processor = new ScorecardsProcessor({
    route,
    apply,
    topics: { scored: 'scored', reviews: 'reviews', updates: 'updates' },
    logger: createLogger({ name: 'test', level: 'silent' }),
    metrics: createScorecardsMetrics(createMetricsRegistry('scorecards-test')),
    pause: () => events.push('pause'),
    resume: () => events.push('resume'),
  });
  const commits: string[] = [];
  let running = true;
  const control: BatchControl = {
    heartbeat: () => Promise.resolve(),
    isRunning: () => running,
    isStale: () => false,
    commit: (offset) => {
      commits.push(offset);
      return Promise.resolve();
    },
  };
  return { processor, control, events, saved, commits, stop: () => (running = false) };
}

const batchOf = (updates: ScorecardUpdate[]): IncomingBatch => ({
  topic: 'updates',
  partition: 0,
  highWatermark: String(updates.length),
  messages: updates.map((u, i) => ({
    offset: String(i),
    key: Buffer.from(`acme:${u.agentId}`),
    value: Buffer.from(JSON.stringify(u)),
    timestamp: '0',
    headers: {},
  })),
});

describe('the scorecards processor and a record it cannot apply', () => {
  const updates = [
    put('ag-1', '2026-03-01', 'i-1'),
    put('bot', '2026-03-01', 'i-2'),
    put('ag-2', '2026-03-02', 'i-3'),
  ];

  // Regression: a permanent failure (here a day document over the 16 MiB limit) was retried
  // forever with every partition paused.
  it('skips only the day that fails for good, applies the rest, never pauses, and commits', async () => {
    const tooLarge = serverError('MongoServerError', 'BSONObj size is invalid', 10334);
    const { processor, control, events, saved, commits } = harness({
      agentId: 'bot',
      day: '2026-03-01',
      error: tooLarge,
    });
    await processor.process(batchOf(updates), control);
    expect(saved.sort()).toEqual(['ag-1/2026-03-01', 'ag-2/2026-03-02']);
    expect(events).toEqual([]);
    expect(commits).toEqual(['2']);
  });

  it('still pauses and waits for the store on an outage', async () => {
    const { processor, control, events, stop } = harness({
      agentId: 'bot',
      day: '2026-03-01',
      error: serverError('MongoNetworkError', 'connection refused'),
    });
    const run = processor.process(batchOf(updates), control);
    await new Promise((r) => setTimeout(r, 400));
    expect(events).toEqual(['pause']);
    stop();
    await expect(run).rejects.toBeInstanceOf(BatchAbandoned);
    expect(events).toEqual(['pause', 'resume']);
  });

  it('classifies Kafka refusals as permanent and other Kafka failures as outages', () => {
    expect(classifyFailure(new MessagingError('KAFKA_MESSAGE_REJECTED', 'too large'))).toBe('permanent');
    expect(classifyFailure(new MessagingError('KAFKA_UNAVAILABLE', 'down'))).toBe('transient');
    expect(classifyFailure({ name: 'MongoServerError', code: 11000 })).toBe('permanent');
  });
});
