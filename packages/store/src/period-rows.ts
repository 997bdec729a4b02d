import type { Collection, Document } from 'mongodb';
import type { InteractionDocument } from './interactions.js';

/** A tenant's interactions that occurred in [from, to), optionally of some teams only. */
export interface PeriodRowsQuery {
  tenantId: string;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** Only interactions of agents in these teams (a manager's scope). */
  teamIds?: readonly string[];
}

const BATCH_SIZE = 1_000;

/**
 * The period's interactions with `projection`, streamed in batches without a sort: FerretDB's
 * SQLite backend scans for any filter but `{_id}` (~0.1 ms per stored document), so a period
 * report costs in proportion to the collection, and a sort would make it buffer every match.
 * Consumers do not need order. The server-side cursor is closed when the consumer stops early.
 */
export async function* periodRows<T extends Document>(
  collection: Collection<InteractionDocument>,
  query: PeriodRowsQuery,
  projection: Document,
): AsyncGenerator<T> {
  const cursor = collection.find<T>(
    {
      tenantId: query.tenantId,
      occurredAt: { $gte: query.from, $lt: query.to },
      ...(query.teamIds ? { 'agent.teamId': { $in: [...query.teamIds] } } : {}),
    },
    { projection, batchSize: BATCH_SIZE },
  );
  try {
    for await (const doc of cursor) yield doc;
  } finally {
    await cursor.close();
  }
}
