import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { auditTrailProjection } from '../../src/audit/audit-trail.projection.js';
import { AuditTrailQuery } from '../../src/audit/audit-trail.query.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { ProjectionEngine } from '../../src/projections/projection-engine.js';
import { openReadModels, readModelsPath } from '../../src/projections/read-models.database.js';
import { newEvent } from '../support/new-events.js';
import { runLedgerCli, type Ran } from '../support/run-ledger-cli.js';

/** `ledger <args>` on a data folder. */
function ledger(args: readonly string[], dataDir: string): Promise<Ran> {
  return runLedgerCli(args, { LEDGER_DATA_DIR: dataDir });
}

describe('ledger rebuild', () => {
  let folder: string;
  let store: SqliteEventStore;
  let db: Database.Database;
  let engine: ProjectionEngine;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
    store = new SqliteEventStore(join(folder, 'events.db'), { externalChangePollMs: 20 });
    db = openReadModels(readModelsPath(folder));
    engine = new ProjectionEngine(db, store, [auditTrailProjection], { swapCheckMs: 20 });
  });
  afterEach(async () => {
    engine.stop();
    await store.close();
    db.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('rebuilds the audit trail beside the running service, swaps it in, and the service follows the new generation', async () => {
    for (let index = 0; index < 20; index++)
      await store.append(`case-${index}`, [newEvent('CaseReceived', { index }), newEvent('CaseAcknowledged', {})], 'no-stream');
    engine.start(); // the "service": same data folder, feeding generation 1
    expect(await engine.waitFor('audit-trail', 40, 2000)).toBe(true);

    const running = ledger(['rebuild', 'audit-trail'], folder);
    await store.append('case-late', [newEvent('CaseReceived', {})], 'no-stream'); // while the rebuild runs
    const ran = await running;

    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(
      /^audit-trail: rebuilt 4[01] events in \d+\.\d s \([\d,]+ events\/s\); generation 2 is live at position 4[01]\n$/m,
    );
    await store.append('case-after', [newEvent('CaseReceived', {})], 'no-stream');
    expect(await engine.waitFor('audit-trail', 42, 2000)).toBe(true);
    expect(await engine.status()).toEqual([expect.objectContaining({ generation: 2, checkpoint: 42, lag: 0, building: null })]);
    const entries = new AuditTrailQuery(db).find({ after: 0, limit: 100 }).entries;
    expect(entries.map((entry) => entry.globalPosition)).toEqual(Array.from({ length: 42 }, (_, index) => index + 1));
  }, 90_000);

  it('refuses an unknown projection with exit code 2, naming the known ones', async () => {
    const ran = await ledger(['rebuild', 'no-such-view'], folder);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/^There is no projection "no-such-view"\. Known projections: audit-trail(, [a-z0-9-]+)*\.\n$/);
  }, 90_000);
});
