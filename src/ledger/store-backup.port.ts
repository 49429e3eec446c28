import type { StoreKind } from '../config/ledger.config.js';
import type { LedgerSource } from './ledger-source.js';

/**
 * What `ledger backup` and `ledger restore` need of the store the ledger is on, offered by each adapter
 * (openStoreBackup), so that the command line never asks which store it is. The embedded store's
 * answer is its file, copied with the data folder's other databases; EventStoreDB's answer is "my own
 * backup holds the events": nothing to copy locally, the head to record, the server to verify against.
 */
export interface StoreBackup {
  /** Recorded in a backup's manifest; a backup restores only onto the same kind. */
  readonly kind: StoreKind;
  /** The store's own files in the data folder a backup copies (each a database copied online, as the log and read models are); none for EventStoreDB. */
  readonly localFiles: readonly string[];
  /** Throws LedgerNotFoundError when there is no ledger here to back up. */
  assertPresent(): void;
  /**
   * What a backup in `folder` holds of the store: read from its copied files (the embedded store), or
   * the server's head when the backup started (EventStoreDB: `events` is then null, they are in its own backup).
   */
  contentsOf(folder: string, headAtStart: number | undefined): { readonly headPosition: number; readonly events: number | null };
  /** The server's head when the backup starts, where the copy cannot tell (EventStoreDB); undefined for the embedded store. */
  headAtStart(): Promise<number | undefined>;
  /** The restored ledger to verify: the copy staged in `folder`, or the server restored from its own backup. Close it after use. */
  openRestored(folder: string): Promise<LedgerSource>;
  /** True when a restore holds exactly the events the backup counted; false when it holds at least up to the recorded head. */
  readonly restoresExactly: boolean;
  /** Said when a restored ledger does not verify; null when the backup itself is all there is. */
  readonly restoreAdvice: string | null;
  close(): Promise<void>;
}

/** How messages name a store, for a manifest's kind too. */
export function storeName(kind: StoreKind): string {
  return kind === 'sqlite' ? 'the embedded store (events.db)' : 'EventStoreDB';
}
