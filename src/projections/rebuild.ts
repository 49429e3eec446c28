import type Database from 'better-sqlite3';
import { GenerationCatalog } from './generation-catalog.js';
import { GenerationWriter } from './generation-writer.js';
import type { ProjectionSource } from './projection-source.js';
import { tableNamesFor, type Projection } from './projection.js';
import { openFeedReader, type ReaderThread } from './threaded-feed-reader.js';

export interface RebuildProgress {
  readonly projection: string;
  /** Events applied so far. */
  readonly done: number;
  /** Global position reached, and the store's head when last asked (dense in the embedded store, so a count of events there). */
  readonly position: number;
  readonly head: number;
}

export interface RebuildResult {
  readonly projection: string;
  readonly generation: number;
  readonly events: number;
  readonly position: number;
}

export interface RebuildOptions {
  readonly batchSize?: number;
  readonly now?: () => Date;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /**
   * Who reads the feed: by default a worker thread when the store's file can be read from one (the
   * embedded store), so reading and applying overlap on two cores, folding there too when the projection
   * has a RebuildFold; 'in-thread' for the store's readAll, every batch applied by the projection's applier.
   */
  readonly reader?: ReaderThread | 'in-thread';
}

/**
 * Builds a projection from position 0 into a new generation of tables, beside the live one, which
 * keeps serving (and keeps being fed by the service) meanwhile. When the new generation has read the
 * whole feed it becomes live in one transaction and the old tables are dropped; the service notices
 * (it reads projection_generations) and goes on feeding the new generation from its checkpoint.
 * A generation left half-built by a crashed rebuild is dropped first.
 */
export async function rebuildProjection(
  db: Database.Database,
  store: ProjectionSource,
  projection: Projection,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const catalog = new GenerationCatalog(db);
  const now = options.now ?? (() => new Date());
  const generation = db
    .transaction(() => {
      const abandoned = catalog.building(projection.name);
      if (abandoned) catalog.discard(projection, abandoned.generation);
      return catalog.create(projection, 'building', now());
    })
    .immediate().generation;
  const writer = new GenerationWriter(db, catalog, projection, generation, 'building');
  const superseded = (): Error =>
    new Error(`The rebuild of ${projection.name} was superseded: generation ${generation} is gone (another rebuild started?)`);

  let position = 0;
  let done = 0;
  const reader = openFeedReader(store, options.batchSize ?? 2000, options.reader, projection.rebuildFold);
  try {
    for (;;) {
      // Events appended while this pass ran are read by the next one; swap only once a pass finds none.
      const head = await store.headPosition();
      let readThisPass = 0;
      for await (const batch of reader.read(position, head)) {
        const written = batch.kind === 'events' ? writer.write(batch.events) : writer.writeFolded(batch.after, batch.last, batch.folded);
        if (!written) throw superseded();
        const count = batch.kind === 'events' ? batch.events.length : batch.count;
        position = batch.kind === 'events' ? batch.events[batch.events.length - 1].globalPosition : batch.last;
        done += count;
        readThisPass += count;
        options.onProgress?.({ projection: projection.name, done, position, head: Math.max(position, head) });
      }
      if (readThisPass === 0) break;
    }
  } finally {
    await reader.close();
  }
  db.transaction(() => {
    if (catalog.get(projection.name, generation)?.state !== 'building') throw superseded();
    // Built from the finished tables in one pass each (a sort), in the swap's transaction: the
    // generation never goes live without them.
    projection.indexes?.(db, tableNamesFor(projection, generation));
    catalog.swap(projection, generation);
  }).immediate();
  return { projection: projection.name, generation, events: done, position };
}
