import Database from 'better-sqlite3';
import { createPrivateFile } from '../../ledger/data-folder.js';
import { join } from 'node:path';
import type { RecordedEvent } from '../../ledger/event-store.port.js';
import { MerkleFrontier } from '../merkle/merkle-frontier.js';
import { MerkleProofs } from '../merkle/merkle-proofs.js';
import { eventLeafHash } from './leaf-encoding.js';

export const INTEGRITY_FILE = 'integrity.db';
export const CHECKPOINT_STREAM = 'integrity-checkpoints';
export const CHECKPOINT_EVENT_TYPE = 'CheckpointSigned';

export interface LoggedLeaf {
  readonly leafIndex: number;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly leafHash: Buffer;
}

/** A leaf to append: the event it stands for and its hash (see leaf-encoding.ts). */
export interface NewLeaf {
  readonly globalPosition: number;
  readonly eventId: string;
  readonly leafHash: Buffer;
  readonly isCheckpoint: boolean;
}

export interface StoredCheckpoint {
  readonly treeSize: number;
  readonly rootHash: Buffer;
  /** The whole signed note, as served and as recorded in the ledger. */
  readonly note: string;
  readonly signedAt: string;
}

export function integrityPath(dataDir: string): string {
  return join(dataDir, INTEGRITY_FILE);
}

export interface MerkleLogOptions {
  readonly readonly?: boolean;
  /**
   * Keep an index of the leaves by event id (leafOfEvent), for a store that cannot say where an event
   * is (EventStore.positionOfEvent absent: EventStoreDB). Off by default: the embedded store's own
   * unique index gives an event's position, and leafAtPosition the leaf, so integrity.db does not pay
   * for a second index of random UUIDs on every append. Opening a file with the other choice builds
   * or drops the index. Ignored when read-only.
   */
  readonly eventIndex?: boolean;
}

/**
 * The Merkle log over the ledger's global order, in its own SQLite file: one row per leaf (its hash,
 * the event it stands for) and one per complete interior subtree, so that a root or a proof for any
 * tree size is O(log n) point reads. Leaf i is the (i+1)-th event of the global feed, so global
 * positions increase with the leaf index. It is fed by MerkleLogFollower after the events are durable,
 * so it never slows an append; it is derived data, like the read models: deleting the file makes the
 * service rebuild it from the events (the signed checkpoints recorded in the ledger keep the history
 * honest).
 */
export class MerkleLog {
  private readonly db: Database.Database;
  private frontier: MerkleFrontier;
  private lastGlobalPosition: number;
  readonly proofs: MerkleProofs;
  private readonly insertLeaf;
  private readonly insertNode;
  private readonly selectLeafHash;
  private readonly selectNode;
  private readonly selectLeafById?;
  private readonly selectLeafByIndex;
  private readonly insertCheckpoint;
  private readonly selectLatestCheckpoint;
  private readonly selectCheckpoints;
  private readonly selectCheckpointAt;
  private readonly countOrdinaryAfter;
  private readonly appendBatch;
  private readonly selectLastLeaf;

  /** Whether the file has the index of leaves by event id (see MerkleLogOptions.eventIndex). */
  readonly hasEventIndex: boolean;

