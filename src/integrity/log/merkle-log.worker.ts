import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '../../ledger/sqlite/sqlite-event-store.js';
import { isCheckpointEvent } from '../checkpoint/checkpointer.js';
import { MerkleLog } from './merkle-log.js';
import { MerkleLogFollower } from './merkle-log-follower.js';
import type { FollowerMessage, FollowerWorkerData } from './worker-merkle-log-follower.js';

/**
 * The Merkle log's follower in its own thread, for the embedded store: its own read connection to
 * events.db (through the same port and the same follower as in-process), its own write connection to
 * integrity.db, so hashing and logging never take CPU from the thread that appends.
 */
const { eventsFile, integrityFile, pollMs } = workerData as FollowerWorkerData;
const port = parentPort!;
const store = new SqliteEventStore(eventsFile, { externalChangePollMs: pollMs });
const log = new MerkleLog(integrityFile);
const post = (message: FollowerMessage): void => port.postMessage(message);
const follower = new MerkleLogFollower(log, store, {
  onAppended: (events) => post({ type: 'appended', treeSize: log.size, position: log.position, ordinary: events.filter((event) => !isCheckpointEvent(event)).length }),
  onFailed: (error) => post({ type: 'failed', error }),
});
follower.start();
post({ type: 'started', treeSize: log.size, position: log.position });

port.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  follower.stop();
  void store.close().then(() => {
    log.close();
    post({ type: 'stopped' });
    port.close();
  });
});
