import type { Collection, Db } from 'mongodb';
import type { ReviewState } from '@rapport/schemas';
import { isDuplicateKeyError, StoreError } from './errors.js';
import { interactionKey } from './interactions.js';

export type ReviewDocument = ReviewState & { _id: string };

/**
 * Review state, one document per reviewed interaction, beside (not inside) the scorer's
 * document: a new revision from the scorer replaces its document whole and must not wipe the
 * managers' decisions. Writes are guarded by `version`, so two reviewers cannot overwrite each
 * other silently.
 */
export class ReviewsRepository {
  readonly collection: Collection<ReviewDocument>;

  constructor(db: Db) {
    this.collection = db.collection<ReviewDocument>('reviews');
  }

  async get(tenantId: string, interactionId: string): Promise<ReviewState | null> {
    const doc = await this.collection.findOne({ _id: interactionKey(tenantId, interactionId) });
    return doc ? stripId(doc) : null;
  }

  /** Saves `next` if the stored version is still `next.version - 1`; WRITE_CONFLICT otherwise. */
  async save(next: ReviewState): Promise<void> {
    const _id = interactionKey(next.tenantId, next.interactionId);
    const doc: ReviewDocument = { _id, ...next };
    if (next.version === 1) {
      try {
        await this.collection.insertOne(doc);
        return;
      } catch (err) {
        if (isDuplicateKeyError(err)) throw conflict(_id);
        throw err;
      }
    }
    const { matchedCount } = await this.collection.replaceOne({ _id, version: next.version - 1 }, doc);
    if (matchedCount !== 1) throw conflict(_id);
  }

  /** Undo of a save whose audit entry could not be written (guarded the same way). */
  async revert(saved: ReviewState, previous: ReviewState): Promise<void> {
    const _id = interactionKey(saved.tenantId, saved.interactionId);
    if (previous.version === 0) await this.collection.deleteOne({ _id, version: saved.version });
    else await this.collection.replaceOne({ _id, version: saved.version }, previous);
  }

  /** Every review of every tenant, for loading the queue index (a scan: startup and reconcile only). */
  async *all(): AsyncIterable<ReviewState> {
    for await (const doc of this.collection.find({}, { batchSize: 2000 })) yield stripId(doc);
  }
}

function stripId(doc: ReviewDocument): ReviewState {
  const { _id, ...state } = doc;
  void _id;
  return state;
}

const conflict = (id: string) =>
  new StoreError('WRITE_CONFLICT', `review ${id} was changed by someone else; reload it and try again`);
