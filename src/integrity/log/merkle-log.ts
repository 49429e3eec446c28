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

/**
 * The Merkle log over the ledger's global order, in its own SQLite file: one row per leaf (its hash,
 * the event it stands for) and one per complete interior subtree, so that a root or a proof for any
 * tree size is O(log n) point reads. Leaf i is the (i+1)-th event of the global feed. It is fed by
 * MerkleLogFollower after the events are durable, so it never slows an append; it is derived data,
 * like the read models: deleting the file makes the service rebuild it from the events (the signed
 * checkpoints recorded in the ledger keep the history honest).
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
  private readonly selectLeafById;
  private readonly selectLeafByIndex;
  private readonly insertCheckpoint;
  private readonly selectLatestCheckpoint;
  private readonly selectCheckpoints;
  private readonly selectCheckpointAt;
  private readonly countOrdinaryAfter;
  private readonly appendBatch;
  private readonly selectLastLeaf;

  constructor(
    readonly filename: string,
    options: { readonly readonly?: boolean } = {},
  ) {
    if (!options.readonly) createPrivateFile(filename);
    this.db = new Database(filename, options.readonly ? { readonly: true, fileMustExist: true } : {});
    if (!options.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL'); // derived data: a lost tail is appended again from the feed
      // Each leaf lands at a random place in the event_id index, so a batch dirties about one page per
      // leaf, and the same index pages are written again batch after batch: checkpointing every 10,000
      // pages (as the events' file does) rather than SQLite's 1,000 copies each such page to the file
      // once per checkpoint instead of ten times, and fsyncs the disk the appends share ten times less.
      this.db.pragma('wal_autocheckpoint = 10000');
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS merkle_leaves (
          leaf_index      INTEGER PRIMARY KEY,
          global_position INTEGER NOT NULL,
          event_id        TEXT    NOT NULL UNIQUE,
          leaf_hash       BLOB    NOT NULL,
          is_checkpoint   INTEGER NOT NULL
        ) STRICT;
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
    this.insertLeaf = this.db.prepare<[number, number, string, Buffer, number]>(
      'INSERT INTO merkle_leaves (leaf_index, global_position, event_id, leaf_hash, is_checkpoint) VALUES (?, ?, ?, ?, ?)',
    );
    this.insertNode = this.db.prepare<[number, number, Buffer]>('INSERT INTO merkle_nodes (level, node_index, hash) VALUES (?, ?, ?)');
    this.selectLeafHash = this.db.prepare<[number], Buffer>('SELECT leaf_hash FROM merkle_leaves WHERE leaf_index = ?').pluck();
    this.selectNode = this.db.prepare<[number, number], Buffer>('SELECT hash FROM merkle_nodes WHERE level = ? AND node_index = ?').pluck();
    type LeafRow = { leaf_index: number; global_position: number; event_id: string; leaf_hash: Buffer };
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

  leafOfEvent(eventId: string): LoggedLeaf | undefined {
    const row = this.selectLeafById.get(eventId);
    return row && { leafIndex: row.leaf_index, globalPosition: row.global_position, eventId: row.event_id, leafHash: row.leaf_hash };
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
