import type { FeedText, StoredFeed, StoredFeedAddress } from './ledger-source.js';
import { SqliteLedgerFile } from './sqlite/sqlite-ledger-file.js';

/** Opens, in this thread, the feed another thread's store named (EventStore.storedFeed). */
export function openStoredFeed(address: StoredFeedAddress, options: { readonly pollMs?: number } = {}): StoredFeed {
  switch (address.adapter) {
    case 'sqlite':
      return new SqliteLedgerFile(address.file, options);
    default:
      throw new Error(`No stored feed for the ${(address as { adapter: string }).adapter} adapter`);
  }
}

/** Opens, in this thread, the named feed as JSON text (a rebuild's reader thread). */
export function openFeedText(address: StoredFeedAddress): FeedText {
  switch (address.adapter) {
    case 'sqlite':
      return new SqliteLedgerFile(address.file);
    default:
      throw new Error(`No feed text for the ${(address as { adapter: string }).adapter} adapter`);
  }
}
