import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BackupUnusableError } from '../../src/cli/backup/backup-manifest.js';
import { restoreBackup } from '../../src/cli/backup/restore-backup.js';
import { takeBackup } from '../../src/cli/backup/take-backup.js';
import { CommandRefusedError, type Terminal } from '../../src/cli/backup/terminal.js';
import { loadLedgerConfig, type LedgerConfig } from '../../src/config/ledger.config.js';
import { CheckpointSigner } from '../../src/integrity/checkpoint/checkpoint-signer.js';
import { loadOrCreateSigningKey } from '../../src/integrity/checkpoint/signing-key.js';
import { IntegrityLog } from '../../src/integrity/integrity-log.js';
import { integrityPath, MerkleLog } from '../../src/integrity/log/merkle-log.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { keyStorePath, SqliteKeyStore } from '../../src/personal-data/key-stores/sqlite-key-store.js';
import { openReadModels, readModelsPath } from '../../src/projections/read-models.database.js';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { statusTokenSecret } from '../../src/open311/citizen-status-token.js';
import { caseFactMessage } from '../../src/webhooks/outbox/webhook-messages.js';
import { WebhookOutbox, webhooksPath } from '../../src/webhooks/outbox/webhook-outbox.js';
import { newEvent } from '../support/new-events.js';

const PHOTO = Buffer.from('a photo sent with a report');
const PHOTO_SHA256 = createHash('sha256').update(PHOTO).digest('hex');

/** The webhooks file as the service leaves it: one subscription with its secret, and one delivery made. */
function webhooksOf(dataDir: string): void {
  const fed = (globalPosition: number, streamId: string, type: string, data: Record<string, unknown>) =>
    ({
      streamId,
      streamRevision: 0,
      globalPosition,
      eventId: `00000000-0000-4000-8000-00000000000${globalPosition}`,
      type,
      data,
      metadata: { occurredAt: '2026-03-02T08:00:00+07:00' },
      recordedAt: '2026-03-02T01:00:00.000Z',
    }) as unknown as RecordedEvent;
  const outbox = new WebhookOutbox(webhooksPath(dataDir));
  outbox.keepSecret('fp-portal', 'whsec_portal');
  const now = Date.parse('2026-03-02T01:00:00Z');
  outbox.applyFeed(
    [
      fed(1, 'webhook-portal', 'WebhookSubscriptionRegistered', {
        subscriptionId: 'portal',
        url: 'http://127.0.0.1/portal',
        eventKinds: ['case.received'],
        unitId: null,
        secretFingerprint: 'fp-portal',
      }),
      fed(2, 'case-c1', 'CaseReceived', { unitId: 'gia-tan' }),
    ],
    caseFactMessage,
    now,
  );
  const [due] = outbox.due(now, 1);
  outbox.recordAttempt(
    due!.deliveryId,
    { attempt: 1, at: new Date(now).toISOString(), statusCode: 204, error: null, durationMs: 4 },
    { status: 'delivered', nextAttemptMs: null },
  );
  outbox.close();
}

function captured(): Terminal & { readonly text: () => string; readonly warnings: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: { write: (text: string) => out.push(text) },
    err: { write: (text: string) => err.push(text) },
    text: () => out.join(''),
    warnings: () => err.join(''),
  };
}

const config = (dataDir: string, env: NodeJS.ProcessEnv = {}): LedgerConfig =>
  loadLedgerConfig({ LEDGER_DATA_DIR: dataDir, LEDGER_CHECKPOINT_ORIGIN: 'ledger.test/backup', ...env });

const mode = (path: string): number => statSync(path).mode & 0o777;

/**
 * A data folder as the service leaves it: 30 events, a signed checkpoint after 20, the Merkle log, a
 * read-model file, the key of one data subject, the webhooks file, a photo, a year decision and the
 * status-token secret; then each test backs it up and restores it.
 */
