import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { ExpectedRevision, NewEvent } from '../src/ledger/event-store.port.js';
import { canonicalJson } from '../src/ledger/canonical-json.js';
import { hashEnvelope } from '../src/ledger/event-hash.js';
import { applyDurablePragmas, applySchema } from '../src/ledger/sqlite/sqlite-schema.js';
import { SqliteEventStore } from '../src/ledger/sqlite/sqlite-event-store.js';
import { newEvent } from '../test/support/new-events.js';

/** A count of events over a measured time, and the process CPU time (user + system) it took. */
export interface Rate {
  readonly events: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** CPU microseconds of this process per event: less sensitive than wall time to a noisy disk. */
  readonly cpuMicrosPerEvent: number;
}

interface Clock {
  readonly startedAt: number;
  readonly cpu: NodeJS.CpuUsage;
}

function startClock(): Clock {
  return { cpu: process.cpuUsage(), startedAt: performance.now() };
}

function rate(events: number, clock: Clock): Rate {
  const seconds = (performance.now() - clock.startedAt) / 1000;
  const cpu = process.cpuUsage(clock.cpu);
  return { events, seconds, perSecond: events / seconds, cpuMicrosPerEvent: (cpu.user + cpu.system) / Math.max(events, 1) };
}

/** The event every write workload appends: the size and shape of a typical ledger fact. */
export function benchEvent(index: number): NewEvent {
  return newEvent('CaseNoted', { summary: 'Smell from the dye works near the canal, reported by a resident of ward 4', index });
}

/**
 * (raw) The physical limit: better-sqlite3 alone, the store's own pragmas (WAL, synchronous=FULL),
 * its own schema (same table, unique indexes, triggers) and its own INSERT statement, one INSERT per
 * (autocommit) transaction, sequentially. The row is built from strings computed before the clock
 * starts: no validation, no canonical JSON, no hashing, no promise. Its event ids are random UUIDs
 * like the port's (drawn from a pool filled beforehand), because where a key lands in the event_id
 * index decides how many pages a commit writes: counter-like ids would flatter the raw figure.
 *
 * With `rowsPerCommit` > 1 (one row for each of that many streams per transaction) it is the ceiling
 * of (b) instead: what group commit could reach on this machine if the port cost nothing at all.
 */
export class RawLoop {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly insertGroup: () => void;
  private readonly template: Record<string, string | number | null>;
  private readonly revisions: number[];
  private ids: string[] = [];

