import type { LedgerConfig } from '../config/ledger.config.js';
import type { EventStore } from '../ledger/event-store.port.js';
import type { LedgerSource } from '../ledger/ledger-source.js';
import { Checkpointer, ordinaryEvents, realIntervalTimer, type IntervalTimer } from './checkpoint/checkpointer.js';
import type { CheckpointSigner } from './checkpoint/checkpoint-signer.js';
import { eventNotLogged, logBehind, noCheckpointYet, treeSizeOutOfRange } from './integrity.errors.js';
import { MerkleLogFollower, type LogFollower, type MerkleLogStatus } from './log/merkle-log-follower.js';
import { WorkerMerkleLogFollower, type WorkerFollowerOptions } from './log/worker-merkle-log-follower.js';
import type { LoggedLeaf, MerkleLog, StoredCheckpoint } from './log/merkle-log.js';
import { verifyLedger } from './verification/ledger-verifier.js';
import type { VerificationReport } from './verification/verification-report.js';

export interface CheckpointView {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly signedAt: string;
  /** The C2SP signed note: keep it, and check proofs against it with `ledger verify-proof`. */
  readonly note: string;
  readonly verifierKey: string;
}

export interface InclusionProofView {
  readonly eventId: string;
  readonly globalPosition: number;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  /** RFC 9162 section 2.1.3.1, deepest sibling first, base64. */
  readonly auditPath: readonly string[];
  /** The signed checkpoint of exactly treeSize, when one was signed. */
  readonly checkpoint: string | null;
}

export interface ConsistencyProofView {
  readonly fromSize: number;
  readonly toSize: number;
  /** RFC 9162 section 2.1.4.1, base64. */
  readonly consistencyPath: readonly string[];
  readonly fromCheckpoint: string | null;
  readonly toCheckpoint: string | null;
}

const b64 = (hash: Buffer): string => hash.toString('base64');

export interface IntegrityLogOptions {
  readonly now?: () => Date;
  /**
   * Run the follower in a worker thread when the store lets another thread read its events (the
   * embedded store: EventStore.storedFeed); else, and by default, in this thread, through the port.
   */
  readonly worker?: Omit<WorkerFollowerOptions, 'onAppended' | 'feed'>;
  /** Verify the whole ledger this often by itself (milliseconds; 0 or absent: only when asked). */
  readonly verifyEveryMs?: number;
  readonly intervals?: IntervalTimer;
}

/** The outcome of the service's latest full verification, for the metrics. */
export interface VerificationRecord {
  readonly ok: boolean;
  readonly finishedAt: Date;
  readonly seconds: number;
  readonly eventsChecked: number;
  readonly problem: string | null;
}

/**
 * The integrity log as the service runs it: the Merkle log fed by its follower, the checkpointer, and
 * the answers the HTTP API gives (checkpoints, proofs, a full verification of the live store).
 */
export class IntegrityLog {
  readonly follower: LogFollower;
  readonly checkpointer: Checkpointer;
  private lastVerified: VerificationRecord | null = null;
  private failedVerifications = 0;
  private verifying?: Promise<VerificationReport>;
  private schedule?: { cancel(): void };

  constructor(
    readonly log: MerkleLog,
    private readonly store: EventStore,
    private readonly signer: CheckpointSigner,
    config: Pick<LedgerConfig, 'integrity'>,
    private readonly options: IntegrityLogOptions = {},
  ) {
    if (!store.positionOfEvent && !log.hasEventIndex)
      throw new Error(`${log.filename} keeps no index of event ids, and this store cannot say where an event is: open it with eventIndex`);
    const feed = options.worker && store.storedFeed;
    this.follower = feed
      ? new WorkerMerkleLogFollower(log, log.filename, {
          ...options.worker,
          feed,
          onAppended: (count) => this.checkpointer.afterAppended(count),
        })
      : new MerkleLogFollower(log, store, {
          onAppended: (events) => {
            this.checkpointer.adoptRecorded(events);
            this.checkpointer.afterAppended(ordinaryEvents(events));
          },
        });
    this.checkpointer = new Checkpointer(log, store, this.follower, signer, config.integrity, options.now);
  }

  start(): void {
    this.checkpointer.start();
    this.follower.start();
    const every = this.options.verifyEveryMs ?? 0;
    if (every > 0)
      this.schedule = (this.options.intervals ?? realIntervalTimer).every(every, () => void this.verify().catch(() => undefined));
  }

  async stop(): Promise<void> {
    this.schedule?.cancel();
    this.checkpointer.stop();
    await this.follower.stop();
  }

  status(): MerkleLogStatus & { readonly checkpointError: string | null } {
    return { ...this.follower.status(), checkpointError: this.checkpointer.error };
  }

  get verifierKey(): string {
    return this.signer.verifierKey.text;
  }

  latestCheckpoint(): CheckpointView {
    const latest = this.log.latestCheckpoint();
    if (!latest) throw noCheckpointYet();
    return this.view(latest);
  }

  async checkpointNow(): Promise<CheckpointView> {
    try {
      return this.view(await this.checkpointer.checkpointNow());
    } catch (error) {
      if ((error as Error).message.startsWith('The Merkle log is behind')) throw logBehind((error as Error).message);
      throw error;
    }
  }

