import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CheckpointSigner } from '../../src/integrity/checkpoint/checkpoint-signer.js';
import { loadOrCreateSigningKey } from '../../src/integrity/checkpoint/signing-key.js';
import { IntegrityLog } from '../../src/integrity/integrity-log.js';
import { integrityPath, MerkleLog } from '../../src/integrity/log/merkle-log.js';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { generateKeyPairSync } from 'node:crypto';
import { newEvent } from '../support/new-events.js';
import { runLedgerCli, type Ran } from '../support/run-ledger-cli.js';

/** `ledger <args>` on a data folder whose log is named ledger.test/cli. */
function ledger(args: readonly string[], dataDir: string): Promise<Ran> {
  return runLedgerCli(args, { LEDGER_DATA_DIR: dataDir, LEDGER_CHECKPOINT_ORIGIN: 'ledger.test/cli' });
}

/**
 * The auditor's commands on a data folder the "service" (the same classes the service runs) filled:
 * 20 events, checkpoint A (20), 10 more, checkpoint B (31); the service is stopped before the checks.
 */
describe('ledger public-key, verify and verify-proof', () => {
  let folder: string;
  let files: string;
  let verifierKey: string;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-cli-integrity-'));
    files = mkdtempSync(join(tmpdir(), 'ledger-cli-auditor-'));
    const config = loadLedgerConfig({
      LEDGER_DATA_DIR: folder,
      LEDGER_CHECKPOINT_ORIGIN: 'ledger.test/cli',
      LEDGER_CHECKPOINT_EVERY_EVENTS: '0',
      LEDGER_CHECKPOINT_EVERY_MINUTES: '0',
    });
    const store = new SqliteEventStore(join(folder, 'events.db'));
    const signer = new CheckpointSigner(config.integrity.origin, loadOrCreateSigningKey(folder, config.integrity));
    verifierKey = signer.verifierKey.text;
    const integrity = new IntegrityLog(new MerkleLog(integrityPath(folder)), store, signer, config);
    integrity.start();
    const ids: string[] = [];
    for (let index = 0; index < 30; index += 1) {
      if (index === 20) {
        const a = await integrity.checkpointNow();
        writeFileSync(join(files, 'checkpoint-a.json'), JSON.stringify(a));
        writeFileSync(join(files, 'inclusion-a.json'), JSON.stringify(await integrity.inclusionProof(ids[7], undefined)));
      }
      const event = newEvent('CaseNoted', { index });
      ids.push(event.eventId);
      await store.append(`case-${index % 4}`, [event], 'any');
    }
    const b = await integrity.checkpointNow();
    writeFileSync(join(files, 'checkpoint-b.txt'), b.note);
    writeFileSync(join(files, 'consistency-a-b.json'), JSON.stringify(integrity.consistencyProof(20, b.treeSize)));
    writeFileSync(join(files, 'inclusion-b.json'), JSON.stringify(await integrity.inclusionProof(ids[25], undefined)));
    const forger = new CheckpointSigner('ledger.test/cli', generateKeyPairSync('ed25519').privateKey);
    writeFileSync(join(files, 'forged.txt'), forger.sign(20, Buffer.alloc(32, 1)));
    await integrity.follower.waitFor(await store.headPosition(), 2000);
    await integrity.stop();
    integrity.log.close();
    await store.close();
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  it('prints the verifier key and verifies the untouched ledger with the service stopped', async () => {
    const key = await ledger(['public-key'], folder);
    expect(key).toMatchObject({ code: 0, stderr: '', stdout: `${verifierKey}\n` });
    const ran = await ledger(['verify', '--public-key', verifierKey, '--checkpoint', join(files, 'checkpoint-a.json')], folder);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(
      'Signed checkpoint of 20 events matches (CheckpointSigned event at global position 21; integrity.db; file ',
    );
    expect(ran.stdout).toMatch(
      /\nOK: every stream chain holds, global positions have no gap, and the Merkle root matches every signed checkpoint \(latest: 31 events\)\.\n$/,
    );
  }, 120_000);

  it('checks inclusion and consistency proofs offline against the checkpoints, with only the public key', async () => {
    const inclusion = await ledger(
      ['verify-proof', join(files, 'inclusion-a.json'), '--checkpoint', join(files, 'checkpoint-a.json'), '--public-key', verifierKey],
      folder,
    );
    expect(inclusion.stdout).toMatch(
      /^OK: event [0-9a-f-]{36} \(leaf 7, global position 8\) is included in the tree of 20 events whose root \S+ is signed by ledger\.test\/cli\n$/,
    );
    expect(inclusion.code).toBe(0);
    const consistency = await ledger(
      [
        'verify-proof',
        join(files, 'consistency-a-b.json'),
        '--from-checkpoint',
        join(files, 'checkpoint-a.json'),
        '--checkpoint',
        join(files, 'checkpoint-b.txt'),
        '--public-key',
        verifierKey,
      ],
      folder,
    );
    expect(consistency.stdout).toBe(
      'OK: the signed tree of 31 events extends the signed tree of 20: nothing in the first 20 events was changed, removed or reordered\n',
    );
    expect(consistency.code).toBe(0);
  }, 120_000);

  it('fails a proof against the wrong checkpoint, and a checkpoint signed by another key', async () => {
    const wrongSize = await ledger(
      ['verify-proof', join(files, 'inclusion-b.json'), '--checkpoint', join(files, 'checkpoint-a.json'), '--public-key', verifierKey],
      folder,
    );
    expect(wrongSize.code).toBe(1);
    expect(wrongSize.stdout).toBe(
      'FAILED: the proof is for a tree of 31 events but the checkpoint is of 20; ask for the proof with treeSize=20\n',
    );
    const forged = await ledger(
      ['verify-proof', join(files, 'inclusion-a.json'), '--checkpoint', join(files, 'forged.txt'), '--public-key', verifierKey],
      folder,
    );
    expect(forged.code).toBe(1);
    expect(forged.stderr).toMatch(
      /^ledger verify-proof: the checkpoint in \S+forged\.txt is not signed by ledger\.test\/cli\+[0-9a-f]{8}\+\S+: The note carries no signature by/,
    );
    const misused = await ledger(['verify-proof', join(files, 'inclusion-a.json'), '--public-key', verifierKey], folder);
    expect(misused.code).toBe(2);
    expect(misused.stderr).toBe('ledger verify-proof: --checkpoint <file> is required: the signed checkpoint to check the proof against\n');
  }, 120_000);

  it('fails verification of a tampered copy, naming the place, and exits 1', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'ledger-cli-tampered-'));
    try {
      const source = new Database(join(folder, 'events.db'), { readonly: true });
      await source.backup(join(copy, 'events.db'));
      source.close();
      const db = new Database(join(copy, 'events.db'));
      db.exec(
        'DROP TRIGGER events_are_never_updated; UPDATE events SET data = replace(data, \'"index":12\', \'"index":13\') WHERE global_position = 13;',
      );
      const row = db
        .prepare<[], { stream_id: string; stream_revision: number }>(
          'SELECT stream_id, stream_revision FROM events WHERE global_position = 13',
        )
        .get()!;
      db.close();
      const ran = await ledger(['verify', '--public-key', verifierKey, '--checkpoint', join(files, 'checkpoint-b.txt')], copy);
      expect(ran.code).toBe(1);
      expect(ran.stdout).toMatch(
        new RegExp(
          `\\nFAILED \\(stream-chain\\) at stream ${row.stream_id}, revision ${row.stream_revision}, global position 13, leaf 12: stored hash [0-9a-f]{64} does not match the content, which hashes to [0-9a-f]{64}\\n$`,
        ),
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 120_000);
});
