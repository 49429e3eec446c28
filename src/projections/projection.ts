import type Database from 'better-sqlite3';
import type { JsonObject, RecordedEvent } from '../ledger/event-store.port.js';

/** The physical name of each of a projection's tables in one generation, by its logical name. */
export type TableNames<Table extends string> = Readonly<Record<Table, string>>;

/**
 * A read model fed by the global feed. A plain object, so a test can run it on `:memory:` without
 * NestJS. The engine owns the transactions and the checkpoint: `schema` and the applier only write
 * rows, synchronously (better-sqlite3 is synchronous), into the tables of the generation they are given.
 */
export interface Projection<Table extends string = string> {
  /** kebab-case, stable: it names the tables and the checkpoint. */
  readonly name: string;
  /** Raise it when the rows a projection writes change: a live generation of another version is rebuilt. */
  readonly version: number;
  readonly tables: readonly Table[];
  /** Creates the tables and indexes of one generation. */
  schema(db: Database.Database, tables: TableNames<Table>): void;
  /**
   * Optional: the indexes only queries read (never the applier's own statements, nor a uniqueness an
   * upsert relies on). A rebuild creates them once, after its last batch and before the swap, because
   * keeping a handful of indexes up to date row by row made every batch's commit write pages all over
   * them; a live generation gets them with its tables.
   */
  indexes?(db: Database.Database, tables: TableNames<Table>): void;
  /**
   * Prepares the statements once per generation and returns the function that applies one event.
   * It must ignore events it does not know, and may throw: the engine then rolls the batch back.
   * It may instead return an Applier, whose startOfBatch and endOfBatch run before and after the
   * batch's events, in the same transaction (for rows worth computing once per batch rather than once
   * per event).
   */
  applier(db: Database.Database, tables: TableNames<Table>): ((event: RecordedEvent) => void) | Applier;
  /**
   * Optional: how a rebuild that reads the feed in another thread (threaded-feed-reader.ts) may fold it
   * there too, so that the thread holding the write transaction only writes. What it writes must be
   * what the applier writes for the same batch, row for row.
   */
  readonly rebuildFold?: RebuildFold<Table>;
}

/** A projection's fold in a rebuild's reader thread, and the writer of what it makes, in the writing thread. */
export interface RebuildFold<Table extends string = string> {
  /** The compiled module the reader thread imports; it exports `createRebuildFold` (a CreateRebuildFold). */
  readonly module: URL;
  /** Given to createRebuildFold. */
  readonly options?: JsonObject;
  /** Prepares the statements once per generation; the function writes one folded batch, in the batch's transaction. */
  writer(db: Database.Database, tables: TableNames<Table>): (folded: unknown) => void;
}

/** The events of a stream up to a global position (inclusive), as the reader thread reads them from the store's file. */
export interface StreamHistory {
  streamUpTo(streamId: string, position: number): RecordedEvent[];
}

/**
 * What a RebuildFold's module exports as `createRebuildFold`: called once in the reader thread, it answers
 * the fold of one batch, given its events and the position before them (a batch follows the one before
 * it). Its answer must be plain data: it crosses to the writing thread by postMessage.
 */
export type CreateRebuildFold = (
  history: StreamHistory,
  options: JsonObject,
) => (events: readonly RecordedEvent[], after: number) => unknown;

export interface Applier {
  /** Before the first event of a batch: forget whatever a batch that failed (and was rolled back) left. */
  readonly startOfBatch: () => void;
  readonly apply: (event: RecordedEvent) => void;
  /** After the last event of a batch, before the checkpoint, in the batch's transaction; may throw too. */
  readonly endOfBatch: () => void;
}

const PROJECTION_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** `audit-trail` generation 3, table `entries` → `audit_trail_g3_entries`. */
export function tableNamesFor<Table extends string>(projection: Projection<Table>, generation: number): TableNames<Table> {
  if (!PROJECTION_NAME.test(projection.name)) throw new Error(`Projection name "${projection.name}" must be kebab-case`);
  const prefix = `${projection.name.replaceAll('-', '_')}_g${generation}`;
  return Object.fromEntries(projection.tables.map((table) => [table, `${prefix}_${table}`])) as Record<Table, string>;
}
