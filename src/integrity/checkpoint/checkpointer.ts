import type { IntegrityConfig } from '../../config/ledger.config.js';
import { deterministicUuid } from '../../ledger/deterministic-uuid.js';
import type { EventStore, RecordedEvent } from '../../ledger/event-store.port.js';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM, type MerkleLog, type StoredCheckpoint } from '../log/merkle-log.js';
import type { LogFollower } from '../log/merkle-log-follower.js';
import { openCheckpoint, type CheckpointSigner } from './checkpoint-signer.js';

/** The data of a CheckpointSigned event (stream integrity-checkpoints), schema version 1. */
export interface CheckpointSignedData {
  readonly origin: string;
  readonly treeSize: number;
  /** Base64, as in the note. */
  readonly rootHash: string;
  /** The whole C2SP signed note. */
  readonly note: string;
  readonly [key: string]: string | number;
}

export const CHECKPOINT_ACTOR = 'system:integrity-log';

/** The repeating timer, injectable so a test can fire it without waiting minutes. */
export interface IntervalTimer {
  every(milliseconds: number, tick: () => void): { cancel(): void };
}

export const realIntervalTimer: IntervalTimer = {
  every(milliseconds, tick) {
    const handle = setInterval(tick, milliseconds);
    handle.unref();
    return { cancel: () => clearInterval(handle) };
  },
};

/**
 * Signs a checkpoint of the Merkle log every `checkpointEveryEvents` events, every
 * `checkpointEveryMinutes` minutes when events arrived since, and on demand. Each checkpoint is kept
 * in the log's file and recorded in the ledger as a CheckpointSigned event, which in turn becomes a
 * leaf of the next tree. Checkpoint events do not count as news: a quiet ledger gets no new checkpoint.
 *
 * Several instances may sign for one ledger (on EventStoreDB, with one shared key), and their
 * checkpoints converge: the signed body is only the origin, the tree size and the root (no clock),
 * and Ed25519 is deterministic, so two instances signing one tree size write byte-identical notes,
 * hence the same event id, which the store keeps once. Counted checkpoints are of the tree at a
 * multiple of `checkpointEveryEvents` (whatever batches the feed came in), so both sign the same
 * sizes; and a checkpoint another instance recorded in the ledger is adopted by this one as it
 * reaches the log (after checking its signature and its root), so both serve the same latest one.
 */
export class Checkpointer {
  private pending = 0;
  /** The signing under way, if any; it never rejects (its caller hears the error), so the next can wait on it. */
  private issuing?: Promise<void>;
  private timer?: { cancel(): void };
  private lastError: string | null = null;

  constructor(
    private readonly log: MerkleLog,
    private readonly store: EventStore,
    private readonly follower: LogFollower,
    private readonly signer: CheckpointSigner,
    private readonly config: Pick<IntegrityConfig, 'checkpointEveryEvents' | 'checkpointEveryMinutes'>,
    private readonly now: () => Date = () => new Date(),
    private readonly intervals: IntervalTimer = realIntervalTimer,
  ) {}

  start(): void {
    this.pending = this.log.ordinaryLeavesSince(this.log.latestCheckpoint()?.treeSize ?? 0);
    if (this.config.checkpointEveryMinutes > 0) {
      this.timer = this.intervals.every(this.config.checkpointEveryMinutes * 60_000, () => {
        if (this.pending > 0) this.background();
      });
    }
  }

  stop(): void {
    this.timer?.cancel();
  }

  get error(): string | null {
    return this.lastError;
  }

  /** What the follower calls after each batch it logged, with the number of events in it that are not checkpoints. */
  readonly afterAppended = (ordinaryEvents: number): void => {
    this.pending += ordinaryEvents;
    const every = this.config.checkpointEveryEvents;
    if (every > 0 && this.pending >= every) this.background(Math.floor(this.log.size / every) * every);
  };

