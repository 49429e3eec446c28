import Database from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '../../ledger/event-store.port.js';
import { eventFieldsOf, type EventRow } from '../../ledger/sqlite/sqlite-event-row.js';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM } from '../log/merkle-log.js';

/** A signed note to check the ledger against, and where it was found. */
export interface CheckpointCandidate {
  readonly note: string;
  readonly source: string;
}

/** An event whose stored row cannot even be read back (its data is not JSON, a field has the wrong type). */
export class UnreadableEventError extends Error {
  constructor(
    readonly globalPosition: number,
    readonly streamId: string,
    readonly streamRevision: number,
    reason: string,
  ) {
    super(reason);
  }
}

/** What the verifier reads: every event in global order, and the checkpoints the ledger recorded. */
export interface LedgerSource {
  /** True when global positions are 1, 2, 3... (the embedded store), so a missing row shows as a gap. */
  readonly densePositions: boolean;
  checkpointNotes(): Promise<CheckpointCandidate[]>;
  events(): AsyncIterable<readonly RecordedEvent[]>;
  close(): void;
}

/**
 * The embedded store's file opened read-only, without the adapter: nothing is created or migrated, it
 * works with the service stopped, and each row is taken as stored, so a row that no longer parses is
 * reported, not thrown.
 */
export class SqliteFileLedgerSource implements LedgerSource {
  readonly densePositions = true;
  private readonly db: Database.Database;

  constructor(filename: string) {
    this.db = new Database(filename, { readonly: true, fileMustExist: true });
  }

  async checkpointNotes(): Promise<CheckpointCandidate[]> {
    const rows = this.db
      .prepare<[string, string], { global_position: number; data: string }>(
        'SELECT global_position, data FROM events WHERE stream_id = ? AND type = ? ORDER BY global_position',
      )
      .all(CHECKPOINT_STREAM, CHECKPOINT_EVENT_TYPE);
    return rows.flatMap((row) => noteOf(row.data, row.global_position));
  }

  async *events(): AsyncIterable<readonly RecordedEvent[]> {
    const select = this.db.prepare<[number], EventRow>(
      'SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT 2000',
    );
    let after = Number.MIN_SAFE_INTEGER; // a forged row could sit at position 0 or below
    for (;;) {
      const rows = select.all(after);
      if (rows.length === 0) return;
      yield rows.map(readRow);
      after = rows[rows.length - 1].global_position;
    }
  }

  close(): void {
    this.db.close();
  }
}

/** Any adapter through the port: how the service verifies itself, and the only way on EventStoreDB. */
export class EventStoreLedgerSource implements LedgerSource {
  constructor(
    private readonly store: EventStore,
    readonly densePositions: boolean,
  ) {}

  async checkpointNotes(): Promise<CheckpointCandidate[]> {
    const events = await this.store.readStream(CHECKPOINT_STREAM);
    return events
      .filter((event) => event.type === CHECKPOINT_EVENT_TYPE)
      .flatMap((event) => noteOf(JSON.stringify(event.data), event.globalPosition));
  }

  events(): AsyncIterable<readonly RecordedEvent[]> {
    return this.store.readAll({ batchSize: 2000 });
  }

  close(): void {}
}

function noteOf(data: string, globalPosition: number): CheckpointCandidate[] {
  try {
    const note = (JSON.parse(data) as { note?: unknown }).note;
    return typeof note === 'string' ? [{ note, source: `CheckpointSigned event at global position ${globalPosition}` }] : [];
  } catch {
    return []; // the stream chain check reports the broken event itself
  }
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
