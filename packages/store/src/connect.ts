import { MongoClient, type Db } from 'mongodb';
import { StoreError } from './errors.js';

export interface StoreSettings {
  uri: string;
  dbName: string;
  appName: string;
  /** How long to wait for a server before an operation fails (and the caller retries). */
  serverSelectionTimeoutMs?: number;
}

export interface StoreConnection {
  client: MongoClient;
  db: Db;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Connects with the official driver. Only features that both MongoDB >= 6 and FerretDB 1.24 serve
 * are used anywhere in this package: no transactions, change streams, $lookup/$facet, TTL indexes.
 */
export async function connectStore(settings: StoreSettings): Promise<StoreConnection> {
  const client = new MongoClient(settings.uri, {
    appName: settings.appName,
    serverSelectionTimeoutMS: settings.serverSelectionTimeoutMs ?? 5_000,
    retryWrites: false, // FerretDB 1.24 has no retryable writes; our writes are idempotent instead.
  });
  try {
    await client.connect();
  } catch (err) {
    throw new StoreError(
      'STORE_UNAVAILABLE',
      `cannot reach MongoDB (${redactUri(settings.uri)}): is it running?`,
      { cause: err },
    );
  }
  const db = client.db(settings.dbName);
  return {
    client,
    db,
    async ping() {
      try {
        await db.command({ ping: 1 }, { timeoutMS: 2_000 });
        return true;
      } catch {
        return false;
      }
    },
    close: () => client.close(),
  };
}

/** Connection strings carry credentials: never log them whole. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//[credentials]@');
}
