import { Piscina } from 'piscina';
import { analyseBatch, type AnalysedBatch, type Analysis, type RejectedAnalysis } from './analysis.js';
import { analysisSettings, type ScoringInputs } from './scoring-inputs.js';
import { packValues, type PackedValues } from './packed-values.js';

/**
 * Turns a batch's raw messages into analyses (decode, validate, score, prepare the outputs).
 * With threads, that CPU work runs on worker threads while the main thread keeps Kafka and the
 * store busy: one scorer process then uses more than one core, and a batch being scored no
 * longer holds up the I/O of the partitions beside it.
 */
export interface Analyser {
  analyse(values: readonly (Buffer | null)[]): Promise<Analysis[]>;
  /** Scoring threads (0: on the main thread). */
  readonly threads: number;
  /** Seconds spent analysing so far, summed over threads: with `threads`, how busy they are. */
  busySeconds(): number;
  close(): Promise<void>;
}

/** Each event's work budget on a scoring thread. */
export interface ScoringBudget {
  /** Wall time one event may take on a scoring thread before the thread is stopped. */
  eventMs: number;
  /** Old-generation heap of one scoring thread; past it the thread dies, not the process. */
  threadHeapMb: number;
}

export const DEFAULT_SCORING_BUDGET: ScoringBudget = { eventMs: 10_000, threadHeapMb: 768 };

/** How often the watchdog looks at the threads' progress. */
const WATCH_EVERY_MS = 50;

export interface AnalyserOptions {
  budget?: ScoringBudget;
  /** The thread's module; tests point it at a thread that misbehaves on purpose. */
  threadModule?: URL;
}

export function createAnalyser(
  inputs: ScoringInputs,
  threads: number,
  options: AnalyserOptions = {},
): Analyser {
  const budget = options.budget ?? DEFAULT_SCORING_BUDGET;
  let busyMs = 0;
  const counted = ({ analyses, busyMs: ms }: AnalysedBatch) => {
    busyMs += ms;
    return analyses;
  };
  const busySeconds = () => busyMs / 1000;
  if (threads === 0) {
    const settings = analysisSettings(inputs);
    return {
      threads,
      analyse: (values) => Promise.resolve(counted(analyseBatch(values, settings))),
      busySeconds,
      close: () => Promise.resolve(),
    };
  }
  const pool = new Piscina<PackedValues, AnalysedBatch>({
    filename: (options.threadModule ?? threadModule).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: inputs,
    resourceLimits: { maxOldGenerationSizeMb: budget.threadHeapMb },
    // From TypeScript sources (tests, `pnpm rapport`), the thread loads them the same way.
    ...(fromSource ? { execArgv: ['--conditions=@rapport/source', '--import', 'tsx'] } : {}),
  });

  /** One task on a thread, stopped when any one event outlasts its budget. */
  const runOnThread = async (values: readonly (Buffer | null)[]): Promise<Analysis[]> => {
    const packed = packValues(values);
    const progress = new Int32Array(new SharedArrayBuffer(4));
    packed.progress = progress;
    const stop = new AbortController();
    let seen = 0;
    let since = 0;
    const watchdog = setInterval(() => {
      const now = Atomics.load(progress, 0);
      if (now !== seen) {
        seen = now;
        since = performance.now();
      } else if (seen > 0 && performance.now() - since > budget.eventMs) stop.abort(new BudgetExceeded());
    }, WATCH_EVERY_MS);
    watchdog.unref();
    try {
      // The packed bytes move to the thread (transferred, not copied); progress is shared.
      return counted(await pool.run(packed, { transferList: [packed.bytes.buffer], signal: stop.signal }));
    } catch (err) {
      throw new ThreadFailed(Atomics.load(progress, 0) - 1, stop.signal.aborted, err);
    } finally {
      clearInterval(watchdog);
    }
  };

  /**
   * A thread that fails (out of memory, a crash, an event over its time budget) fails its whole
   * task. The event it was on is retried alone once, then dead-lettered with the reason; the
   * events around it are analysed again, so one poison event never stalls the partition and
   * never takes its neighbours with it.
   */
  const analyseResilient = async (
    values: readonly (Buffer | null)[],
    triedAlone = false,
  ): Promise<Analysis[]> => {
    try {
      return await runOnThread(values);
    } catch (err) {
      if (!(err instanceof ThreadFailed) || err.eventIndex < 0) throw err;
      const k = err.eventIndex;
      if (values.length === 1 && triedAlone) return [rejectedBy(err, budget)];
      const before = k > 0 ? await analyseResilient(values.slice(0, k)) : [];
      const alone = await analyseResilient(values.slice(k, k + 1), true);
      const after = k + 1 < values.length ? await analyseResilient(values.slice(k + 1)) : [];
      return [...before, ...alone, ...after];
    }
  };

  return {
    threads,
    analyse: (values) => analyseResilient(values),
    busySeconds,
    close: () => pool.close(),
  };
}

class BudgetExceeded extends Error {
  constructor() {
    super('scoring budget exceeded');
  }
}

/** A scoring thread's task failed while on event `eventIndex` (-1: before the first event). */
export class ThreadFailed extends Error {
  constructor(
    readonly eventIndex: number,
    readonly timedOut: boolean,
    override readonly cause: unknown,
  ) {
    super(
      timedOut
        ? `a scoring thread was stopped on event ${eventIndex} of its batch (over its time budget)`
        : `a scoring thread failed on event ${eventIndex} of its batch: ${(cause as Error)?.message ?? String(cause)}`,
    );
    this.name = 'ThreadFailed';
  }
}

function rejectedBy(err: ThreadFailed, budget: ScoringBudget): RejectedAnalysis {
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  if (err.timedOut)
    return {
      ok: false,
      code: 'SCORING_BUDGET_EXCEEDED',
      message: `scoring this event took longer than its budget of ${budget.eventMs} ms (twice); it was not scored. Raise SCORING_EVENT_BUDGET_MS if such events are expected, or report the event as an engine bug`,
      issues: [],
    };
  if (code === 'ERR_WORKER_OUT_OF_MEMORY')
    return {
      ok: false,
      code: 'SCORING_BUDGET_EXCEEDED',
      message: `scoring this event needed more than the scoring thread's ${budget.threadHeapMb} MiB heap (twice); it was not scored. Raise SCORING_THREAD_HEAP_MB if such events are expected, or report the event as an engine bug`,
      issues: [],
    };
  return {
    ok: false,
    code: 'SCORING_FAILED',
    message: `the scoring thread failed on this event (twice): ${(err.cause as Error)?.message ?? String(err.cause)}`,
    issues: [],
    ...((err.cause as Error)?.stack ? { stack: (err.cause as Error).stack } : {}),
  };
}

const fromSource = import.meta.url.endsWith('.ts');
const threadModule = new URL(fromSource ? './scoring-thread.ts' : './scoring-thread.js', import.meta.url);