  /**
   * The leaf of an event, undefined when no such event is recorded or the log has not reached it yet.
   * Found through the store's own index of event ids where it has one (event id -> global position ->
   * leaf), else through the log's.
   */
  async leafOfEvent(eventId: string): Promise<LoggedLeaf | undefined> {
    if (!this.store.positionOfEvent) return this.log.leafOfEvent(eventId);
    const position = await this.store.positionOfEvent(eventId);
    const leaf = position === undefined ? undefined : this.log.leafAtPosition(position);
    return leaf?.eventId === eventId ? leaf : undefined;
  }

  async inclusionProof(eventId: string, treeSize: number | undefined): Promise<InclusionProofView> {
    const leaf = await this.leafOfEvent(eventId);
    if (!leaf) throw eventNotLogged(eventId);
    return this.inclusionProofOf(leaf, treeSize);
  }

  /** The inclusion proof of a leaf already found (leafOfEvent), for a tree of treeSize or the latest checkpoint's. */
  inclusionProofOf(leaf: LoggedLeaf, treeSize: number | undefined): InclusionProofView {
    const eventId = leaf.eventId;
    const size = treeSize ?? this.log.latestCheckpoint()?.treeSize;
    if (size === undefined) throw noCheckpointYet();
    if (size > this.log.size) {
      throw treeSizeOutOfRange(`treeSize ${size} is beyond the log, which has ${this.log.size} leaves.`, {
        treeSize: size,
        logSize: this.log.size,
      });
    }
    if (leaf.leafIndex >= size) {
      throw treeSizeOutOfRange(
        `Event ${eventId} is leaf ${leaf.leafIndex}, so it is not in the tree of ${size} leaves${treeSize === undefined ? ' of the latest checkpoint; make a new checkpoint or ask for a larger treeSize' : ''}.`,
        { treeSize: size, leafIndex: leaf.leafIndex },
      );
    }
    return {
      eventId,
      globalPosition: leaf.globalPosition,
      leafIndex: leaf.leafIndex,
      treeSize: size,
      leafHash: b64(leaf.leafHash),
      auditPath: this.log.proofs.inclusionProof(leaf.leafIndex, size).map(b64),
      checkpoint: this.signedNoteOf(size),
    };
  }

  consistencyProof(fromSize: number, toSize: number): ConsistencyProofView {
    if (fromSize > toSize)
      throw treeSizeOutOfRange(`from (${fromSize}) must not be larger than to (${toSize}).`, { from: fromSize, to: toSize });
    if (toSize > this.log.size)
      throw treeSizeOutOfRange(`to (${toSize}) is beyond the log, which has ${this.log.size} leaves.`, {
        to: toSize,
        logSize: this.log.size,
      });
    return {
      fromSize,
      toSize,
      consistencyPath: this.log.proofs.consistencyProof(fromSize, toSize).map(b64),
      fromCheckpoint: this.signedNoteOf(fromSize),
      toCheckpoint: this.signedNoteOf(toSize),
    };
  }

  /**
   * The same verification as `ledger verify`, over the live store through the port. One runs at a
   * time: a request arriving while one runs (the schedule's, another inspector's) gets its report.
   */
  verify(): Promise<VerificationReport> {
    this.verifying ??= this.verifyNow().finally(() => (this.verifying = undefined));
    return this.verifying;
  }

  /** The latest verification that ran to its end (whatever it found), null before the first. */
  get lastVerification(): VerificationRecord | null {
    return this.lastVerified;
  }

  /** Verifications that could not run to their end (the store unreachable...), since the start. */
  get verificationErrors(): number {
    return this.failedVerifications;
  }

  private async verifyNow(): Promise<VerificationReport> {
    const started = performance.now();
    let source: LedgerSource | undefined;
    try {
      source = this.store.ledgerSource();
      const report = await verifyLedger({
        source,
        verifierKey: this.signer.verifierKey,
        loggedLeaves: { size: this.log.size, leafAt: (index) => this.log.leafAt(index) },
        extraCheckpoints: this.log.checkpoints().map((checkpoint) => ({ note: checkpoint.note, source: 'integrity.db' })),
      });
      this.lastVerified = {
        ok: report.ok,
        finishedAt: this.options.now?.() ?? new Date(),
        seconds: (performance.now() - started) / 1000,
        eventsChecked: report.eventsChecked,
        problem: report.firstProblem?.problem ?? null,
      };
      return report;
    } catch (error) {
      this.failedVerifications += 1;
      throw error;
    } finally {
      await source?.close();
    }
  }

  private signedNoteOf(treeSize: number): string | null {
    return this.log.checkpointAt(treeSize)?.note ?? null;
  }

  private view(checkpoint: StoredCheckpoint): CheckpointView {
    return {
      origin: this.signer.origin,
      treeSize: checkpoint.treeSize,
      rootHash: b64(checkpoint.rootHash),
      signedAt: checkpoint.signedAt,
      note: checkpoint.note,
      verifierKey: this.signer.verifierKey.text,
    };
  }
}
