import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointSigner } from '../../src/integrity/checkpoint/checkpoint-signer.js';
import { IntegrityLog } from '../../src/integrity/integrity-log.js';
import { MerkleLog } from '../../src/integrity/log/merkle-log.js';
import { verifyLedger } from '../../src/integrity/verification/ledger-verifier.js';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';
import { EventStoreDbEventStore } from '../../src/ledger/eventstoredb/eventstoredb-event-store.js';
import { startFakeEventStoreDb } from '../support/fake-eventstoredb/index.js';
import { newEvent } from '../support/new-events.js';

/** Two instances, each with its own Merkle log file, on one EventStoreDB and one signing key. */
describe('checkpoints of two instances on one EventStoreDB', () => {
  let server: Awaited<ReturnType<typeof startFakeEventStoreDb>>;
  const folders: string[] = [];
  const stores: EventStoreDbEventStore[] = [];
  const logs: IntegrityLog[] = [];
  const key = generateKeyPairSync('ed25519').privateKey;
  let signer: CheckpointSigner;

  function instance(everyEvents: number): IntegrityLog {
    const folder = mkdtempSync(join(tmpdir(), 'ledger-two-checkpoints-'));
    const config = loadLedgerConfig({
      LEDGER_DATA_DIR: folder,
      LEDGER_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
      LEDGER_CHECKPOINT_EVERY_EVENTS: String(everyEvents),
      LEDGER_CHECKPOINT_EVERY_MINUTES: '0',
    });
    const store = new EventStoreDbEventStore(server.connectionString);
    signer = new CheckpointSigner(config.integrity.origin, key);
    const integrity = new IntegrityLog(new MerkleLog(join(folder, 'integrity.db'), { eventIndex: true }), store, signer, config);
    folders.push(folder);
    stores.push(store);
    logs.push(integrity);
    return integrity;
  }

  const caughtUp = async (integrity: IntegrityLog): Promise<void> => {
    expect(await integrity.follower.waitFor(await stores[0].headPosition(), 3000)).toBe(true);
  };

  beforeEach(async () => {
    server = await startFakeEventStoreDb();
  });
  afterEach(async () => {
    for (const integrity of logs.splice(0)) {
      await integrity.stop();
      integrity.log.close();
    }
    for (const store of stores.splice(0)) await store.close();
    await server.stop();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('both sign the same tree sizes, the store keeps each checkpoint once, and both serve the same ones', async () => {
    const a = instance(4);
    const b = instance(4);
    a.start();
    b.start();
    for (let index = 0; index < 13; index += 1) {
      await stores[index % 2].append(`case-${index}`, [newEvent()], 'no-stream');
      if (index % 3 === 0) await caughtUp(a); // the two followers see the feed in different batches
    }
    await caughtUp(a);
    await caughtUp(b);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the last checkpoints' own events reach both logs
    await caughtUp(a);
    await caughtUp(b);

    const recorded = (await stores[0].readStream('integrity-checkpoints')).map((event) => event.data.treeSize);
    expect(recorded).toEqual([...new Set(recorded)]);
    expect(recorded.length).toBeGreaterThanOrEqual(3);
    expect(recorded.every((size) => Number(size) % 4 === 0)).toBe(true);
    const notes = (integrity: IntegrityLog) => integrity.log.checkpoints().map((checkpoint) => checkpoint.note);
    expect(notes(a)).toEqual(notes(b));
    expect(notes(a)).toHaveLength(recorded.length);
    expect(a.latestCheckpoint().note).toBe(b.latestCheckpoint().note);
  });

  it('adopts a checkpoint signed on demand by the other instance, and signs nothing new of its own for it', async () => {
    const a = instance(0);
    const b = instance(0);
    a.start();
    b.start();
    await stores[0].append('case-1', [newEvent(), newEvent()], 'no-stream');
    const signed = await a.checkpointNow();
    await caughtUp(b);
    expect(b.latestCheckpoint()).toMatchObject({ treeSize: signed.treeSize, note: signed.note });
    expect(await b.checkpointNow()).toMatchObject({ note: signed.note }); // only the checkpoint's own event since
    expect(await stores[0].readStream('integrity-checkpoints')).toHaveLength(1);

    const report = await verifyLedger({ source: stores[1].ledgerSource(), verifierKey: signer.verifierKey });
    expect(report).toMatchObject({ ok: true, firstProblem: null });
  });
});
