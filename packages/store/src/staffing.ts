import type { Collection, Db } from 'mongodb';
import type { Channel, InteractionInsight, TranscriptEntry } from '@rapport/schemas';
import { decodeInteraction } from './interaction-codec.js';
import { periodRows, type PeriodRowsQuery } from './period-rows.js';
import type { InteractionDocument } from './interactions.js';

/** A transcript entry's timing: role and times, never its text. */
export type TranscriptTiming = Pick<TranscriptEntry, 'role' | 'at' | 'startSec' | 'endSec'>;

/** The fields of an interaction that staffing reads: when, which channel, who, how long. */
export interface StaffingSourceRow {
  interactionId: string;
  occurredAt: Date;
  channel: Channel;
  language: { code: string };
  flagged: boolean;
  agentId: string;
  insight?: InteractionInsight;
  /** Present where the transcript was kept (flagged, control sample, or all by policy). */
  timing?: TranscriptTiming[];
}

export type StaffingRowsQuery = PeriodRowsQuery;

// The transcript is stored as JSON text (see interaction-codec): it crosses the wire whole and
// only its timing is kept from it here. It exists for reviewable interactions only.
const PROJECTION = {
  _id: 0,
  interactionId: 1,
  occurredAt: 1,
  channel: 1,
  'language.code': 1,
  flagged: 1,
  'agent.id': 1,
  insight: 1,
  transcript: 1,
} as const;

type ProjectedDocument = Pick<InteractionDocument, 'interactionId' | 'occurredAt' | 'channel' | 'flagged'> & {
  language?: { code?: string };
  agent?: { id?: string };
  insight?: InteractionInsight;
  transcript?: TranscriptEntry[] | string;
};

/** Reads the interactions collection for staffing plans. */
export class StaffingRepository {
  private readonly collection: Collection<InteractionDocument>;

  constructor(db: Db) {
    this.collection = db.collection<InteractionDocument>('interactions');
  }

  /** The collection's size from its metadata (no scan): an upper bound for progress bars. */
  estimatedCount(): Promise<number> {
    return this.collection.estimatedDocumentCount();
  }

  /**
   * A tenant's interactions with occurredAt in [from, to), streamed in batches without a sort
   * (see InsightsRepository.rows for why): memory stays flat whatever the period.
   */
  async *rows(query: StaffingRowsQuery): AsyncGenerator<StaffingSourceRow> {
    for await (const doc of periodRows<ProjectedDocument>(this.collection, query, PROJECTION)) {
      const row: StaffingSourceRow = {
        interactionId: doc.interactionId,
        occurredAt: doc.occurredAt,
        channel: doc.channel,
        language: { code: doc.language?.code ?? 'und' },
        flagged: doc.flagged,
        agentId: doc.agent?.id ?? '',
      };
      if (doc.insight) row.insight = doc.insight;
      const { transcript } = decodeInteraction({ transcript: doc.transcript });
      if (transcript && transcript.length > 0) row.timing = transcript.map(timingOf);
      yield row;
    }
  }
}

function timingOf(e: TranscriptEntry): TranscriptTiming {
  return {
    role: e.role,
    ...(e.at !== undefined ? { at: e.at } : {}),
    ...(e.startSec !== undefined ? { startSec: e.startSec } : {}),
    ...(e.endSec !== undefined ? { endSec: e.endSec } : {}),
  };
}
