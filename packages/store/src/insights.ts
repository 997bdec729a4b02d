import type { Collection, Db } from 'mongodb';
import type { Channel, InteractionInsight } from '@rapport/schemas';
import type { InteractionDocument } from './interactions.js';
import { periodRows, type PeriodRowsQuery } from './period-rows.js';

/** The fields of an interaction that manager insights read: no scores, flags or transcript. */
export interface InsightRow {
  interactionId: string;
  occurredAt: Date;
  channel: Channel;
  language: { code: string };
  flagged: boolean;
  /** Absent on interactions scored before the engine computed insights. */
  insight?: InteractionInsight;
}

export type InsightRowsQuery = PeriodRowsQuery;

const PROJECTION = {
  _id: 0,
  interactionId: 1,
  occurredAt: 1,
  channel: 1,
  'language.code': 1,
  flagged: 1,
  insight: 1,
} as const;

/** Reads the interactions collection for manager insights (topics, coverage). */
export class InsightsRepository {
  private readonly collection: Collection<InteractionDocument>;

  constructor(db: Db) {
    this.collection = db.collection<InteractionDocument>('interactions');
  }

  /**
   * A tenant's interactions with occurredAt in [from, to), streamed from a cursor in batches so
   * memory stays flat whatever the period; only the projected fields cross the wire. MongoDB
   * serves the range from the tenant_timeline index; FerretDB 1.24 scans the whole collection
   * for any filter but `{_id}` (~0.1 ms per stored document), so a period report costs in
   * proportion to the collection, not the period. No sort: the consumers do not need order,
   * and a sort would make FerretDB buffer every matching document.
   */
  async *rows(query: InsightRowsQuery): AsyncGenerator<InsightRow> {
    for await (const doc of periodRows<ProjectedDocument>(this.collection, query, PROJECTION))
      yield toRow(doc);
  }
}

type ProjectedDocument = Pick<InteractionDocument, 'interactionId' | 'occurredAt' | 'channel' | 'flagged'> & {
  language?: { code?: string };
  insight?: InteractionInsight;
};

function toRow(doc: ProjectedDocument): InsightRow {
  const row: InsightRow = {
    interactionId: doc.interactionId,
    occurredAt: doc.occurredAt,
    channel: doc.channel,
    language: { code: doc.language?.code ?? 'und' },
    flagged: doc.flagged,
  };
  if (doc.insight) row.insight = doc.insight;
  return row;
}
