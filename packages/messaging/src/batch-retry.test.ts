import { describe, expect, it } from 'vitest';
import { createLogger } from '@rapport/observability';
import { BatchAbandoned, StepFailed, untilDone, type RetryDeps } from './batch-retry.js';
import { MessagingError } from './errors.js';
import type { BatchControl } from './types.js';

function harness() {
  const events: string[] = [];
  const deps: RetryDeps = {
    logger: createLogger({ name: 'test', level: 'silent' }),
    metrics: {
      errors: { inc: ({ stage }) => events.push(`error ${stage}`) },
      paused: { set: (v) => events.push(`paused=${v}`) },
    },
    pause: () => events.push('pause'),
    resume: () => events.push('resume'),
  };
  let running = true;
  const control: BatchControl = {
    heartbeat: () => Promise.resolve(),
    isRunning: () => running,
    isStale: () => false,
    commit: () => Promise.resolve(),
  };
  return { deps, control, events, stop: () => (running = false) };
}

describe('untilDone', () => {
  it('gives up at once on a permanent failure, without pausing the other partitions', async () => {
    const { deps, control, events } = harness();
    let calls = 0;
    const attempt = untilDone({ ...deps, classify: () => 'permanent' }, 'apply', control, () => {
      calls++;
      return Promise.reject(new Error('document too large'));
    });
    await expect(attempt).rejects.toBeInstanceOf(StepFailed);
    await expect(attempt).rejects.toThrow('apply failed for good after 1 attempt(s): document too large');
    expect(calls).toBe(1);
    expect(events).toEqual(['error apply']);
  });

  it('retries an unknown failure a bounded number of times, only this batch waiting', async () => {
    const { deps, control, events } = harness();
    let calls = 0;
    const attempt = untilDone(
      { ...deps, classify: () => 'unknown', maxUnknownAttempts: 2 },
      'route',
      control,
      () => {
        calls++;
        return Promise.reject(new Error('something odd'));
      },
    );
    await expect(attempt).rejects.toBeInstanceOf(StepFailed);
    expect(calls).toBe(2);
    expect(events).toEqual(['error route', 'error route']);
  });

  it('still pauses and retries until the end of an outage when the failure is transient', async () => {
    const { deps, control, events } = harness();
    let calls = 0;
    const result = await untilDone({ ...deps, classify: () => 'transient' }, 'store', control, () =>
      ++calls < 3 ? Promise.reject(new Error('store down')) : Promise.resolve('saved'),
    );
    expect(result).toBe('saved');
    expect(events).toEqual(['error store', 'pause', 'paused=1', 'error store', 'resume', 'paused=0']);
  });

  it('pauses consumption while a step fails and resumes once it succeeds', async () => {
    const { deps, control, events } = harness();
    let calls = 0;
    const result = await untilDone(deps, 'store', control, () =>
      ++calls < 3 ? Promise.reject(new Error('store down')) : Promise.resolve('saved'),
    );
    expect(result).toBe('saved');
    expect(events).toEqual(['error store', 'pause', 'paused=1', 'error store', 'resume', 'paused=0']);
  });

  it('abandons the batch uncommitted when shutdown starts during the retries, resuming first', async () => {
    const { deps, control, events, stop } = harness();
    const attempt = untilDone(deps, 'publish', control, () => {
      stop();
      return Promise.reject(new Error('broker down'));
    });
    await expect(attempt).rejects.toBeInstanceOf(BatchAbandoned);
    expect(events).toEqual(['error publish', 'pause', 'paused=1', 'resume', 'paused=0']);
  });

  it('keeps heartbeating while a slow step is in flight, and stops once it is done', async () => {
    const { deps, control } = harness();
    let beats = 0;
    control.heartbeat = () => {
      beats++;
      return Promise.resolve();
    };
    const slow = () => new Promise<string>((resolve) => setTimeout(() => resolve('stored'), 260));
    await expect(untilDone({ ...deps, keepAliveMs: 50 }, 'store', control, slow)).resolves.toBe('stored');
    // About five; fewer when the machine delays timers, never none.
    expect(beats).toBeGreaterThanOrEqual(2);
    const after = beats;
    await new Promise((r) => setTimeout(r, 150));
    expect(beats).toBe(after);
  });

  it('hands a lost group membership straight back, without retrying', async () => {
    const { deps, control, events } = harness();
    let calls = 0;
    const lost = new MessagingError('KAFKA_GROUP_MEMBERSHIP_LOST', 'rebalanced');
    await expect(
      untilDone(deps, 'commit', control, () => {
        calls++;
        return Promise.reject(lost);
      }),
    ).rejects.toBe(lost);
    expect(calls).toBe(1);
    expect(events).toEqual(['error commit']);
  });
});
