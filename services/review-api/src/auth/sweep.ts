import type { Logger } from '@rapport/observability';
import type { PeopleRepository } from '@rapport/store';

const EVERY_MS = 5 * 60_000;
/** At most this many sessions deleted per round: a short, predictable load on the store. */
const PER_ROUND = 1000;

/**
 * Deletes expired sessions from the store every few minutes (expired ones met on a request go at
 * once). Every instance sweeps; deleting what another deleted is harmless.
 */
export class SessionSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly people: PeopleRepository,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.round();
    }, EVERY_MS);
    this.timer.unref();
  }

  /** One round; resolves to the number of sessions deleted. */
  async round(now = new Date()): Promise<number> {
    try {
      const deleted = await this.people.sweepExpiredSessions(now, PER_ROUND);
      if (deleted > 0) this.logger.info({ deleted }, 'expired sessions deleted');
      return deleted;
    } catch (err) {
      this.logger.warn({ err }, 'session sweep failed; retrying at the next round');
      return 0;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
