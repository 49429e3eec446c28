import type { EventStore } from '../ledger/event-store.port.js';

/**
 * What following and rebuilding a projection read of the store: the feed, its head, all of it in
 * order, and where another thread can read it. The store itself, or the store's file opened in the
 * projections' worker thread.
 */
export type ProjectionSource = Pick<EventStore, 'subscribeToAll' | 'headPosition' | 'readAll' | 'storedFeed'>;
