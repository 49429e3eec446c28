import { parentPort, workerData } from 'node:worker_threads';
import type { StoredEvent } from '../../ledger/ledger-source.js';
import { openStoredFeed } from '../../ledger/open-stored-feed.js';
import { FeedFollower } from '../../projections/feed-follower.js';
import { storedEventLeafHash } from './leaf-encoding.js';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM, MerkleLog, type NewLeaf } from './merkle-log.js';
import type { FollowerMessage, FollowerWorkerData } from './worker-merkle-log-follower.js';

/**
 * The Merkle log's follower in its own thread, for a store whose events another thread can read (the
 * embedded store's file, read-only): its own connection to the events and a write connection to
 * integrity.db, so hashing and logging take no CPU from the thread that appends. Events are hashed as
 * stored: the store keeps data and metadata in canonical JSON, so the leaf is built from those strings
 * without parsing and re-encoding them (the same bytes as eventLeafHash gives for the parsed event;
 * `ledger verify` recomputes it from the parsed event). The following itself is the projections'
 * FeedFollower: batches, retry with backoff from the log's own position.
 */
const BATCH = 2000;
const { feed: address, integrityFile, eventIndex, pollMs } = workerData as FollowerWorkerData;
const port = parentPort!;
const post = (message: FollowerMessage): void => port.postMessage(message);
const feed = openStoredFeed(address, { pollMs });
const log = new MerkleLog(integrityFile, { eventIndex });

function leafOf(event: StoredEvent): NewLeaf {
  return {
    globalPosition: event.globalPosition,
    eventId: event.eventId,
    leafHash: storedEventLeafHash(event, event.dataJson, event.metadataJson),
    isCheckpoint: event.streamId === CHECKPOINT_STREAM && event.type === CHECKPOINT_EVENT_TYPE,
  };
}

const follower = new FeedFollower<StoredEvent>(
  feed,
  {
    open: () => log.position,
    position: () => log.position,
    write: (events) => {
      const leaves = events.map(leafOf);
      log.appendLeaves(leaves);
      post({ type: 'appended', treeSize: log.size, position: log.position, ordinary: leaves.filter((leaf) => !leaf.isCheckpoint).length });
      return true;
    },
  },
  { batchSize: BATCH, retryAfterMs: 200, maxRetryAfterMs: 10_000, onFailed: (error) => post({ type: 'failed', error }) },
);

post({ type: 'started', treeSize: log.size, position: log.position });
follower.start();

port.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  follower.stop();
  feed.close();
  log.close();
  post({ type: 'stopped' });
  port.close();
});
