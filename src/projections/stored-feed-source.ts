import { map } from 'rxjs';
import type { ReadAllOptions, RecordedEvent, StoredFeedAddress } from '../ledger/event-store.port.js';
import type { StoredEvent } from '../ledger/ledger-source.js';
import { openFeedText, openStoredFeed } from '../ledger/open-stored-feed.js';
import type { ProjectionSource } from './projection-source.js';

/**
 * The store's events read from its file in this thread (the projections' worker): the feed as the
 * store's own subscribeToAll gives it, parsed from the stored JSON text, and its head. `storedFeed`
 * is the same file, so a rebuild started here reads it in a thread of its own as it does in the service.
 */
export class StoredFeedSource implements ProjectionSource {
  private readonly feed;
  private readonly text;

  constructor(
    readonly storedFeed: StoredFeedAddress,
    options: { readonly pollMs?: number } = {},
  ) {
    this.feed = openStoredFeed(storedFeed, options);
    this.text = openFeedText(storedFeed);
  }

  subscribeToAll(after = 0) {
    return this.feed.subscribe(after).pipe(map(recordedEventOf));
  }

  headPosition(): Promise<number> {
    return this.feed.headPosition();
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> {
    const batchSize = options.batchSize ?? 1000;
    let after = options.after ?? 0;
    for (;;) {
      const batch = this.text.batchAfter(after, batchSize);
      if (batch === null) return;
      after = batch.last;
      yield JSON.parse(batch.json) as RecordedEvent[];
      if (batch.count < batchSize) return;
    }
  }

  async close(): Promise<void> {
    this.feed.close();
    await this.text.close();
  }
}

/** The event as the store's own reads give it: the same fields in the same order, data and metadata parsed. */
export function recordedEventOf(stored: StoredEvent): RecordedEvent {
  return {
    eventId: stored.eventId,
    streamId: stored.streamId,
    streamRevision: stored.streamRevision,
    globalPosition: stored.globalPosition,
    type: stored.type,
    schemaVersion: stored.schemaVersion,
    data: JSON.parse(stored.dataJson) as RecordedEvent['data'],
    metadata: JSON.parse(stored.metadataJson) as RecordedEvent['metadata'],
    recordedAt: stored.recordedAt,
    previousHash: stored.previousHash,
    hash: stored.hash,
  };
}
