import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../ledger/event-store.port.js';
import type { GenerationCatalog } from './generation-catalog.js';
import { tableNamesFor, type Projection } from './projection.js';

/**
 * Writes batches of events into one generation of a projection. Each batch is ONE SQLite
 * transaction holding the rows and the new checkpoint, so a crash or a failing event leaves both as
 * they were before the batch: every event takes effect exactly once. Events at or before the stored
 * checkpoint are skipped, so a feed that repeats itself after a reconnect does no harm.
 */
export class GenerationWriter {
  private readonly apply: (event: RecordedEvent) => void;
  private readonly writeBatch: (events: readonly RecordedEvent[]) => boolean;
  private readonly projectionName: string;
  private readonly writeFoldedBatch?: (after: number, last: number, folded: unknown) => boolean;

  constructor(
    db: Database.Database,
    catalog: GenerationCatalog,
    projection: Projection,
    readonly generation: number,
    /** The state the generation must still be in: a live writer stops when a rebuild has swapped it out. */
    expected: 'live' | 'building',
  ) {
    this.projectionName = projection.name;
    const applier = projection.applier(db, tableNamesFor(projection, generation));
    const { startOfBatch, apply, endOfBatch } =
      typeof applier === 'function' ? { startOfBatch: () => {}, apply: applier, endOfBatch: () => {} } : applier;
    this.apply = apply;
    const transaction = db.transaction((events: readonly RecordedEvent[]): boolean => {
      const current = catalog.get(projection.name, generation);
      if (current === undefined || current.state !== expected) return false;
      let checkpoint = current.checkpoint;
      startOfBatch();
      for (const event of events) {
        if (event.globalPosition <= checkpoint) continue;
        this.apply(event);
        checkpoint = event.globalPosition;
      }
      endOfBatch();
      if (checkpoint !== current.checkpoint) catalog.setCheckpoint(projection.name, generation, checkpoint);
      return true;
    });
    // IMMEDIATE: take the write lock before reading the catalog, so a swap by another process cannot
    // slip in between the check and the writes.
    this.writeBatch = (events) => transaction.immediate(events);

    const rebuildFold = projection.rebuildFold;
    if (rebuildFold === undefined) return;
    const writeFolded = rebuildFold.writer(db, tableNamesFor(projection, generation));
    const foldedTransaction = db.transaction((after: number, last: number, folded: unknown): boolean => {
      const current = catalog.get(projection.name, generation);
      if (current === undefined || current.state !== expected) return false;
      // A folded batch cannot be applied in part, as a batch of events can: it must follow the checkpoint.
      if (current.checkpoint !== after)
        throw new Error(
          `A folded batch of ${projection.name} after position ${after} does not follow its checkpoint ${current.checkpoint}`,
        );
      writeFolded(folded);
      catalog.setCheckpoint(projection.name, generation, last);
      return true;
    });
    this.writeFoldedBatch = (after, last, folded) => foldedTransaction.immediate(after, last, folded);
  }

  /** False, writing nothing, when the generation is gone or no longer in the expected state. */
  write(events: readonly RecordedEvent[]): boolean {
    if (events.length === 0) return true;
    return this.writeBatch(events);
  }

  /**
   * What the projection's RebuildFold made of the events after `after` up to `last`, in one
   * transaction with the checkpoint `last`, as `write` would have made of them; false, writing nothing,
   * when the generation is gone or no longer in the expected state.
   */
  writeFolded(after: number, last: number, folded: unknown): boolean {
    if (this.writeFoldedBatch === undefined) throw new Error(`The projection ${this.projectionName} has no rebuild fold`);
    return this.writeFoldedBatch(after, last, folded);
  }
}
