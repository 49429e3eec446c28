import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupUnusableError } from '../../src/cli/backup/backup-manifest.js';
import { restoreBackup } from '../../src/cli/backup/restore-backup.js';
import { takeBackup } from '../../src/cli/backup/take-backup.js';
import { CommandRefusedError, type Terminal } from '../../src/cli/backup/terminal.js';
import { loadLedgerConfig, type LedgerConfig } from '../../src/config/ledger.config.js';
import { CheckpointSigner } from '../../src/integrity/checkpoint/checkpoint-signer.js';
import { loadOrCreateSigningKey } from '../../src/integrity/checkpoint/signing-key.js';
import { IntegrityLog } from '../../src/integrity/integrity-log.js';
import { integrityPath, MerkleLog } from '../../src/integrity/log/merkle-log.js';
import { EventStoreDbEventStore } from '../../src/ledger/eventstoredb/eventstoredb-event-store.js';
import { startFakeEventStoreDb } from '../support/fake-eventstoredb/index.js';
import { newEvent } from '../support/new-events.js';

const quiet: Terminal = { out: { write: () => true }, err: { write: () => true } };

/** With EventStoreDB the ledger backup holds the local files and the head; the events are in the server's own backup. */
describe('ledger backup and ledger restore on EventStoreDB (the gRPC test double)', () => {
  let server: Awaited<ReturnType<typeof startFakeEventStoreDb>>;
  let work: string;
  let dataDir: string;
  let head: number;
  const config = (folder: string, connectionString = server.connectionString): LedgerConfig =>
    loadLedgerConfig({
      LEDGER_DATA_DIR: folder,
      LEDGER_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: connectionString,
      LEDGER_CHECKPOINT_ORIGIN: 'ledger.test/backup-esdb',
      LEDGER_CHECKPOINT_EVERY_EVENTS: '0',
      LEDGER_CHECKPOINT_EVERY_MINUTES: '0',
    });

  beforeAll(async () => {
    server = await startFakeEventStoreDb();
    work = mkdtempSync(join(tmpdir(), 'ledger-backup-esdb-'));
    dataDir = join(work, 'data');
    mkdirSync(dataDir);
    const settings = config(dataDir);
    const store = new EventStoreDbEventStore(server.connectionString);
    const signer = new CheckpointSigner(settings.integrity.origin, loadOrCreateSigningKey(dataDir, settings.integrity));
    const integrity = new IntegrityLog(new MerkleLog(integrityPath(dataDir), { eventIndex: true }), store, signer, settings);
    integrity.start();
    for (let index = 0; index < 6; index += 1) await store.append(`case-${index % 2}`, [newEvent('CaseNoted', { index })], 'any');
    await integrity.checkpointNow();
    head = await store.headPosition();
    await integrity.follower.waitFor(head, 2000);
    await integrity.stop();
    integrity.log.close();
    await store.close();
  });
  afterAll(async () => {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it("records the server's head and copies no events, then restores the local files verified against the server", async () => {
    const folder = join(work, 'backup');
    const { manifest } = await takeBackup(config(dataDir), { folder }, quiet);
    expect(manifest).toMatchObject({ store: 'eventstoredb', events: null, headPosition: head });
    expect(manifest!.files.map((file) => file.role)).not.toContain('events');

    const target = join(work, 'restored');
    const { report } = await restoreBackup(config(target), { folder }, quiet);
    expect(report).toMatchObject({ ok: true, firstProblem: null });
    expect(readdirSync(target)).toContain('integrity.db');
  });

  it('refuses to restore onto a server that lacks the backed-up events, saying to restore its own backup first, and leaves the folder empty', async () => {
    const folder = join(work, 'backup-2');
    await takeBackup(config(dataDir), { folder }, quiet);
    const empty = await startFakeEventStoreDb();
    const target = join(work, 'restored-2');
    try {
      await expect(restoreBackup(config(target, empty.connectionString), { folder }, quiet)).rejects.toThrow(
        /With EventStoreDB, restore its own backup first/,
      );
      await expect(restoreBackup(config(target, empty.connectionString), { folder }, quiet)).rejects.toThrow(BackupUnusableError);
      expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
    } finally {
      await empty.stop();
    }
  });

  it('refuses to restore a backup of a ledger on EventStoreDB onto the embedded store', async () => {
    const folder = join(work, 'backup-3');
    await takeBackup(config(dataDir), { folder }, quiet);
    await expect(restoreBackup(loadLedgerConfig({ LEDGER_DATA_DIR: join(work, 'restored-3') }), { folder }, quiet)).rejects.toThrow(
      new CommandRefusedError('This backup is of a ledger on EventStoreDB, but LEDGER_STORE is sqlite; restore it with the same store.'),
    );
  });
});
