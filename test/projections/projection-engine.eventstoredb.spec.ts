import type Database from 'better-sqlite3';
import { auditTrailProjection } from '../../src/audit/audit-trail.projection.js';
import { AuditTrailQuery } from '../../src/audit/audit-trail.query.js';
import { EventStoreDbEventStore } from '../../src/ledger/eventstoredb/eventstoredb-event-store.js';
import { ProjectionEngine } from '../../src/projections/projection-engine.js';
import { openReadModels } from '../../src/projections/read-models.database.js';
import { rebuildProjection } from '../../src/projections/rebuild.js';
import { startFakeEventStoreDb } from '../support/fake-eventstoredb/index.js';
import { newEvent } from '../support/new-events.js';

/** The same engine on EventStoreDB: positions are commit positions (not dense), the read models stay in a local SQLite file. */
describe('the projection engine over EventStoreDB (the fake gRPC server)', () => {
  let server: Awaited<ReturnType<typeof startFakeEventStoreDb>>;
  let store: EventStoreDbEventStore;
  let db: Database.Database;
  let engine: ProjectionEngine;

  beforeAll(async () => {
    server = await startFakeEventStoreDb();
    store = new EventStoreDbEventStore(server.connectionString);
    db = openReadModels(':memory:');
    engine = new ProjectionEngine(db, store, [auditTrailProjection], { swapCheckMs: 20 });
  });
  afterAll(async () => {
    engine.stop();
    await store.close();
    await server.stop();
    db.close();
  });

  it('catches up, follows live appends, and a rebuild gives the same entries', async () => {
    await store.append(
      'unit-xa-b',
      [newEvent('UnitRegistered', { unitId: 'xa-b' }), newEvent('UnitMerged', { intoUnitId: 'xa-a' })],
      'no-stream',
    );
    engine.start();
    await store.append('unit-xa-a', [newEvent('UnitRegistered', { unitId: 'xa-a' })], 'no-stream');
    const head = await store.headPosition();
    expect(await engine.waitFor('audit-trail', head, 5000)).toBe(true);
    const query = new AuditTrailQuery(db);
    const live = query.find({ after: 0, limit: 100, unitId: 'xa-a' });
    expect(live.entries.map((entry) => entry.type)).toEqual(['UnitRegistered', 'UnitMerged', 'UnitRegistered']);

    await rebuildProjection(db, store, auditTrailProjection);
    expect(query.find({ after: 0, limit: 100, unitId: 'xa-a' })).toEqual(live);
    expect(await engine.status()).toEqual([expect.objectContaining({ generation: 2, checkpoint: head, lag: 0 })]);
  });
});
