import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointSigner } from '../../src/integrity/checkpoint/checkpoint-signer.js';
import type { IntervalTimer } from '../../src/integrity/checkpoint/checkpointer.js';
import { IntegrityLog } from '../../src/integrity/integrity-log.js';
import { MerkleLog } from '../../src/integrity/log/merkle-log.js';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { newEvent } from '../support/new-events.js';

/** The service verifies itself on a schedule, so the metrics show how recent and how good the last verification is. */
describe('the scheduled verification', () => {
  let folder: string;
  let store: SqliteEventStore;
  let integrity: IntegrityLog;
  const timer = { milliseconds: 0, tick: () => {}, cancelled: false };
  const intervals: IntervalTimer = {
    every(milliseconds, tick) {
      Object.assign(timer, { milliseconds, tick, cancelled: false });
      return { cancel: () => (timer.cancelled = true) };
    },
  };

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-verify-schedule-'));
    store = new SqliteEventStore(join(folder, 'events.db'));
    const config = loadLedgerConfig({ LEDGER_DATA_DIR: folder, LEDGER_CHECKPOINT_EVERY_EVENTS: '0', LEDGER_CHECKPOINT_EVERY_MINUTES: '0' });
    const signer = new CheckpointSigner('ledger.test/log', generateKeyPairSync('ed25519').privateKey);
    integrity = new IntegrityLog(new MerkleLog(join(folder, 'integrity.db')), store, signer, config, {
      verifyEveryMs: 3_600_000,
      intervals,
      now: () => new Date('2026-03-09T01:00:00Z'),
    });
    integrity.start();
  });
  afterEach(async () => {
    await integrity.stop();
    integrity.log.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const tick = async () => {
    timer.tick();
    await integrity.verify(); // the run the tick started
  };

  it('runs at the configured interval and keeps the last result, good or bad', async () => {
    expect(timer.milliseconds).toBe(3_600_000);
    expect(integrity.lastVerification).toBeNull();
    await store.append('case-1', [newEvent()], 'no-stream');
    await tick();
    expect(integrity.lastVerification).toMatchObject({ ok: false, eventsChecked: 1, finishedAt: new Date('2026-03-09T01:00:00Z') });
    expect(integrity.lastVerification!.problem).toContain('no checkpoint signed by ledger.test/log');

    await integrity.checkpointNow();
    await tick();
    expect(integrity.lastVerification).toMatchObject({ ok: true, eventsChecked: 2, problem: null });
    expect(integrity.verificationErrors).toBe(0);
  });

  it('counts a verification that could not run, and stops with the service', async () => {
    await store.close();
    timer.tick();
    await expect(integrity.verify()).rejects.toThrow('The event store is closed');
    expect(integrity.verificationErrors).toBe(1);
    expect(integrity.lastVerification).toBeNull();
    await integrity.stop();
    expect(timer.cancelled).toBe(true);
  });
});