  constructor(
    folder: string,
    private readonly rowsPerCommit = 1,
  ) {
    this.db = new Database(join(folder, `raw-${rowsPerCommit}.db`));
    applyDurablePragmas(this.db);
    applySchema(this.db);
    // The same statement text, with positional parameters, as SqliteEventStore's insert.
    this.insert = this.db.prepare(
      `INSERT INTO events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at, previous_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const sample = benchEvent(0);
    const recordedAt = new Date().toISOString();
    const hash = hashEnvelope({ ...sample, streamId: 'raw-stream', streamRevision: 0, recordedAt, previousHash: null });
    this.template = {
      type: sample.type,
      schemaVersion: sample.schemaVersion,
      data: canonicalJson(sample.data),
      metadata: canonicalJson(sample.metadata),
      recordedAt,
      previousHash: hash,
      hash,
    };
    this.revisions = Array.from({ length: rowsPerCommit }, () => 0);
    this.insertGroup = this.db.transaction(() => {
      for (let stream = 0; stream < rowsPerCommit; stream += 1) this.insertRow(stream);
    });
  }

  private insertRow(stream: number): void {
    const eventId = this.ids.pop() ?? randomUUID();
    const row = this.template;
    this.insert.run(
      eventId,
      `raw-stream-${stream}`,
      this.revisions[stream]++,
      row.type,
      row.schemaVersion,
      row.data,
      row.metadata,
      row.recordedAt,
      row.previousHash,
      row.hash,
    );
  }

  /** Sequential transactions (autocommit INSERTs when one row per commit) for `ms` milliseconds. */
  run(ms: number): Rate {
    // Enough ids for 100,000 rows a second, generated before the clock starts.
    this.ids = Array.from({ length: Math.ceil(ms * 100) }, () => randomUUID());
    const clock = startClock();
    const end = clock.startedAt + ms;
    let events = 0;
    while (performance.now() < end) {
      if (this.rowsPerCommit === 1) this.insertRow(0);
      else this.insertGroup();
      events += this.rowsPerCommit;
    }
    return rate(events, clock);
  }

  close(): void {
    this.db.close();
  }
}

/** (a) One writer, one stream, one event per append, each append awaited before the next. */
export class SequentialAppends {
  private readonly store: SqliteEventStore;
  private readonly streamId = 'bench-sequential';
  private expected: ExpectedRevision = 'no-stream';
  private next = 0;

  constructor(folder: string) {
    this.store = new SqliteEventStore(join(folder, 'sequential.db'));
  }

  async run(ms: number): Promise<Rate> {
    const clock = startClock();
    const end = clock.startedAt + ms;
    let events = 0;
    while (performance.now() < end) {
      const result = await this.store.append(this.streamId, [benchEvent(this.next++)], this.expected);
      this.expected = result.nextExpectedRevision;
      events += 1;
    }
    return rate(events, clock);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/**
 * (b) `writers` concurrent writers, each on its own stream, each awaiting its own single-event
 * appends in a loop: what group commit is for. Counted until the last in-flight append is answered.
 */
export class ConcurrentAppends {
  private readonly store: SqliteEventStore;
  private readonly expected: ExpectedRevision[];

  constructor(
    folder: string,
    private readonly writers: number,
  ) {
    this.store = new SqliteEventStore(join(folder, 'concurrent.db'));
    this.expected = Array.from({ length: writers }, () => 'no-stream' as ExpectedRevision);
  }

  async run(ms: number): Promise<Rate> {
    const clock = startClock();
    const end = clock.startedAt + ms;
    let events = 0;
    const writer = async (index: number): Promise<void> => {
      while (performance.now() < end) {
        const result = await this.store.append(`bench-concurrent-${index}`, [benchEvent(events)], this.expected[index]);
        this.expected[index] = result.nextExpectedRevision;
        events += 1;
      }
    };
    await Promise.all(Array.from({ length: this.writers }, (_, index) => writer(index)));
    return rate(events, clock);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** (c) Reads: one stream of `streamLength` events, among `otherEvents` events of other streams. */
export class Reads {
  private readonly store: SqliteEventStore;
  readonly streamId = 'bench-read-stream';

  private constructor(store: SqliteEventStore) {
    this.store = store;
  }

  /** Fills the store with appends of 100 events (few fsyncs: this setup is not what is measured). */
  static async prepare(folder: string, streamLength: number, otherEvents: number): Promise<Reads> {
    const reads = new Reads(new SqliteEventStore(join(folder, 'reads.db')));
    const fill = async (streamId: string, count: number): Promise<void> => {
      let expected: ExpectedRevision = 'no-stream';
      for (let written = 0; written < count;) {
        const batch = Array.from({ length: Math.min(100, count - written) }, (_, offset) => benchEvent(written + offset));
        expected = (await reads.store.append(streamId, batch, expected)).nextExpectedRevision;
        written += batch.length;
      }
    };
    const others = 10;
    // Interleave the measured stream with the others, so it is not one contiguous run of rows.
    await Promise.all([
      fill(reads.streamId, streamLength),
      ...Array.from({ length: others }, (_, index) => fill(`bench-other-${index}`, otherEvents / others)),
    ]);
    return reads;
  }

  async totalEvents(): Promise<number> {
    return this.store.headPosition();
  }

  /** Whole-stream reads (forwards, no limit) repeated for `ms` milliseconds. */
  async readStream(ms: number): Promise<Rate & { reads: number; msPerRead: number }> {
    const clock = startClock();
    const end = clock.startedAt + ms;
    let events = 0;
    let reads = 0;
    do {
      events += (await this.store.readStream(this.streamId)).length;
      reads += 1;
    } while (performance.now() < end);
    const measured = rate(events, clock);
    return { ...measured, reads, msPerRead: (measured.seconds * 1000) / reads };
  }

  /** Whole readAll passes (batches of `batchSize`) repeated for `ms` milliseconds. */
  async readAll(ms: number, batchSize = 1000): Promise<Rate & { passes: number }> {
    const clock = startClock();
    const end = clock.startedAt + ms;
    let events = 0;
    let passes = 0;
    do {
      for await (const batch of this.store.readAll({ batchSize })) events += batch.length;
      passes += 1;
    } while (performance.now() < end);
    return { ...rate(events, clock), passes };
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
