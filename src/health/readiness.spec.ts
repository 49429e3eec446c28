import { HealthIndicatorService } from '@nestjs/terminus';
import type { IntegrityLog } from '../integrity/integrity-log.js';
import type { EventStore } from '../ledger/event-store.port.js';
import type { ProjectionEngine, ProjectionStatus } from '../projections/projection-engine.js';
import { Readiness } from './readiness.js';

const projection = (overrides: Partial<ProjectionStatus>): ProjectionStatus => ({
  name: 'audit-trail',
  version: 1,
  state: 'live',
  generation: 1,
  checkpoint: 100,
  headPosition: 100,
  lag: 0,
  building: null,
  lastError: null,
  ...overrides,
});

/** The readiness rules on a ledger whose head was at 100 when the service started. */
describe('readiness', () => {
  let head: number | Error;
  let statuses: ProjectionStatus[];
  let log: { state: 'following' | 'failed' | 'stopped'; position: number; lastError: string | null; checkpointError: string | null };
  let readiness: Readiness;

  beforeEach(async () => {
    head = 100;
    statuses = [projection({})];
    log = { state: 'following', position: 100, lastError: null, checkpointError: null };
    const store = {
      headPosition: async () => {
        if (head instanceof Error) throw head;
        return head;
      },
    } as unknown as EventStore;
    const engine = { status: async () => statuses } as unknown as ProjectionEngine;
    const integrity = {
      status: () => ({ ...log, treeSize: log.position }),
      log: { latestCheckpoint: () => ({ treeSize: 90, signedAt: '2026-03-01T00:00:00.000Z' }) },
    } as unknown as IntegrityLog;
    readiness = new Readiness(store, engine, integrity, new HealthIndicatorService());
    await readiness.onApplicationBootstrap();
    head = 120; // events arrived since the start
  });

  it('is ready when everything caught up with the ledger as it was at start, even a little behind the head since', async () => {
    statuses = [projection({ checkpoint: 110, lag: 10 })];
    log.position = 104;
    expect(await readiness.projections()).toEqual({ projections: expect.objectContaining({ status: 'up' }) });
    expect(await readiness.merkleLog()).toEqual({ merkleLog: expect.objectContaining({ status: 'up', caughtUp: true }) });
    expect(await readiness.checkpoints()).toEqual({
      checkpoints: { status: 'up', latest: { treeSize: 90, signedAt: '2026-03-01T00:00:00.000Z' }, lastError: null },
    });
    expect(await readiness.eventStore()).toEqual({ eventStore: { status: 'up', headPosition: 120 } });
  });

  it('is not ready while a projection has not reached the head of the start, has failed, or rebuilds', async () => {
    for (const behind of [
      projection({ state: 'catching-up', checkpoint: 99, lag: 21 }),
      projection({ state: 'failed', checkpoint: 110, lastError: 'disk I/O error' }),
      projection({ state: 'rebuilding', checkpoint: 110 }),
    ]) {
      statuses = [projection({ name: 'case-timelines', checkpoint: 120 }), behind];
      expect((await readiness.projections()).projections).toMatchObject({
        status: 'down',
        projections: [
          { name: 'case-timelines', caughtUp: true },
          { name: 'audit-trail', state: behind.state, checkpoint: behind.checkpoint },
        ],
      });
    }
  });

  it('is not ready while the Merkle log is behind the start or its follower failed', async () => {
    log.position = 99;
    expect((await readiness.merkleLog()).merkleLog).toMatchObject({ status: 'down', caughtUp: false });
    log = { ...log, position: 120, state: 'failed', lastError: "The Merkle log's worker exited" };
    expect((await readiness.merkleLog()).merkleLog).toMatchObject({ status: 'down', lastError: "The Merkle log's worker exited" });
  });

  it('is not ready when the last checkpoint could not be recorded, or the store does not answer', async () => {
    log.checkpointError = 'The checkpoint of tree size 120 is signed but could not be recorded in the ledger: disk full';
    expect((await readiness.checkpoints()).checkpoints).toMatchObject({ status: 'down', lastError: log.checkpointError });
    head = new Error('The event store is closed');
    expect(await readiness.eventStore()).toEqual({ eventStore: { status: 'down', message: 'The event store is closed' } });
  });
});
