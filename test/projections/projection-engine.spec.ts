import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { auditTrailProjection } from '../../src/audit/audit-trail.projection.js';
import type { EventStore, RecordedEvent } from '../../src/ledger/event-store.port.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { GenerationCatalog } from '../../src/projections/generation-catalog.js';
import { GenerationWriter } from '../../src/projections/generation-writer.js';
import { tableNamesFor, type Projection } from '../../src/projections/projection.js';
import { ProjectionEngine } from '../../src/projections/projection-engine.js';
import { openReadModels } from '../../src/projections/read-models.database.js';
import { rebuildProjection } from '../../src/projections/rebuild.js';
import type { ReaderThread } from '../../src/projections/threaded-feed-reader.js';
import { newEvent } from '../support/new-events.js';
import { recorded } from './recorded-events.js';

const projectRoot = resolve(import.meta.dirname, '..', '..');
/** The rebuild's reader thread from the sources, as the service runs the compiled one. */
const readerThread: ReaderThread = {
  workerUrl: pathToFileURL(join(projectRoot, 'src/projections/feed-reader.worker.ts')),
  execArgv: ['--import', pathToFileURL(join(projectRoot, 'test/support/register-ts.mjs')).href],
};

/** Counts events per type; refuses any event of type Poison while `poisoned` is true. */
function countingProjection(state: { poisoned: boolean }): Projection<'counts'> {
  return {
    name: 'type-counts',
    version: 1,
    tables: ['counts'],
    schema: (db, tables) => db.exec(`CREATE TABLE "${tables.counts}" (type TEXT PRIMARY KEY, count INTEGER NOT NULL) STRICT`),
    applier: (db, tables) => {
      const bump = db.prepare(`INSERT INTO "${tables.counts}" VALUES (?, 1) ON CONFLICT (type) DO UPDATE SET count = count + 1`);
      return (event: RecordedEvent) => {
        bump.run(event.type);
        if (state.poisoned && event.type === 'Poison') throw new Error('cannot apply Poison');
      };
    },
  };
}

const liveRows = (db: Database.Database, projection: Projection): Record<string, unknown[]> => {
  const live = new GenerationCatalog(db).live(projection.name)!;
  const tables = tableNamesFor(projection, live.generation);
  return Object.fromEntries(
    Object.entries<string>(tables).map(([table, name]) => [table, db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]),
  );
};

