import { Piscina } from 'piscina';
import { analyseBatch, type AnalysedBatch, type Analysis } from './analysis.js';
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

export function createAnalyser(inputs: ScoringInputs, threads: number): Analyser {
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
    filename: threadModule.href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: inputs,
    // From TypeScript sources (tests, `pnpm rapport`), the thread loads them the same way.
    ...(fromSource ? { execArgv: ['--conditions=@rapport/source', '--import', 'tsx'] } : {}),
  });
  return {
    threads,
    analyse: (values) => {
      const packed = packValues(values);
      // The packed bytes move to the thread (transferred, not copied).
      return pool.run(packed, { transferList: [packed.bytes.buffer] }).then(counted);
    },
    busySeconds,
    close: () => pool.close(),
  };
}

const fromSource = import.meta.url.endsWith('.ts');
const threadModule = new URL(fromSource ? './scoring-thread.ts' : './scoring-thread.js', import.meta.url);