  constructor(
    readonly filename: string,
    options: MerkleLogOptions = {},
  ) {
    if (!options.readonly) createPrivateFile(filename);
    this.db = new Database(filename, options.readonly ? { readonly: true, fileMustExist: true } : {});
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL'); // derived data: a lost tail is appended again from the feed
      // With the index of event ids, each leaf lands at a random place in it, so a batch dirties about
      // one page per leaf, and the same index pages are written again batch after batch: checkpointing
      // every 10,000 pages (as the events' file does) rather than SQLite's 1,000 copies each such page
      // to the file once per checkpoint instead of ten times, and fsyncs the disk the appends share ten
      // times less. Without it, rows go to the end of their tables, and fewer checkpoints still cost less.
      this.db.pragma('wal_autocheckpoint = 10000');
      this.db.exec(`
        ${leavesTable('IF NOT EXISTS merkle_leaves')}
        CREATE TABLE IF NOT EXISTS merkle_nodes (
          level      INTEGER NOT NULL,
          node_index INTEGER NOT NULL,
          hash       BLOB    NOT NULL,
          PRIMARY KEY (level, node_index)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS signed_checkpoints (
          tree_size INTEGER PRIMARY KEY,
          root_hash BLOB    NOT NULL,
          note      TEXT    NOT NULL,
          signed_at TEXT    NOT NULL
        ) STRICT;
      `);
    }
    this.db.pragma('busy_timeout = 5000');
    if (!options.readonly) applyEventIndex(this.db, options.eventIndex ?? false);
    this.hasEventIndex = eventIndexOf(this.db) !== undefined;
    this.insertLeaf = this.db.prepare<[number, number, string, Buffer, number]>(
      'INSERT INTO merkle_leaves (leaf_index, global_position, event_id, leaf_hash, is_checkpoint) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertNode = this.db.prepare<[number, number, Buffer]>('INSERT INTO merkle_nodes (level, node_index, hash) VALUES (?, ?, ?)');
    this.selectLeafHash = this.db.prepare<[number], Buffer>('SELECT leaf_hash FROM merkle_leaves WHERE leaf_index = ?').pluck();
    this.selectNode = this.db.prepare<[number, number], Buffer>('SELECT hash FROM merkle_nodes WHERE level = ? AND node_index = ?').pluck();
    type LeafRow = { leaf_index: number; global_position: number; event_id: string; leaf_hash: Buffer };
    if (this.hasEventIndex)
      this.selectLeafById = this.db.prepare<[string], LeafRow>(
        'SELECT leaf_index, global_position, event_id, leaf_hash FROM merkle_leaves WHERE event_id = ?',
      );
    this.selectLeafByIndex = this.db.prepare<[number], LeafRow>(
      'SELECT leaf_index, global_position, event_id, leaf_hash FROM merkle_leaves WHERE leaf_index = ?',
    );
    this.insertCheckpoint = this.db.prepare<[number, Buffer, string, string]>(
      'INSERT OR IGNORE INTO signed_checkpoints (tree_size, root_hash, note, signed_at) VALUES (?, ?, ?, ?)',
    );
    type CheckpointRow = { tree_size: number; root_hash: Buffer; note: string; signed_at: string };
    this.selectLatestCheckpoint = this.db.prepare<[], CheckpointRow>('SELECT * FROM signed_checkpoints ORDER BY tree_size DESC LIMIT 1');
    this.selectCheckpoints = this.db.prepare<[], CheckpointRow>('SELECT * FROM signed_checkpoints ORDER BY tree_size');
    this.selectCheckpointAt = this.db.prepare<[number], CheckpointRow>('SELECT * FROM signed_checkpoints WHERE tree_size = ?');
    this.countOrdinaryAfter = this.db
      .prepare<[number], number>('SELECT count(*) FROM merkle_leaves WHERE leaf_index >= ? AND is_checkpoint = 0')
      .pluck();
    this.appendBatch = this.db.transaction((leaves: readonly NewLeaf[]) => {
      for (const leaf of leaves) {
        const index = this.frontier.size;
        const made = this.frontier.append(leaf.leafHash);
        this.insertLeaf.run(index, leaf.globalPosition, leaf.eventId, leaf.leafHash, leaf.isCheckpoint ? 1 : 0);
        for (let position = 1; position < made.length; position += 1)
          this.insertNode.run(made[position].level, made[position].index, made[position].hash);
        this.lastGlobalPosition = leaf.globalPosition;
      }
    });
    this.selectLastLeaf = this.db.prepare<[], { leaf_index: number; global_position: number }>(
      'SELECT leaf_index, global_position FROM merkle_leaves ORDER BY leaf_index DESC LIMIT 1',
    );
    this.proofs = new MerkleProofs((level, index) => this.node(level, index));
    ({ frontier: this.frontier, lastGlobalPosition: this.lastGlobalPosition } = this.restore());
  }