describe('the projection engine', () => {
  describe('writing a batch', () => {
    let db: Database.Database;
    beforeEach(() => (db = openReadModels(':memory:')));
    afterEach(() => db.close());

    it('applies each event exactly once across a crash: a failing event rolls back the rows and the checkpoint of its batch', () => {
      const state = { poisoned: true };
      const projection = countingProjection(state);
      const catalog = new GenerationCatalog(db);
      const { generation } = db.transaction(() => catalog.create(projection, 'live', new Date()))();
      const writer = new GenerationWriter(db, catalog, projection, generation, 'live');
      writer.write([recorded(1, 'case-1', 0, 'CaseReceived'), recorded(2, 'case-1', 1, 'CaseAcknowledged')]);

      expect(() => writer.write([recorded(3, 'case-1', 2, 'CaseClassified'), recorded(4, 'case-1', 3, 'Poison')])).toThrow(
        'cannot apply Poison',
      );
      expect(catalog.live(projection.name)?.checkpoint).toBe(2);
      expect(liveRows(db, projection).counts).toEqual([
        { type: 'CaseAcknowledged', count: 1 },
        { type: 'CaseReceived', count: 1 },
      ]);

      // After the "restart" the feed is read again from the checkpoint, repeats included: each event counts once.
      state.poisoned = false;
      const restarted = new GenerationWriter(db, catalog, projection, generation, 'live');
      restarted.write([
        recorded(2, 'case-1', 1, 'CaseAcknowledged'),
        recorded(3, 'case-1', 2, 'CaseClassified'),
        recorded(4, 'case-1', 3, 'Poison'),
      ]);
      expect(catalog.live(projection.name)?.checkpoint).toBe(4);
      expect(liveRows(db, projection).counts).toEqual([
        { type: 'CaseAcknowledged', count: 1 },
        { type: 'CaseClassified', count: 1 },
        { type: 'CaseReceived', count: 1 },
        { type: 'Poison', count: 1 },
      ]);
    });
  });

  describe('running on a store', () => {
    let folder: string;
    let store: EventStore;
    const databases: Database.Database[] = [];
    const engines: ProjectionEngine[] = [];
    const openDb = (name: string): Database.Database => {
      const db = openReadModels(join(folder, name));
      databases.push(db);
      return db;
    };
    const startEngine = (db: Database.Database, projections: readonly Projection[], swapCheckMs = 20): ProjectionEngine => {
      const engine = new ProjectionEngine(db, store, projections, { swapCheckMs, retryAfterFailureMs: 20, batchSize: 50 });
      engines.push(engine);
      engine.start();
      return engine;
    };
    const appendCases = async (from: number, count: number): Promise<void> => {
      for (let index = from; index < from + count; index++) {
        await store.append(`case-${index % 7}`, [newEvent(index % 3 === 0 ? 'CaseAcknowledged' : 'CaseActionRecorded', { index })], 'any');
      }
    };

    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'ledger-projections-'));
      store = new SqliteEventStore(join(folder, 'events.db'));
    });
    afterEach(async () => {
      for (const engine of engines.splice(0)) engine.stop();
      await store.close();
      for (const db of databases.splice(0)) db.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('catches up from position 0, then follows live appends; reports lag and lets a reader wait for a position', async () => {
      await appendCases(0, 30);
      const engine = startEngine(openDb('read-models.db'), [auditTrailProjection]);
      expect(await engine.waitFor('audit-trail', 30, 2000)).toBe(true);
      await appendCases(30, 5);
      expect(await engine.waitFor('audit-trail', 35, 2000)).toBe(true);
      expect(await engine.status()).toEqual([
        expect.objectContaining({
          name: 'audit-trail',
          state: 'live',
          generation: 1,
          checkpoint: 35,
          headPosition: 35,
          lag: 0,
          lastError: null,
        }),
      ]);
      expect(await engine.waitFor('audit-trail', 99, 30)).toBe(false);
    });

    it('stops a projection at a failing event, reports it, and retries from its checkpoint', async () => {
      const state = { poisoned: true };
      const projection = countingProjection(state);
      await appendCases(0, 3);
      await store.append('case-x', [newEvent('Poison', {})], 'any');
      const db = openDb('read-models.db');
      const engine = startEngine(db, [projection]);
      // Poll until the engine has met the poisoned event (a fixed wait is too short on a loaded machine).
      let [failed] = await engine.status();
      for (let tries = 0; failed?.state !== 'failed' && tries < 200; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        [failed] = await engine.status();
      }
      expect(failed).toMatchObject({ state: 'failed', lastError: 'cannot apply Poison', checkpoint: 0, lag: 4 });
      state.poisoned = false;
      expect(await engine.waitFor(projection.name, 4, 2000)).toBe(true);
      expect(liveRows(db, projection).counts).toEqual([
        { type: 'CaseAcknowledged', count: 1 },
        { type: 'CaseActionRecorded', count: 2 },
        { type: 'Poison', count: 1 },
      ]);
    });

    it.each([
      ['in this thread', 'in-thread' as const],
      ['in a worker thread', readerThread],
    ])(
      'rebuilds aside, reading the feed %s, while events keep coming, swaps, and ends with exactly the rows the live build gave',
      async (_where, reader) => {
        await appendCases(0, 200);
        await store.append(
          'unit-xa-b',
          [newEvent('UnitRegistered', { unitId: 'xa-b' }), newEvent('UnitMerged', { intoUnitId: 'xa-a' })],
          'no-stream',
        );
        const reference = openDb('reference.db'); // never rebuilt
        const rebuilt = openDb('read-models.db');
        const referenceEngine = startEngine(reference, [auditTrailProjection]);
        const serviceEngine = startEngine(rebuilt, [auditTrailProjection]);
        expect(await serviceEngine.waitFor('audit-trail', 202, 2000)).toBe(true);

        // The rebuild reads in small batches while the service keeps appending and feeding generation 1.
        const appending = appendCases(1000, 150);
        const result = await rebuildProjection(rebuilt, store, auditTrailProjection, { batchSize: 25, reader });
        await appending;
        await store.append('unit-xa-a', [newEvent('UnitAbsorbed', { fromUnitId: 'xa-b' })], 'any');

        expect(result.generation).toBe(2);
        const head = await store.headPosition();
        expect(await serviceEngine.waitFor('audit-trail', head, 2000)).toBe(true);
        expect(await referenceEngine.waitFor('audit-trail', head, 2000)).toBe(true);
        expect(await serviceEngine.status()).toEqual([expect.objectContaining({ generation: 2, checkpoint: head, lag: 0 })]);
        const rows = liveRows(rebuilt, auditTrailProjection);
        expect(rows.entries).toHaveLength(head);
        expect(rows).toEqual(liveRows(reference, auditTrailProjection));
        // The old generation's tables are gone.
        expect(rebuilt.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'audit_trail_g1_%'").all()).toEqual([]);
      },
      90_000, // the worker from the sources compiles them first: seconds, more on a loaded machine
    );

    it('drops a generation left half-built by a crashed rebuild and builds a new one', async () => {
      await appendCases(0, 10);
      const db = openDb('read-models.db');
      const catalog = new GenerationCatalog(db);
      db.transaction(() => catalog.create(auditTrailProjection, 'live', new Date()))();
      db.transaction(() => catalog.create(auditTrailProjection, 'building', new Date()))(); // generation 2, abandoned
      const result = await rebuildProjection(db, store, auditTrailProjection);
      expect(result).toEqual({ projection: 'audit-trail', generation: 2, events: 10, position: 10 });
      expect(catalog.live('audit-trail')).toMatchObject({ generation: 2, checkpoint: 10 });
      expect(catalog.building('audit-trail')).toBeUndefined();
    });

    it('gives a rebuilt generation its query indexes before it goes live, and a live one at once', async () => {
      await appendCases(0, 10);
      const db = openDb('read-models.db');
      const indexed: Projection = {
        ...auditTrailProjection,
        indexes: (into, tables) => into.exec(`CREATE INDEX "${tables.entries}_by_type" ON "${tables.entries}" (type)`),
      };
      const indexesOf = (generation: number): unknown[] =>
        db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE ? || '%_by_type'")
          .pluck()
          .all(`audit_trail_g${generation}_`);
      const catalog = new GenerationCatalog(db);
      db.transaction(() => catalog.create(indexed, 'live', new Date()))();
      expect(indexesOf(1)).toEqual(['audit_trail_g1_entries_by_type']);

      let indexedWhileBuilding: unknown[] = [];
      await rebuildProjection(db, store, indexed, { onProgress: () => (indexedWhileBuilding = indexesOf(2)) });
      expect(indexedWhileBuilding).toEqual([]);
      expect(catalog.live('audit-trail')).toMatchObject({ generation: 2, checkpoint: 10 });
      expect(indexesOf(2)).toEqual(['audit_trail_g2_entries_by_type']);
    });

    it('rebuilds aside by itself when a projection comes with a new version', async () => {
      await appendCases(0, 10);
      const db = openDb('read-models.db');
      startEngine(db, [auditTrailProjection]).stop();
      const upgraded = startEngine(db, [{ ...auditTrailProjection, version: 2 }]);
      const deadline = Date.now() + 2000;
      while (new GenerationCatalog(db).live('audit-trail')?.version !== 2 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await upgraded.waitFor('audit-trail', 10, 2000)).toBe(true);
      expect(new GenerationCatalog(db).live('audit-trail')).toMatchObject({ version: 2, generation: 2, checkpoint: 10 });
    });
  });
});
