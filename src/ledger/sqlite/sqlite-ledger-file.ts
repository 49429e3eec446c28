import Database from 'better-sqlite3';
import { Observable } from 'rxjs';
import type { RecordedEvent } from '../event-store.port.js';
import {
  UnreadableEventError,
  type FeedText,
  type FeedTextBatch,
  type LedgerSource,
  type StoredEvent,
  type StoredFeed,
} from '../ledger-source.js';
import { eventFieldsOf, type EventRow } from './sqlite-event-row.js';

const BATCH = 2000;

/**
 * The embedded store's file opened read-only, without the adapter: nothing is created or migrated, so
 * it works with the service stopped (`ledger verify`) and from another thread (the Merkle log's worker).
 * Each row is taken as stored: a row that no longer parses is reported, not thrown at random.
 */
export class SqliteLedgerFile implements LedgerSource, StoredFeed, FeedText {
  readonly densePositions = true;
  private readonly db: Database.Database;
  /** Whether close() closes the connection: not when it is the running store's own. */
  private readonly ownsConnection: boolean;
  private readonly selectAfter;
  private readonly selectStoredAfter;
  private readonly selectStream;
  private readonly selectStreamUpTo;
  private readonly selectHead;
  private readonly selectJsonAfter;

  /**
   * A file name opens the file read-only; the running store passes its own connection instead, since a
   * second connection in the same process has been seen to fail with SQLITE_IOERR_SHORT_READ while
   * another process (a `ledger erase-subject`) wrote to the file.
   */
  constructor(
    file: string | Database.Database,
    private readonly options: { readonly pollMs?: number } = {},
  ) {
    this.ownsConnection = typeof file === 'string';
    this.db = typeof file === 'string' ? new Database(file, { readonly: true, fileMustExist: true }) : file;
    if (this.ownsConnection) this.db.pragma('busy_timeout = 5000');
    this.selectAfter = this.db.prepare<[number, number], EventRow>(
      'SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
    );
    // The rows the Merkle log's worker follows, as arrays: better-sqlite3 builds an array per row faster
    // than an object with named keys (about 8 -> 5 us a row of ~700 bytes, measured), and storedEventOf
    // makes the one object the worker keeps. The columns are named here, in StoredRow's order.
    this.selectStoredAfter = this.db
      .prepare<[number, number], StoredRow>(
        `SELECT event_id, stream_id, stream_revision, global_position, type, schema_version, recorded_at, previous_hash, hash, data, metadata
         FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
      )
      .raw(true);
    this.selectStream = this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE stream_id = ? ORDER BY stream_revision');
    this.selectStreamUpTo = this.db.prepare<[string, number], EventRow>(
      'SELECT * FROM events WHERE stream_id = ? AND global_position <= ? ORDER BY stream_revision',
    );
    this.selectHead = this.db.prepare<[], number | null>('SELECT max(global_position) FROM events').pluck();
    // The events as toRecordedEvent gives them, in its key order, built in SQLite's C: the stored data and
    // metadata are JSON already, so they are spliced in as they are. (An aggregate's ORDER BY: SQLite 3.44.)
    this.selectJsonAfter = this.db.prepare<[number, number], { json: string | null; count: number; last: number | null }>(
      `SELECT '[' || group_concat('{"eventId":' || json_quote(event_id) || ',"streamId":' || json_quote(stream_id) ||
         ',"streamRevision":' || stream_revision || ',"globalPosition":' || global_position || ',"type":' || json_quote(type) ||
         ',"schemaVersion":' || schema_version || ',"data":' || data || ',"metadata":' || metadata ||
         ',"recordedAt":' || json_quote(recorded_at) || ',"previousHash":' || json_quote(previous_hash) ||
         ',"hash":' || json_quote(hash) || '}', ',' ORDER BY global_position) || ']' AS json, count(*) AS count, max(global_position) AS last
       FROM (SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?)`,
    );
  }

  batchAfter(after: number, limit: number): FeedTextBatch | null {
    const { json, count, last } = this.selectJsonAfter.get(after, limit)!;
    return json === null || last === null ? null : { json, count, last };
  }

  streamUpTo(streamId: string, position: number): RecordedEvent[] {
    return this.selectStreamUpTo.all(streamId, position).map(readRow);
  }

  async *events(): AsyncIterable<readonly RecordedEvent[]> {
    let after = Number.MIN_SAFE_INTEGER; // a forged row could sit at position 0 or below
    for (;;) {
      const rows = this.selectAfter.all(after, BATCH);
      if (rows.length === 0) return;
      yield rows.map(readRow);
      after = rows[rows.length - 1].global_position;
    }
  }

  async readableStream(streamId: string): Promise<RecordedEvent[]> {
    return this.selectStream.all(streamId).flatMap((row) => {
      try {
        return [readRow(row)];
      } catch {
        return [];
      }
    });
  }

  async headPosition(): Promise<number> {
    return this.selectHead.get() ?? 0;
  }

  /**
   * Rows after `after` as stored; live, it looks every pollMs whether the file changed (SQLite's
   * data_version moves when another connection commits) and reads on at once after a full batch.
   */
  subscribe(after: number): Observable<StoredEvent> {
    return new Observable<StoredEvent>((subscriber) => {
      let last = after;
      let dataVersion = -1;
      let timer: NodeJS.Timeout | undefined;
      const pump = (): void => {
        let full = false;
        try {
          const version = this.db.pragma('data_version', { simple: true }) as number;
          if (version !== dataVersion) {
            const rows = this.selectStoredAfter.all(last, BATCH);
            for (const row of rows) {
              if (subscriber.closed) return;
              const event = storedEventOf(row);
              last = event.globalPosition;
              subscriber.next(event);
            }
            full = rows.length === BATCH;
            if (!full) dataVersion = version; // caught up with this version of the file
          }
        } catch (error) {
          subscriber.error(error);
          return;
        }
        if (!subscriber.closed) timer = setTimeout(pump, full ? 0 : (this.options.pollMs ?? 20));
      };
      pump();
      return () => clearTimeout(timer);
    });
  }

  async close(): Promise<void> {
    if (this.ownsConnection) this.db.close();
  }
}

/** A row of selectStoredAfter, in the order of its columns. */
type StoredRow = [
  eventId: string,
  streamId: string,
  streamRevision: number,
  globalPosition: number,
  type: string,
  schemaVersion: number,
  recordedAt: string,
  previousHash: string | null,
  hash: string,
  dataJson: string,
  metadataJson: string,
];

/** One object literal per row (not a spread of eventFieldsOf): the Merkle log's worker reads every event this way. */
function storedEventOf(row: StoredRow): StoredEvent {
  return {
    eventId: row[0],
    streamId: row[1],
    streamRevision: row[2],
    globalPosition: row[3],
    type: row[4],
    schemaVersion: row[5],
    recordedAt: row[6],
    previousHash: row[7],
    hash: row[8],
    dataJson: row[9],
    metadataJson: row[10],
  };
}

function readRow(row: EventRow): RecordedEvent {
  const fail = (reason: string): never => {
    throw new UnreadableEventError(row.global_position, String(row.stream_id), Number(row.stream_revision), reason);
  };
  let data: unknown;
  let metadata: unknown;
  try {
    data = JSON.parse(row.data);
  } catch {
    fail(`its data is not valid JSON any more: ${JSON.stringify(String(row.data).slice(0, 80))}`);
  }
  try {
    metadata = JSON.parse(row.metadata);
  } catch {
    fail(`its metadata is not valid JSON any more: ${JSON.stringify(String(row.metadata).slice(0, 80))}`);
  }
  return { ...eventFieldsOf(row), data: data as RecordedEvent['data'], metadata: metadata as RecordedEvent['metadata'] };
}