  /**
   * What the follower calls with each batch it logged: a CheckpointSigned event in it (another
   * instance's, or this one's own coming back) becomes one of this log's checkpoints, when its note
   * opens with this log's key and its root is this log's root at that size. One that does not is left
   * alone here; `ledger verify` reports it.
   */
  readonly adoptRecorded = (events: readonly RecordedEvent[]): void => {
    let adopted = false;
    for (const event of events) {
      if (!isCheckpointEvent(event)) continue;
      const { note } = event.data as Partial<CheckpointSignedData>;
      if (typeof note !== 'string') continue;
      let checkpoint;
      try {
        checkpoint = openCheckpoint(note, this.signer.verifierKey);
      } catch {
        continue;
      }
      const { treeSize, rootHash } = checkpoint;
      if (treeSize > this.log.size || this.log.checkpointAt(treeSize) || !this.log.proofs.root(treeSize).equals(rootHash)) continue;
      this.log.recordCheckpoint({ treeSize, rootHash, note, signedAt: event.metadata.occurredAt });
      adopted = true;
    }
    if (adopted) this.pending = this.log.ordinaryLeavesSince(this.log.latestCheckpoint()?.treeSize ?? 0);
  };

  /**
   * A checkpoint covering everything appended before the call (the log is first brought up to the
   * store's head); the latest one when nothing arrived since it. Resolves once it is in the ledger.
   */
  async checkpointNow(catchUpMs = 5000): Promise<StoredCheckpoint> {
    const head = await this.store.headPosition();
    if (!(await this.follower.waitFor(head, catchUpMs))) {
      throw new Error(`The Merkle log is behind the ledger (at position ${this.log.position} of ${head}); try again shortly`);
    }
    return this.issue();
  }

  private background(treeSize?: number): void {
    if (this.issuing) return; // one under way already; the next batch asks again if it is still due
    this.issue(treeSize).catch(() => undefined); // the error is kept in lastError and shown in the status
  }

  /**
   * Signs after the signing under way, never beside it: a counted checkpoint under way is of an
   * earlier size than the caller of checkpointNow asked for, so joining it would answer too little.
   */
  private issue(treeSize?: number): Promise<StoredCheckpoint> {
    const signing = (this.issuing ?? Promise.resolve()).then(() => this.sign(treeSize));
    const settled: Promise<void> = signing.then(
      () => this.settle(settled),
      () => this.settle(settled),
    );
    this.issuing = settled;
    return signing;
  }

  private settle(settled: Promise<void>): void {
    if (this.issuing === settled) this.issuing = undefined;
  }

  /** Signs the tree of `treeSize` leaves (the whole log when not given), unless nothing but checkpoints came since the latest. */
  private async sign(size?: number): Promise<StoredCheckpoint> {
    const treeSize = size ?? this.log.size;
    const latest = this.log.latestCheckpoint();
    // Only checkpoint events since the latest: signing again would chase its own tail.
    if (latest && (latest.treeSize >= treeSize || this.log.ordinaryLeavesSince(latest.treeSize) === 0)) return latest;
    const rootHash = this.log.proofs.root(treeSize);
    const checkpoint: StoredCheckpoint = {
      treeSize,
      rootHash,
      note: this.signer.sign(treeSize, rootHash),
      signedAt: this.now().toISOString(),
    };
    this.log.recordCheckpoint(checkpoint);
    this.pending = 0;
    const data: CheckpointSignedData = {
      origin: this.signer.origin,
      treeSize,
      rootHash: rootHash.toString('base64'),
      note: checkpoint.note,
    };
    try {
      await this.store.append(
        CHECKPOINT_STREAM,
        [
          {
            eventId: deterministicUuid(`checkpoint\n${checkpoint.note}`),
            type: CHECKPOINT_EVENT_TYPE,
            schemaVersion: 1,
            data,
            metadata: {
              actor: CHECKPOINT_ACTOR,
              correlationId: `checkpoint-${treeSize}`,
              causationId: null,
              occurredAt: checkpoint.signedAt,
            },
          },
        ],
        'any',
      );
      this.lastError = null;
    } catch (error) {
      this.lastError = `The checkpoint of tree size ${treeSize} is signed but could not be recorded in the ledger: ${(error as Error).message}`;
      throw error;
    }
    return checkpoint;
  }
}

export function ordinaryEvents(events: readonly Pick<RecordedEvent, 'streamId' | 'type'>[]): number {
  return events.filter((event) => !isCheckpointEvent(event)).length;
}

export function isCheckpointEvent(event: Pick<RecordedEvent, 'streamId' | 'type'>): boolean {
  return event.streamId === CHECKPOINT_STREAM && event.type === CHECKPOINT_EVENT_TYPE;
}
