import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventStore } from '../../src/ledger/event-store.port.js';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';
import { ProjectionEngine } from '../../src/projections/projection-engine.js';
import { openReadModels } from '../../src/projections/read-models.database.js';

export interface CatchUpFigures {
  readonly projections: number;
  readonly events: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** Events of the feed over the time until every projection had applied the head. */
  readonly perSecond: number;
}

/**
 * What the service does on a fresh read-models file: the engine starts every projection at once, each
 * following the feed from position 0 through its runner (subscription, buffer, batches of the runner's
 * size, one transaction per batch), until all have applied the head. This is the path the feed
 * follower carries; `rebuildProjection` reads the feed with readAll instead.
 */
export async function engineCatchUp(
  folder: string,
  store: EventStore,
  file = 'catch-up-read-models.db',
  names?: readonly string[],
): Promise<CatchUpFigures> {
  const projections = names ? ALL_PROJECTIONS.filter((projection) => names.includes(projection.name)) : ALL_PROJECTIONS;
  const db = openReadModels(join(folder, file));
  const engine = new ProjectionEngine(db, store, projections);
  const head = await store.headPosition();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  engine.start();
  try {
    for (const projection of projections) {
      if (!(await engine.waitFor(projection.name, head, 30 * 60_000)))
        throw new Error(`${projection.name} did not catch up with ${head} within 30 minutes`);
    }
  } finally {
    engine.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  db.close();
  return {
    projections: projections.length,
    events: head,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    perSecond: head / seconds,
  };
}
