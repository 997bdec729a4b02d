import type { Logger } from 'pino';

interface Handler {
  name: string;
  run: () => Promise<void> | void;
}

/**
 * Runs named shutdown steps in the order they were registered, each awaited, all within one
 * deadline. Services register in the order the brief asks: stop fetching, drain, commit, close
 * HTTP, close the database. A step that throws is logged and the next one still runs.
 */
export class ShutdownManager {
  private readonly handlers: Handler[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly deadlineMs = 10_000,
  ) {}

  register(name: string, run: Handler['run']): void {
    this.handlers.push({ name, run });
  }

  get isShuttingDown(): boolean {
    return this.running !== undefined;
  }

  /** Idempotent: a second signal waits for the first shutdown. */
  shutdown(reason: string): Promise<void> {
    this.running ??= this.runAll(reason);
    return this.running;
  }

  private async runAll(reason: string): Promise<void> {
    const started = Date.now();
    this.logger.info({ reason, steps: this.handlers.map((h) => h.name) }, 'shutting down');
    const deadline = new Promise<'deadline'>((resolve) => {
      const t = setTimeout(() => resolve('deadline'), this.deadlineMs);
      t.unref();
    });
    const steps = (async () => {
      for (const h of this.handlers) {
        const t0 = Date.now();
        try {
          await h.run();
          this.logger.info({ step: h.name, ms: Date.now() - t0 }, 'shutdown step done');
        } catch (err) {
          this.logger.error({ step: h.name, err }, 'shutdown step failed');
        }
      }
    })();
    const outcome = await Promise.race([steps.then(() => 'done' as const), deadline]);
    if (outcome === 'deadline') {
      this.logger.error(
        { deadlineMs: this.deadlineMs },
        'shutdown deadline passed; exiting with steps unfinished',
      );
    } else {
      this.logger.info({ ms: Date.now() - started }, 'shutdown complete');
    }
  }

  /** SIGTERM and SIGINT run the shutdown, then exit (1 when the deadline passed). */
  installSignalHandlers(exit: (code: number) => void = (code) => process.exit(code)): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        const t0 = Date.now();
        void this.shutdown(signal).then(() => exit(Date.now() - t0 >= this.deadlineMs ? 1 : 0));
      });
    }
  }
}
