import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { GenerationCatalog } from '../../src/projections/generation-catalog.js';
import { GenerationWriter } from '../../src/projections/generation-writer.js';
import { tableNamesFor, type Projection, type TableNames } from '../../src/projections/projection.js';
import { openReadModels } from '../../src/projections/read-models.database.js';

/**
 * One projection on `:memory:`, fed the way the engine feeds it: a live generation, the writer's
 * transactions and checkpoint. A test gives it literal recorded events (`given`), in one batch or
 * several, then asks its query on `db`. The same path as production, so what a projection test sees
 * is what the running service would write.
 */
export interface ProjectionOnMemory<Table extends string> {
  readonly db: Database.Database;
  /** Writes each batch in its own transaction; fails the test when the writer refuses one. */
  given(...batches: (RecordedEvent | readonly RecordedEvent[])[]): void;
  /** The physical table names of the live generation (created by the first `given`, or now). */
  tables(): TableNames<Table>;
  /** Every row of one of its tables, in the order given (SQL), for tests of what is stored. */
  rows(table: Table, orderBy?: string): unknown[];
  close(): void;
}

export function projectionOnMemory<Table extends string>(
  projection: Projection<Table>,
  createdAt = new Date('2025-01-01T00:00:00Z'),
): ProjectionOnMemory<Table> {
  const db = openReadModels(':memory:');
  const catalog = new GenerationCatalog(db);
  let generation: number | undefined;
  const live = (): number => (generation ??= db.transaction(() => catalog.create(projection, 'live', createdAt))().generation);
  const tables = () => tableNamesFor(projection, live());
  return {
    db,
    given(...batches) {
      // A bare event is a batch of its own only when the caller mixes shapes; consecutive bare events form one batch.
      const grouped: RecordedEvent[][] = [];
      let loose: RecordedEvent[] | undefined;
      for (const item of batches) {
        if (Array.isArray(item)) {
          loose = undefined;
          grouped.push([...(item as readonly RecordedEvent[])]);
        } else {
          if (loose === undefined) grouped.push((loose = []));
          loose.push(item as RecordedEvent);
        }
      }
      for (const batch of grouped) expect(new GenerationWriter(db, catalog, projection, live(), 'live').write(batch)).toBe(true);
    },
    tables,
    rows(table, orderBy) {
      return db.prepare(`SELECT * FROM "${tables()[table]}"${orderBy ? ` ORDER BY ${orderBy}` : ''}`).all();
    },
    close() {
      db.close();
    },
  };
}
