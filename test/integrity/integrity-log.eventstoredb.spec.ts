import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointSigner, openCheckpoint } from '../../src/integrity/checkpoint/checkpoint-signer.js';
import { IntegrityLog } from '../../src/integrity/integrity-log.js';
import { parseVerifierKey } from '../../src/integrity/checkpoint/signed-note.js';
import { MerkleLog } from '../../src/integrity/log/merkle-log.js';
import { verifyInclusion } from '../../src/integrity/merkle/merkle-verification.js';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';
import { EventStoreDbEventStore } from '../../src/ledger/eventstoredb/eventstoredb-event-store.js';
import { startFakeEventStoreDb } from '../support/fake-eventstoredb/index.js';
import { newEvent } from '../support/new-events.js';

/** The same log over EventStoreDB: a follower of $all into integrity.db, positions are commit positions. */
describe('the Merkle log over EventStoreDB (the fake gRPC server)', () => {
  let server: Awaited<ReturnType<typeof startFakeEventStoreDb>>;
  let store: EventStoreDbEventStore;
  let folder: string;
  let integrity: IntegrityLog;

  beforeAll(async () => {
    server = await startFakeEventStoreDb();
    store = new EventStoreDbEventStore(server.connectionString);
    folder = mkdtempSync(join(tmpdir(), 'ledger-integrity-esdb-'));
    const config = loadLedgerConfig({
      LEDGER_DATA_DIR: folder,
      LEDGER_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
      LEDGER_CHECKPOINT_EVERY_EVENTS: '0',
      LEDGER_CHECKPOINT_EVERY_MINUTES: '0',
    });
    const signer = new CheckpointSigner(config.integrity.origin, generateKeyPairSync('ed25519').privateKey);
    integrity = new IntegrityLog(new MerkleLog(join(folder, 'integrity.db'), { eventIndex: true }), store, signer, config);
  });
  afterAll(async () => {
    await integrity.stop();
    integrity.log.close();
    await store.close();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('logs every event of $all, signs a checkpoint recorded in the store, proves inclusion and verifies the whole store', async () => {
    const first = newEvent('UnitRegistered', { unitId: 'xa-b' });
    await store.append('unit-xa-b', [first, newEvent('UnitMerged', { intoUnitId: 'xa-a' })], 'no-stream');
    integrity.start();
    await store.append('unit-xa-a', [newEvent('UnitRegistered', { unitId: 'xa-a' })], 'no-stream');

    const checkpoint = await integrity.checkpointNow();
    expect(checkpoint.treeSize).toBe(3);
    const proof = await integrity.inclusionProof(first.eventId, undefined);
    expect(proof.leafIndex).toBe(0);
    const signed = openCheckpoint(checkpoint.note, parseVerifierKey(integrity.verifierKey));
    expect(
      verifyInclusion(
        0,
        3,
        Buffer.from(proof.leafHash, 'base64'),
        proof.auditPath.map((hash) => Buffer.from(hash, 'base64')),
        signed.rootHash,
      ),
    ).toBe(true);

    expect(await integrity.follower.waitFor(await store.headPosition(), 5000)).toBe(true);
    const report = await integrity.verify();
    expect(report).toMatchObject({ ok: true, eventsChecked: 4, firstProblem: null, latestCheckpoint: { treeSize: 3 } });
  });
});