describe('ledger backup and ledger restore', () => {
  let work: string;
  let dataDir: string;
  let latestTreeSize: number;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ledger-backup-'));
    dataDir = join(work, 'data');
    mkdirSync(dataDir);
    const settings = config(dataDir, { LEDGER_CHECKPOINT_EVERY_EVENTS: '0', LEDGER_CHECKPOINT_EVERY_MINUTES: '0' });
    const store = new SqliteEventStore(join(dataDir, 'events.db'));
    const signer = new CheckpointSigner(settings.integrity.origin, loadOrCreateSigningKey(dataDir, settings.integrity));
    const integrity = new IntegrityLog(new MerkleLog(integrityPath(dataDir)), store, signer, settings);
    integrity.start();
    for (let index = 0; index < 30; index += 1) {
      if (index === 20) await integrity.checkpointNow();
      await store.append(`case-${index % 4}`, [newEvent('CaseNoted', { index })], 'any');
    }
    latestTreeSize = (await integrity.checkpointNow()).treeSize;
    await integrity.follower.waitFor(await store.headPosition(), 2000);
    await integrity.stop();
    integrity.log.close();
    await store.close();
    openReadModels(readModelsPath(dataDir)).close();
    const keys = new SqliteKeyStore(keyStorePath(dataDir));
    await keys.keyFor('reporter-1', new Date('2026-03-01T00:00:00Z'));
    await keys.close();
    webhooksOf(dataDir);
    mkdirSync(join(dataDir, 'media'), { mode: 0o700 });
    writeFileSync(join(dataDir, 'media', PHOTO_SHA256), PHOTO, { mode: 0o600 });
    mkdirSync(join(dataDir, 'calendar'), { mode: 0o700 });
    writeFileSync(join(dataDir, 'calendar', 'vn-2027.json'), readFileSync('src/calendar/holidays/vn-2026.json'), { mode: 0o600 });
    statusTokenSecret(dataDir);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  let count = 0;
  const fresh = (name: string): string => join(work, `${name}-${(count += 1)}`);

  it('writes a manifest of every file with its size and SHA-256, the head, the log and the latest checkpoint, owner-only', async () => {
    const folder = fresh('backup');
    const terminal = captured();
    const { manifest } = await takeBackup(config(dataDir), { folder }, terminal);
    expect(manifest).toMatchObject({
      format: 'accountability-ledger-backup/1',
      store: 'sqlite',
      origin: 'ledger.test/backup',
      headPosition: 32,
      events: 32,
      merkleLog: { treeSize: 32, position: 32 },
      latestCheckpoint: { treeSize: latestTreeSize, note: expect.stringContaining('ledger.test/backup\n31\n') },
      readModels: 'included',
      signingKey: 'public part only',
      personalDataKeys: 'in keys/',
      ledgerVersion: JSON.parse(readFileSync('package.json', 'utf8')).version,
    });
    expect(manifest!.files.map((file) => [file.path, file.role])).toEqual([
      ['read-models.db', 'read-models'],
      ['integrity.db', 'merkle-log'],
      ['webhooks.db', 'webhooks'],
      ['events.db', 'events'],
      [`media/${PHOTO_SHA256}`, 'media'],
      ['calendar/vn-2027.json', 'calendar'],
      ['open311/status-token.secret', 'status-token-secret'],
      ['verifier-key.txt', 'verifier-key'],
      ['checkpoint-signing-key.pub.pem', 'public-key'],
    ]);
    expect(manifest!.webhooks).toBe('included');
    expect(terminal.text()).toContain('1 photo (media/), 1 calendar file (calendar/), the Open311 status-token secret copied');
    for (const file of manifest!.files) {
      const bytes = readFileSync(join(folder, file.path));
      expect({ path: file.path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }).toEqual({
        path: file.path,
        bytes: file.bytes,
        sha256: file.sha256,
      });
    }
    expect(readFileSync(join(folder, 'verifier-key.txt'), 'utf8')).toBe(`${manifest!.verifierKey}\n`);
    expect(JSON.parse(readFileSync(join(folder, 'keys', 'manifest.json'), 'utf8'))).toMatchObject({
      backupId: manifest!.backupId,
      subjects: 1,
    });
    expect(existsSync(join(folder, 'signing-key'))).toBe(false);
    const folders = ['keys', 'media', 'calendar', 'open311'];
    expect(readdirSync(folder).map((name) => [name, mode(join(folder, name))])).toEqual(
      readdirSync(folder).map((name) => [name, folders.includes(name) ? 0o700 : 0o600]),
    );
    expect(mode(join(folder, 'open311', 'status-token.secret'))).toBe(0o600);
    expect(mode(folder)).toBe(0o700);
    expect(mode(join(folder, 'keys', 'keys.db'))).toBe(0o600);
    expect(terminal.warnings()).toContain(
      'keys/ holds the personal-data key store: whoever holds it and the rest of this backup reads every reporter.',
    );
  });

  it('refuses a backup folder that is not empty', async () => {
    const folder = fresh('backup');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    await expect(takeBackup(config(dataDir), { folder }, captured())).rejects.toThrow(
      new CommandRefusedError(`${folder} is not empty (it holds notes.txt); a backup goes into a new or empty folder.`),
    );
    expect(readdirSync(folder)).toEqual(['notes.txt']);
  });

  it('restores into a new folder: every file back, owner-only, verified against the signed checkpoints', async () => {
    const folder = fresh('backup');
    await takeBackup(config(dataDir), { folder }, captured());
    const target = fresh('restored');
    const terminal = captured();
    const { report } = await restoreBackup(config(target), { folder }, terminal);
    expect(report).toMatchObject({ ok: true, eventsChecked: 32, latestCheckpoint: { treeSize: latestTreeSize } });
    expect(report.latestCheckpoint!.sources).toContain('the backup manifest');
    expect(readdirSync(target).sort()).toEqual([
      'calendar',
      'events.db',
      'integrity.db',
      'keys.db',
      'media',
      'open311',
      'read-models.db',
      'webhooks.db',
    ]);
    expect(mode(target)).toBe(0o700);
    const folders = ['media', 'calendar', 'open311'];
    for (const name of readdirSync(target))
      expect([name, mode(join(target, name))]).toEqual([name, folders.includes(name) ? 0o700 : 0o600]);
    expect(readFileSync(join(target, 'media', PHOTO_SHA256))).toEqual(PHOTO);
    expect(readFileSync(join(target, 'calendar', 'vn-2027.json'))).toEqual(readFileSync(join(dataDir, 'calendar', 'vn-2027.json')));
    expect(statusTokenSecret(target)).toEqual(statusTokenSecret(dataDir));
    const webhooks = new WebhookOutbox(webhooksPath(target));
    expect(webhooks.subscriptions().map((subscription) => subscription.subscriptionId)).toEqual(['portal']);
    expect(webhooks.deliveries('portal', null, 10)).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: 1, lastStatusCode: 204 }),
    ]);
    expect(webhooks.position()).toBe(2);
    webhooks.close();
    const keys = new SqliteKeyStore(keyStorePath(target));
    expect((await keys.lookup('reporter-1')).status).toBe('active');
    await keys.close();
    expect(terminal.warnings()).toContain('This backup holds only the public part of the checkpoint signing key.');
  });

  it('refuses a data folder that is not empty, and leaves it as it was', async () => {
    const folder = fresh('backup');
    await takeBackup(config(dataDir), { folder }, captured());
    const target = fresh('occupied');
    mkdirSync(target);
    writeFileSync(join(target, 'events.db'), 'an older ledger');
    await expect(restoreBackup(config(target), { folder }, captured())).rejects.toThrow(
      new CommandRefusedError(
        `The data folder ${target} is not empty (it holds events.db); restore fills an empty or new folder only: set LEDGER_DATA_DIR to one.`,
      ),
    );
    expect(readdirSync(target)).toEqual(['events.db']);
    expect(readFileSync(join(target, 'events.db'), 'utf8')).toBe('an older ledger');
  });

  it('refuses a backup whose file no longer matches its SHA-256, and leaves the data folder empty', async () => {
    const folder = fresh('backup');
    await takeBackup(config(dataDir), { folder }, captured());
    const bytes = readFileSync(join(folder, 'integrity.db'));
    bytes[bytes.length - 100] ^= 0x01;
    writeFileSync(join(folder, 'integrity.db'), bytes);
    const target = fresh('restored');
    await expect(restoreBackup(config(target), { folder }, captured())).rejects.toThrow(
      /integrity\.db does not match the manifest \(SHA-256 [0-9a-f]{64}, expected [0-9a-f]{64}\): the backup is damaged; nothing was restored\./,
    );
    expect(readdirSync(target)).toEqual([]);
  });

  it('refuses a backup whose events were rewritten and its manifest recomputed: the verification catches it', async () => {
    const folder = fresh('backup');
    const { manifest } = await takeBackup(config(dataDir), { folder }, captured());
    const db = new Database(join(folder, 'events.db'));
    db.exec('DROP TRIGGER events_are_never_updated');
    db.prepare("UPDATE events SET data = json_object('index', 99) WHERE global_position = 7").run();
    db.close();
    const bytes = readFileSync(join(folder, 'events.db'));
    const files = manifest!.files.map((file) =>
      file.path === 'events.db' ? { ...file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } : file,
    );
    writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ ...manifest, files }));
    const target = fresh('restored');
    await expect(restoreBackup(config(target), { folder }, captured())).rejects.toThrow(
      /The restored ledger does not verify, so nothing was restored:\n[\s\S]*FAILED \(stream-chain\) at stream case-2, revision 1, global position 7/,
    );
    expect(readdirSync(target)).toEqual([]);
  });

  it('leaves the key store out when asked, and restores without it only when told to', async () => {
    const folder = fresh('backup');
    const { manifest } = await takeBackup(config(dataDir), { folder, withoutKeys: true }, captured());
    expect(manifest).toMatchObject({ personalDataKeys: 'left out' });
    expect(existsSync(join(folder, 'keys'))).toBe(false);
    const target = fresh('restored');
    await expect(restoreBackup(config(target), { folder }, captured())).rejects.toThrow(
      new CommandRefusedError(
        `This backup's personal-data key store is not in ${join(folder, 'keys')}: pass --keys <folder> with the keys/ folder kept apart, or --without-keys to restore without it (every reporter recorded so far then stays unreadable).`,
      ),
    );
    expect(existsSync(target)).toBe(false);
    const terminal = captured();
    await restoreBackup(config(target), { folder, withoutKeys: true }, terminal);
    expect(readdirSync(target).sort()).toEqual([
      'calendar',
      'events.db',
      'integrity.db',
      'media',
      'open311',
      'read-models.db',
      'webhooks.db',
    ]);
    expect(terminal.warnings()).toContain('Restoring without the personal-data key store');
  });

  it('takes the key store from where it was moved, and adds one to a backup taken without it (--keys-only)', async () => {
    const folder = fresh('backup');
    await takeBackup(config(dataDir), { folder }, captured());
    const apart = fresh('keys-apart');
    renameSync(join(folder, 'keys'), apart);
    const target = fresh('restored');
    await restoreBackup(config(target), { folder, keysFolder: apart }, captured());
    expect(existsSync(join(target, 'keys.db'))).toBe(true);

    const later = fresh('backup');
    const { manifest } = await takeBackup(config(dataDir), { folder: later, withoutKeys: true }, captured());
    const { keys } = await takeBackup(config(dataDir), { folder: later, keysOnly: true }, captured());
    expect(keys).toMatchObject({ backupId: manifest!.backupId, subjects: 1 });
    await expect(takeBackup(config(dataDir), { folder: later, keysOnly: true }, captured())).rejects.toThrow(CommandRefusedError);
    const second = fresh('restored');
    await restoreBackup(config(second), { folder: later }, captured());
    expect(existsSync(join(second, 'keys.db'))).toBe(true);
  });

  it('copies the private signing key only when asked, with a warning, and puts it back in the data folder', async () => {
    const folder = fresh('backup');
    const terminal = captured();
    const { manifest } = await takeBackup(config(dataDir), { folder, withSigningKey: true }, terminal);
    expect(manifest).toMatchObject({ signingKey: 'included' });
    expect(mode(join(folder, 'signing-key'))).toBe(0o700);
    expect(readFileSync(join(folder, 'signing-key', 'checkpoint-signing-key.pem'))).toEqual(
      readFileSync(join(dataDir, 'checkpoint-signing-key.pem')),
    );
    expect(terminal.warnings()).toContain(
      'signing-key/checkpoint-signing-key.pem is the private checkpoint signing key: whoever holds it can sign a rewritten history.',
    );
    const target = fresh('restored');
    const restoring = captured();
    await restoreBackup(config(target), { folder }, restoring);
    expect(readFileSync(join(target, 'checkpoint-signing-key.pem'))).toEqual(readFileSync(join(dataDir, 'checkpoint-signing-key.pem')));
    expect(mode(join(target, 'checkpoint-signing-key.pem'))).toBe(0o600);
    expect(restoring.warnings()).not.toContain('only the public part');
  });

  it('refuses to restore for a service configured with another signing key', async () => {
    const folder = fresh('backup');
    await takeBackup(config(dataDir), { folder }, captured());
    const other = join(work, 'other-key.pem');
    writeFileSync(other, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    const target = fresh('restored');
    await expect(restoreBackup(config(target, { LEDGER_SIGNING_KEY_FILE: other }), { folder }, captured())).rejects.toThrow(
      /^LEDGER_SIGNING_KEY_FILE \(.*other-key\.pem, with LEDGER_CHECKPOINT_ORIGIN\) gives the verifier key ledger\.test\/backup\+[0-9a-f]{8}\+\S+, but this ledger's checkpoints were signed with ledger\.test\/backup\+/,
    );
    expect(existsSync(target)).toBe(false);
  });

  it('says the keys are in PostgreSQL when they are kept there, and restores without asking for them', async () => {
    const postgres = { PERSONAL_DATA_KEY_STORE: 'postgresql', PERSONAL_DATA_KEY_STORE_URL: 'postgresql://ledger@db:5432/ledger' };
    const folder = fresh('backup');
    const terminal = captured();
    const { manifest } = await takeBackup(config(dataDir, postgres), { folder }, terminal);
    expect(manifest).toMatchObject({ personalDataKeys: 'in PostgreSQL' });
    expect(existsSync(join(folder, 'keys'))).toBe(false);
    expect(terminal.warnings()).toContain('back up the tables personal_data_subject_keys and personal_data_erased_subjects with pg_dump');
    await expect(takeBackup(config(dataDir, postgres), { folder, keysOnly: true }, captured())).rejects.toThrow(CommandRefusedError);
    const target = fresh('restored');
    const restoring = captured();
    await restoreBackup(config(target, postgres), { folder }, restoring);
    expect(readdirSync(target).sort()).toEqual([
      'calendar',
      'events.db',
      'integrity.db',
      'media',
      'open311',
      'read-models.db',
      'webhooks.db',
    ]);
    expect(restoring.warnings()).toContain('restore them there');
  });

  it('refuses a folder that holds no backup', async () => {
    const folder = fresh('nothing');
    mkdirSync(folder);
    await expect(restoreBackup(config(fresh('restored')), { folder }, captured())).rejects.toThrow(
      new BackupUnusableError(`There is no backup here: ${join(folder, 'manifest.json')} cannot be read (ENOENT).`),
    );
  });
});
