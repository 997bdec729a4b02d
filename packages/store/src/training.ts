import type { Collection, Db } from 'mongodb';
import type { Channel, Dimension, InteractionInsight, ReviewState, TranscriptEntry } from '@rapport/schemas';
import { decodeInteraction } from './interaction-codec.js';
import { periodRows, type PeriodRowsQuery } from './period-rows.js';
import { interactionKey, type InteractionDocument } from './interactions.js';

/** The fields of an interaction that training packs read: topics, who, how well. No text. */
export interface TrainingSourceRow {
  interactionId: string;
  occurredAt: Date;
  channel: Channel;
  language: { code: string };
  flagged: boolean;
  agentId: string;
  overall: number | null;
  scores: Partial<Record<Dimension, number | null>>;
  outcome: number | null;
  insight?: InteractionInsight;
}

export type TrainingRowsQuery = PeriodRowsQuery;

/** An example conversation as stored: its redacted transcript (if kept) and confirmed flags. */
export interface ExampleDetails {
  transcript?: TranscriptEntry[];
  confirmedFlags: string[];
}

const PROJECTION = {
  _id: 0,
  interactionId: 1,
  occurredAt: 1,
  channel: 1,
  'language.code': 1,
  flagged: 1,
  'agent.id': 1,
  overall: 1,
  scores: 1,
  'outcome.score': 1,
  insight: 1,
} as const;

/** Keys per $in query (the patched FerretDB hands up to 1,000 to its _id index). */
const IN_QUERY_CHUNK = 1_000;

type ProjectedDocument = Pick<InteractionDocument, 'interactionId' | 'occurredAt' | 'channel' | 'flagged'> & {
  language?: { code?: string };
  agent?: { id?: string };
  overall?: number | null;
  scores?: Partial<Record<Dimension, number | null>>;
  outcome?: { score?: number | null };
  insight?: InteractionInsight;
};

/**
 * Reads interactions (and the review decisions on a few of them) for training packs. The
 * decisions live in the reviews collection; this reads them by _id only, for example candidates.
 */
export class TrainingRepository {
  private readonly interactions: Collection<InteractionDocument>;
  private readonly reviews: Collection<ReviewState & { _id: string }>;

  constructor(db: Db) {
    this.interactions = db.collection<InteractionDocument>('interactions');
    this.reviews = db.collection<ReviewState & { _id: string }>('reviews');
  }

  /** The collection's size from its metadata (no scan): an upper bound for progress bars. */
  estimatedCount(): Promise<number> {
    return this.interactions.estimatedDocumentCount();
  }

  /** A tenant's interactions with occurredAt in [from, to), streamed without a sort (flat memory). */
  async *rows(query: TrainingRowsQuery): AsyncGenerator<TrainingSourceRow> {
    for await (const doc of periodRows<ProjectedDocument>(this.interactions, query, PROJECTION)) {
      const row: TrainingSourceRow = {
        interactionId: doc.interactionId,
        occurredAt: doc.occurredAt,
        channel: doc.channel,
        language: { code: doc.language?.code ?? 'und' },
        flagged: doc.flagged,
        agentId: doc.agent?.id ?? '',
        overall: doc.overall ?? null,
        scores: doc.scores ?? {},
        outcome: doc.outcome?.score ?? null,
      };
      if (doc.insight) row.insight = doc.insight;
      yield row;
    }
  }

  /** Transcripts and confirmed flags of a few interactions, by _id (both stores use the index). */
  async examples(tenantId: string, interactionIds: readonly string[]): Promise<Map<string, ExampleDetails>> {
    const out = new Map<string, ExampleDetails>();
    for (let i = 0; i < interactionIds.length; i += IN_QUERY_CHUNK) {
      const keys = interactionIds.slice(i, i + IN_QUERY_CHUNK).map((id) => interactionKey(tenantId, id));
      const [docs, reviews] = await Promise.all([
        this.interactions
          .find<{ interactionId: string; transcript?: TranscriptEntry[] | string }>(
            { _id: { $in: keys } },
            { projection: { _id: 0, interactionId: 1, transcript: 1 } },
          )
          .toArray(),
        this.reviews
          .find<Pick<ReviewState, 'interactionId' | 'flagDecisions'>>(
            { _id: { $in: keys } },
            { projection: { _id: 0, interactionId: 1, flagDecisions: 1 } },
          )
          .toArray(),
      ]);
      const confirmed = new Map(
        reviews.map((r) => [
          r.interactionId,
          (r.flagDecisions ?? []).filter((d) => d.decision === 'confirmed').map((d) => d.code),
        ]),
      );
      for (const doc of docs) {
        const { transcript } = decodeInteraction({ transcript: doc.transcript });
        out.set(doc.interactionId, {
          ...(transcript && transcript.length > 0 ? { transcript } : {}),
          confirmedFlags: confirmed.get(doc.interactionId) ?? [],
        });
      }
    }
    return out;
  }
}
