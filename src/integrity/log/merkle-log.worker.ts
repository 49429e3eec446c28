import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { eventFieldsOf, type EventRow } from '../../ledger/sqlite/sqlite-event-row.js';
import { storedEventLeafHash } from './leaf-encoding.js';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM, MerkleLog, type NewLeaf } from './merkle-log.js';
import type { FollowerMessage, FollowerWorkerData } from './worker-merkle-log-follower.js';

/**
 * The Merkle log's follower in its own thread, for the embedded store: a read-only connection to
 * events.db and a write connection to integrity.db, so hashing and logging take no CPU from the
 * thread that appends. Rows are hashed as stored: the store keeps data and metadata in canonical JSON,
 * so the leaf is built from those strings without parsing and re-encoding them (the same bytes as
 * eventLeafHash gives for the parsed event; `ledger verify` recomputes it from the parsed event).
 */
const BATCH = 2000;
const { eventsFile, integrityFile, pollMs } = workerData as FollowerWorkerData;
const port = parentPort!;
const post = (message: FollowerMessage): void => port.postMessage(message);
const events = new Database(eventsFile, { readonly: true, fileMustExist: true });
events.pragma('busy_timeout = 5000');
const log = new MerkleLog(integrityFile);
const selectAfter = events.prepare<[number, number], EventRow>(
  'SELECT * FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
);
let stopped = false;
let dataVersion = -1;
let timer: NodeJS.Timeout | undefined;

function leafOf(row: EventRow): NewLeaf {
  const event = eventFieldsOf(row);
  return {
    globalPosition: row.global_position,
    eventId: row.event_id,
    leafHash: storedEventLeafHash(event, row.data, row.metadata),
    isCheckpoint: row.stream_id === CHECKPOINT_STREAM && row.type === CHECKPOINT_EVENT_TYPE,
  };
}

/** Logs everything after the log's position, a batch at a time; then waits for the file to change. */
function pump(): void {
  if (stopped) return;
  let full = false;
  try {
    const version = events.pragma('data_version', { simple: true }) as number;
    if (version !== dataVersion) {
      const rows = selectAfter.all(log.position, BATCH);
      if (rows.length > 0) {
        const leaves = rows.map(leafOf);
        log.appendLeaves(leaves);
        post({
          type: 'appended',
          treeSize: log.size,
          position: log.position,
          ordinary: leaves.filter((leaf) => !leaf.isCheckpoint).length,
        });
      }
      full = rows.length === BATCH;
      if (!full) dataVersion = version; // caught up with this version of the file
    }
  } catch (error) {
    post({ type: 'failed', error: (error as Error).message });
  }
  timer = setTimeout(pump, full ? 0 : pollMs);
}

post({ type: 'started', treeSize: log.size, position: log.position });
pump();

port.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  stopped = true;
  clearTimeout(timer);
  events.close();
  log.close();
  post({ type: 'stopped' });
  port.close();
});
