import { parentPort, workerData } from 'node:worker_threads';
import { ALL_PROJECTIONS } from './all-projections.js';
import { ProjectionEngine } from './projection-engine.js';
import type { ProjectionsWorkerData, ProjectionsWorkerMessage, ProjectionsWorkerRequest } from './projections-worker-client.js';
import { openReadModels } from './read-models.database.js';
import { StoredFeedSource } from './stored-feed-source.js';

/**
 * Every projection in its own thread, for a store whose events another thread can read (the embedded
 * store's file, read-only): its own connection to the events and a write connection to the read
 * models' file, so applying events takes no time from the thread that answers requests. The engine is
 * the one the service runs in process otherwise: the same followers, batches, retries and rebuilds.
 */
const { feed, readModelsFile, pollMs } = workerData as ProjectionsWorkerData;
const port = parentPort!;
const post = (message: ProjectionsWorkerMessage): void => port.postMessage(message);
const db = openReadModels(readModelsFile);
const source = new StoredFeedSource(feed, { pollMs });
const engine = new ProjectionEngine(db, source, ALL_PROJECTIONS, {
  onWritten: (projection, position) => post({ type: 'written', projection, position }),
});
engine.start();

port.on('message', (request: ProjectionsWorkerRequest) => {
  if (request.type === 'status') {
    void engine.status().then((statuses) => post({ type: 'status', id: request.id, statuses }));
    return;
  }
  void engine.stop().then(async () => {
    await source.close();
    db.close();
    post({ type: 'stopped' });
    port.close();
  });
});
