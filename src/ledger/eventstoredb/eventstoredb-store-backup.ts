import type { EventStore } from '../event-store.port.js';
import type { LedgerSource } from '../ledger-source.js';
import type { StoreBackup } from '../store-backup.port.js';

/**
 * EventStoreDB's answer to a ledger backup: its events are in the server's own backup (a copy of its
 * database folder, or a managed snapshot), taken after the ledger's, so nothing of the store is copied
 * locally; the ledger backup records the head it started at, and a restore verifies against the
 * server, restored first, which must reach at least that head.
 */
export class EventStoreDbStoreBackup implements StoreBackup {
  readonly kind = 'eventstoredb';
  readonly localFiles: readonly string[] = [];
  readonly restoresExactly = false;
  readonly restoreAdvice = 'With EventStoreDB, restore its own backup first, one taken after this ledger backup (README, "Operations").';
  private store?: Promise<EventStore>;

  constructor(private readonly open: () => Promise<EventStore>) {}

  assertPresent(): void {}

  async headAtStart(): Promise<number> {
    return (await this.connected()).headPosition();
  }

  contentsOf(_folder: string, headAtStart: number | undefined): { headPosition: number; events: null } {
    return { headPosition: headAtStart ?? 0, events: null };
  }

  async openRestored(): Promise<LedgerSource> {
    return (await this.connected()).ledgerSource();
  }

  async close(): Promise<void> {
    if (this.store) await (await this.store).close();
  }

  private connected(): Promise<EventStore> {
    this.store ??= this.open();
    return this.store;
  }
}
