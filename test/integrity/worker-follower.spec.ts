import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';
import { CheckpointSigner } from '../../src/integrity/checkpoint/checkpoint-signer.js';
import { IntegrityLog } from '../../src/integrity/integrity-log.js';
import { MerkleLog } from '../../src/integrity/log/merkle-log.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { newEvent } from '../support/new-events.js';

const projectRoot = resolve(import.meta.dirname, '..', '..');

/** The service's arrangement for the embedded store: the follower in a worker thread, with its own connections. */
describe('the Merkle log fed from a worker thread', () => {
  let folder: string;
  let store: SqliteEventStore;
  let integrity: IntegrityLog;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-worker-follower-'));
    store = new SqliteEventStore(join(folder, 'events.db'));
    const config = loadLedgerConfig({
      LEDGER_DATA_DIR: folder,
      LEDGER_CHECKPOINT_EVERY_EVENTS: '10',
      LEDGER_CHECKPOINT_EVERY_MINUTES: '0',
    });
    const signer = new CheckpointSigner(config.integrity.origin, generateKeyPairSync('ed25519').privateKey);
    integrity = new IntegrityLog(new MerkleLog(join(folder, 'integrity.db')), store, signer, config, {
      worker: {
        workerUrl: pathToFileURL(join(projectRoot, 'src/integrity/log/merkle-log.worker.ts')),
        execArgv: ['--import', pathToFileURL(join(projectRoot, 'test/support/register-ts.mjs')).href],
      },
    });
  });
  afterAll(async () => {
    await integrity.stop();
    integrity.log.close();
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('logs what this thread appends, signs a checkpoint every 10 events, and the result verifies', async () => {
    await store.append('case-early', [newEvent(), newEvent()], 'no-stream');
    integrity.start();
    for (let index = 0; index < 12; index += 1) await store.append(`case-${index}`, [newEvent()], 'no-stream');
    expect(await integrity.follower.waitFor(await store.headPosition(), 10_000)).toBe(true);
    for (let attempt = 0; attempt < 100 && integrity.log.latestCheckpoint() === undefined; attempt += 1)
      await new Promise((done) => setTimeout(done, 20));
    expect(integrity.log.latestCheckpoint()?.treeSize).toBeGreaterThanOrEqual(10);
    const checkpoint = await integrity.checkpointNow();
    expect(checkpoint.treeSize).toBeGreaterThanOrEqual(14);
    expect(await integrity.follower.waitFor(await store.headPosition(), 10_000)).toBe(true);
    expect(integrity.status()).toMatchObject({ state: 'following', lastError: null, treeSize: await store.headPosition() });
    const [early] = await store.readStream('case-early');
    expect(integrity.log.hasEventIndex).toBe(false);
    expect(await integrity.inclusionProof(early.eventId, checkpoint.treeSize)).toMatchObject({ leafIndex: 0, globalPosition: 1 });
    const report = await integrity.verify();
    expect(report).toMatchObject({ ok: true, firstProblem: null });
  });
});
