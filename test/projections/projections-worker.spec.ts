import type Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NewEvent } from '../../src/ledger/event-store.port.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';
import { GenerationCatalog } from '../../src/projections/generation-catalog.js';
import { tableNamesFor } from '../../src/projections/projection.js';
import { ProjectionEngine } from '../../src/projections/projection-engine.js';
import { openReadModels } from '../../src/projections/read-models.database.js';
import { StoredFeedSource } from '../../src/projections/stored-feed-source.js';
import { newEvent } from '../support/new-events.js';

const projectRoot = resolve(import.meta.dirname, '..', '..');
/**
 * The compiled worker, as the service runs it (npm test builds first). Not the sources through the
 * TypeScript loader: on Node 20 a worker started with loader hooks runs its setImmediate callbacks only
 * when a message arrives, so the followers' batches would wait for the next status request.
 */
const COMPILED_WORKER = join(projectRoot, 'dist', 'projections', 'projections.worker.js');
const compiled = { workerUrl: pathToFileURL(COMPILED_WORKER) };
beforeAll(() => {
  if (!existsSync(COMPILED_WORKER)) throw new Error(`${COMPILED_WORKER} is missing: run "npm run build" first (npm test does).`);
});

const receipt = {
  caseId: 'c-1',
  unitId: 'gia-tan',
  category: 'reflection',
  channel: 'letter',
  summary: 'Ô nhiễm môi trường',
  reporter: { name: 'Nguyễn Văn Bí Mật' },
  sourceVisitId: null,
  referredFromUnitId: null,
};
const caseHistory: NewEvent[] = [
  newEvent('CaseReceived', receipt),
  newEvent('CaseAcknowledged', { note: 'Đã tiếp nhận' }),
  newEvent('CaseClassified', { classification: 'within-authority', reason: 'Thuộc thẩm quyền xã' }),
  newEvent('CaseActionRecorded', { description: 'Kiểm tra hiện trường lần 1' }),
];

/** Every row of every live table of every projection, as text: what the two engines must agree on to the byte. */
function everyLiveRow(db: Database.Database): string {
  const catalog = new GenerationCatalog(db);
  const rows: Record<string, unknown> = {};
  for (const projection of ALL_PROJECTIONS) {
    const live = catalog.live(projection.name);
    rows[projection.name] = live && {
      checkpoint: live.checkpoint,
      tables: Object.fromEntries(
        Object.entries<string>(tableNamesFor(projection, live.generation)).map(([table, name]) => [
          table,
          db
            .prepare(`SELECT * FROM "${name}"`)
            .all()
            .map((row) => JSON.stringify(row))
            .sort(),
        ]),
      ),
    };
  }
  return JSON.stringify(rows);
}

/** The service's arrangement for the embedded store: the projections in a worker thread, with their own connections. */
describe('the projections fed from a worker thread', () => {
  let folder: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-projections-worker-'));
    store = new SqliteEventStore(join(folder, 'events.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });
  /** The engine as the built service runs it: its projections applied by the compiled worker into read-models.db. */
  const engineInWorker = (db: ReturnType<typeof openReadModels>) =>
    new ProjectionEngine(
      db,
      store,
      ALL_PROJECTIONS,
      {},
      { feed: store.storedFeed, readModelsFile: join(folder, 'read-models.db'), ...compiled },
    );

  it('writes the same rows and checkpoints as the engine in this thread, and a waiter reads its write', async () => {
    await store.append('case-c-1', caseHistory.slice(0, 2), 'no-stream');
    const inWorkerDb = openReadModels(join(folder, 'read-models.db'));
    const inThreadDb = openReadModels(join(folder, 'in-thread.db'));
    const inWorker = engineInWorker(inWorkerDb);
    const inThread = new ProjectionEngine(inThreadDb, store, ALL_PROJECTIONS);
    inWorker.start();
    inThread.start();
    try {
      const { lastGlobalPosition: position } = await store.append('case-c-1', caseHistory.slice(2), 1);
      for (const projection of ALL_PROJECTIONS) {
        expect(await inWorker.waitFor(projection.name, position, 10_000)).toBe(true);
        expect(await inThread.waitFor(projection.name, position, 10_000)).toBe(true);
      }
      expect(inWorker.checkpointOf('lists')).toBe(4);
      expect(everyLiveRow(inWorkerDb)).toBe(everyLiveRow(inThreadDb));
      expect(everyLiveRow(inWorkerDb)).toContain('Ô nhiễm môi trường');

      const statuses = await inWorker.status();
      expect(statuses.map((status) => [status.name, status.state, status.checkpoint, status.lastError])).toEqual(
        ALL_PROJECTIONS.map((projection) => [projection.name, 'live', 4, null]),
      );
    } finally {
      await inWorker.stop();
      await inThread.stop();
      inWorkerDb.close();
      inThreadDb.close();
    }
  });

  it('says the projections are stopped once the worker is, and a waiter gives up at once', async () => {
    const db = openReadModels(join(folder, 'read-models.db'));
    const engine = engineInWorker(db);
    engine.start();
    await engine.stop();
    const started = Date.now();
    expect(await engine.waitFor('lists', 1, 200)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(new Set((await engine.status()).map((status) => status.state))).toEqual(new Set(['stopped']));
    db.close();
  });
});

describe('the store read from its file in another thread', () => {
  it('gives each event as the store itself does, field for field and in the same order', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ledger-stored-feed-source-'));
    const store = new SqliteEventStore(join(folder, 'events.db'));
    const source = new StoredFeedSource(store.storedFeed);
    try {
      await store.append('case-c-1', caseHistory, 'no-stream');
      const byTheStore: unknown[] = [];
      for await (const batch of store.readAll({ batchSize: 3 })) byTheStore.push(...batch);
      const byTheFile: unknown[] = [];
      for await (const batch of source.readAll({ batchSize: 3 })) byTheFile.push(...batch);
      const followed: unknown[] = [];
      const subscription = source.subscribeToAll(0).subscribe((event) => followed.push(event));
      for (let attempt = 0; attempt < 100 && followed.length < caseHistory.length; attempt++)
        await new Promise((done) => setTimeout(done, 10));
      subscription.unsubscribe();
      expect(byTheStore).toHaveLength(4);
      expect(JSON.stringify(byTheFile)).toBe(JSON.stringify(byTheStore));
      expect(JSON.stringify(followed)).toBe(JSON.stringify(byTheStore));
      expect(await source.headPosition()).toBe(4);
    } finally {
      await source.close();
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