  get size(): number {
    return this.frontier.size;
  }

  /** The global position of the newest event in the log: the follower goes on after it. */
  get position(): number {
    return this.lastGlobalPosition;
  }

  root(): Buffer {
    return this.frontier.root();
  }

  /**
   * Re-reads the tree's size and right border from the file, after another connection appended to it
   * (the follower in its worker thread): O(log n) point reads.
   */
  refresh(): void {
    ({ frontier: this.frontier, lastGlobalPosition: this.lastGlobalPosition } = this.restore());
  }

  /** Adds events in global order, all in one transaction; on failure nothing is kept, in the file or in memory. */
  append(events: readonly RecordedEvent[]): void {
    this.appendLeaves(
      events.map((event) => ({
        globalPosition: event.globalPosition,
        eventId: event.eventId,
        leafHash: eventLeafHash(event),
        isCheckpoint: event.streamId === CHECKPOINT_STREAM && event.type === CHECKPOINT_EVENT_TYPE,
      })),
    );
  }

  appendLeaves(leaves: readonly NewLeaf[]): void {
    if (leaves.length === 0) return;
    const before = { frontier: new MerkleFrontier(this.frontier.size, this.frontier.border()), position: this.lastGlobalPosition };
    let previous = this.lastGlobalPosition;
    for (const leaf of leaves) {
      if (leaf.globalPosition <= previous) {
        throw new Error(
          `The Merkle log is at global position ${previous}; event ${leaf.eventId} at ${leaf.globalPosition} is not after it`,
        );
      }
      previous = leaf.globalPosition;
    }
    try {
      this.appendBatch.immediate(leaves);
    } catch (error) {
      this.frontier = before.frontier;
      this.lastGlobalPosition = before.position;
      throw error;
    }
  }

  /**
   * The leaf of an event, by the log's own index of event ids: only in a log opened with eventIndex
   * (a store without EventStore.positionOfEvent). Otherwise find the event's position in the store and
   * ask leafAtPosition, as IntegrityLog.leafOfEvent does.
   */
  leafOfEvent(eventId: string): LoggedLeaf | undefined {
    if (!this.selectLeafById)
      throw new Error(`${this.filename} keeps no index of event ids: look the leaf up by the event's global position`);
    const row = this.selectLeafById.get(eventId);
    return row && { leafIndex: row.leaf_index, globalPosition: row.global_position, eventId: row.event_id, leafHash: row.leaf_hash };
  }

