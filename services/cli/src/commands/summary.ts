import { createKafkaBus } from '@rapport/messaging';
import type { Logger } from '@rapport/observability';
import type { InteractionDocument } from '@rapport/store';
import { openStore, type CliConfig } from '../config.js';

export interface SummaryOptions {
  groupId: string;
  interactionsTopic: string;
  deadLetterTopic: string;
  /** Wait up to this many seconds for the group to catch up before counting. */
  waitSeconds: number;
}

export interface PipelineSummary {
  lag: number;
  interactions: number;
  flagged: number;
  bySeverity: Record<string, number>;
  openForReview: number;
  controlSample: number;
  topFlagCodes: { code: string; count: number }[];
  deadLettered: number;
}

/** What the pipeline has done: waits for the scorer group to catch up, then counts. */
export async function summarise(
  options: SummaryOptions,
  config: CliConfig,
  logger: Logger,
): Promise<PipelineSummary> {
  const bus = createKafkaBus({
    brokers: config.KAFKA_BROKERS,
    clientId: `${config.KAFKA_CLIENT_ID}-summary`,
    logger,
  });
  const store = await openStore(config);
  try {
    const deadline = Date.now() + options.waitSeconds * 1000;
    let lag = await bus.groupLag(options.groupId, options.interactionsTopic);
    let reported = 0;
    while (lag > 0 && Date.now() < deadline) {
      if (Date.now() - reported >= 5_000) {
        reported = Date.now();
        process.stderr.write(`waiting for the scorer: ${lag} event(s) not yet processed\n`);
      }
      await new Promise((r) => setTimeout(r, 500));
      lag = await bus.groupLag(options.groupId, options.interactionsTopic);
    }
    const coll = store.db.collection<InteractionDocument>('interactions');
    // Counted with small queries rather than $group: FerretDB 1.24 serves these fast and alike.
    const [interactions, flagged, openForReview, controlSample] = await Promise.all([
      coll.countDocuments({}),
      coll.countDocuments({ flagged: true }),
      coll.countDocuments({ 'review.status': 'open' }),
      coll.countDocuments({ 'review.control': true }),
    ]);
    const bySeverity: Record<string, number> = {};
    for (const severity of ['critical', 'high', 'medium', 'low'] as const) {
      bySeverity[severity] = await coll.countDocuments({ flagged: true, maxSeverity: severity });
    }
    const codes = new Map<string, number>();
    for await (const doc of coll.find({ flagged: true }, { projection: { flagCodes: 1 } })) {
      for (const code of doc.flagCodes) codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    const topFlagCodes = [...codes.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 8)
      .map(([code, count]) => ({ code, count }));
    const deadLettered = await bus.topicSize(options.deadLetterTopic).catch(() => 0);
    return {
      lag,
      interactions,
      flagged,
      bySeverity,
      openForReview,
      controlSample,
      topFlagCodes,
      deadLettered,
    };
  } finally {
    await store.close();
    await bus.close();
  }
}