  /**
   * The leaf of the event at this global position, undefined when the log has not reached it (or no
   * logged event has it). Global positions increase with the leaf index, and the leaf of position p is
   * at most p - 1; where positions are dense (the embedded store) it is exactly p - 1: one point read.
   * Otherwise a binary search over the leaves, O(log n) point reads of the primary key.
   */
  leafAtPosition(globalPosition: number): LoggedLeaf | undefined {
    if (!Number.isSafeInteger(globalPosition) || globalPosition < 1 || this.size === 0) return undefined;
    const highest = Math.min(globalPosition, this.size) - 1;
    const guess = this.leafAt(highest);
    // Below it only when it is the log's last leaf: the event is not logged yet.
    if (!guess || guess.globalPosition <= globalPosition) return guess?.globalPosition === globalPosition ? guess : undefined;
    let low = 0;
    let high = highest - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const leaf = this.leafAt(middle);
      if (!leaf) return undefined;
      if (leaf.globalPosition === globalPosition) return leaf;
      if (leaf.globalPosition < globalPosition) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  leafAt(leafIndex: number): LoggedLeaf | undefined {
    const row = this.selectLeafByIndex.get(leafIndex);
    return row && { leafIndex: row.leaf_index, globalPosition: row.global_position, eventId: row.event_id, leafHash: row.leaf_hash };
  }

  recordCheckpoint(checkpoint: StoredCheckpoint): void {
    this.insertCheckpoint.run(checkpoint.treeSize, checkpoint.rootHash, checkpoint.note, checkpoint.signedAt);
  }

  latestCheckpoint(): StoredCheckpoint | undefined {
    const row = this.selectLatestCheckpoint.get();
    return row && { treeSize: row.tree_size, rootHash: row.root_hash, note: row.note, signedAt: row.signed_at };
  }

  checkpoints(): StoredCheckpoint[] {
    return this.selectCheckpoints
      .all()
      .map((row) => ({ treeSize: row.tree_size, rootHash: row.root_hash, note: row.note, signedAt: row.signed_at }));
  }

  checkpointAt(treeSize: number): StoredCheckpoint | undefined {
    const row = this.selectCheckpointAt.get(treeSize);
    return row && { treeSize: row.tree_size, rootHash: row.root_hash, note: row.note, signedAt: row.signed_at };
  }

  /** Events logged since the tree of `treeSize` leaves, not counting the checkpoint events themselves. */
  ordinaryLeavesSince(treeSize: number): number {
    return this.countOrdinaryAfter.get(treeSize) ?? 0;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private node(level: number, index: number): Buffer {
    const hash = level === 0 ? this.selectLeafHash.get(index) : this.selectNode.get(level, index);
    if (!hash) throw new Error(`The Merkle log has no node at level ${level}, index ${index}`);
    return hash;
  }

  private restore(): { frontier: MerkleFrontier; lastGlobalPosition: number } {
    const last = this.selectLastLeaf.get();
    if (!last) return { frontier: new MerkleFrontier(), lastGlobalPosition: 0 };
    const size = last.leaf_index + 1;
    const border = MerkleFrontier.borderOf(size).map(({ level, index }) => this.node(level, index));
    return { frontier: new MerkleFrontier(size, border), lastGlobalPosition: last.global_position };
  }
}

/** The leaves' table, written once: the log creates it, and an old layout is copied into a fresh one. */
function leavesTable(name: string): string {
  return `CREATE TABLE ${name} (
    leaf_index      INTEGER PRIMARY KEY,
    global_position INTEGER NOT NULL,
    event_id        TEXT    NOT NULL,
    leaf_hash       BLOB    NOT NULL,
    is_checkpoint   INTEGER NOT NULL
  ) STRICT;`;
}

const EVENT_INDEX = 'merkle_leaves_by_event_id';
/** The index a log made before the index became optional: `event_id ... UNIQUE` in the table itself. */
const INLINE_EVENT_INDEX = 'sqlite_autoindex_merkle_leaves_1';

function eventIndexOf(db: Database.Database): string | undefined {
  return db
    .prepare<[string, string], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (?, ?)")
    .pluck()
    .get(EVENT_INDEX, INLINE_EVENT_INDEX);
}

/**
 * Builds or drops the index of leaves by event id, as asked. A file made with the index inside the
 * table (an older layout) has its table rebuilt without it, once, in one transaction: the same rows.
 */
function applyEventIndex(db: Database.Database, wanted: boolean): void {
  db.transaction(() => {
    const present = eventIndexOf(db);
    if (wanted && !present) db.exec(`CREATE UNIQUE INDEX ${EVENT_INDEX} ON merkle_leaves (event_id)`);
    if (!wanted && present === EVENT_INDEX) db.exec(`DROP INDEX ${EVENT_INDEX}`);
    if (!wanted && present === INLINE_EVENT_INDEX)
      db.exec(`
        ${leavesTable('merkle_leaves_rebuilt')}
        INSERT INTO merkle_leaves_rebuilt SELECT leaf_index, global_position, event_id, leaf_hash, is_checkpoint FROM merkle_leaves ORDER BY leaf_index;
        DROP TABLE merkle_leaves;
        ALTER TABLE merkle_leaves_rebuilt RENAME TO merkle_leaves;
      `);
  }).immediate();
}
