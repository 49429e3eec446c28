import Database from 'better-sqlite3';
import { createPublicKey, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { loadSigningKey, signingKeyPath, SIGNING_KEY_FILE } from '../../integrity/checkpoint/signing-key.js';
import { verifierKeyOf } from '../../integrity/checkpoint/signed-note.js';
import { INTEGRITY_FILE, MerkleLog } from '../../integrity/log/merkle-log.js';
import { LedgerNotFoundError } from '../../ledger/ledger-source.js';
import { openStoreBackup } from '../../ledger/open-event-store.js';
import type { StoreBackup } from '../../ledger/store-backup.port.js';
import { KEY_STORE_FILE } from '../../personal-data/key-stores/sqlite-key-store.js';
import { READ_MODELS_FILE } from '../../projections/read-models.database.js';
import { WEBHOOKS_FILE } from '../../webhooks/outbox/webhook-outbox.js';
import {
  BACKUP_FORMAT,
  KEYS_BACKUP_FORMAT,
  KEYS_FOLDER,
  MANIFEST_FILE,
  SIGNING_KEY_FOLDER,
  type BackedUpFile,
  type BackedUpRole,
  type BackupManifest,
  type KeysManifest,
  type ManifestCheckpoint,
} from './backup-manifest.js';
import { ByteProgress, mebibytes } from './byte-progress.js';
import { digestOf } from './file-digest.js';
import { ledgerVersion } from './ledger-version.js';
import { localStateFiles } from './local-state-files.js';
import { copyPrivateFile, entriesOf, makePrivateFolder, writePrivateFile } from './private-files.js';
import { copySqliteFile } from './sqlite-online-backup.js';
import { CommandRefusedError, warn, type Terminal } from './terminal.js';

export const VERIFIER_KEY_FILE = 'verifier-key.txt';
export const PUBLIC_KEY_FILE = 'checkpoint-signing-key.pub.pem';

export interface BackupRequest {
  readonly folder: string;
  readonly withoutKeys?: boolean;
  readonly keysOnly?: boolean;
  readonly withoutReadModels?: boolean;
  readonly withSigningKey?: boolean;
}

export interface BackupSummary {
  readonly manifest: BackupManifest | null;
  readonly keys: KeysManifest | null;
}

const WHOLE_LEDGER_WARNING = [
  'keys/ holds the personal-data key store: whoever holds it and the rest of this backup reads every reporter.',
  'Move keys/ to other media, kept by other people, before this backup leaves the machine.',
];

const POSTGRES_WEBHOOKS_WARNING = [
  'The webhook subscriptions, their secrets and the delivery log are in PostgreSQL (WEBHOOK_STORE=postgresql), so they are not in this backup:',
  'back up the webhook_* tables with pg_dump, with the database.',
];

const POSTGRES_KEYS_WARNING = [
  'The personal-data keys are in PostgreSQL (PERSONAL_DATA_KEY_STORE=postgresql), so they are not in this backup:',
  'back up the tables personal_data_subject_keys and personal_data_erased_subjects with pg_dump after this backup, and keep that dump apart from it.',
];

/**
 * `ledger backup <folder>`: a consistent copy of the data folder while the service runs and writes.
 * The files are copied in an order that keeps them consistent with each other, since each is its own
 * snapshot taken a moment after the previous one:
 *  1. read-models.db and 2. integrity.db first: derived from the events, they must never be ahead of
 *     the events they were derived from (a checkpoint signed for more events than the copy holds would
 *     read as a cut ledger; a projection ahead of its events would skip the next ones after a restore);
 *     webhooks.db with them, for the same reason: its checkpoint must not be ahead of the events (a
 *     subscription registered during the backup may lack its secret in the copy: register it again);
 *  3. the store's own files (StoreBackup.localFiles: events.db of the embedded store, none for EventStoreDB);
 *  4. the plain files of local-state-files.ts (photos, year decisions, the status-token secret): a photo
 *     is written before the event naming it, so every photo the copied events name is copied;
 *  5. keys.db last: every key is stored before the event sealed under it, so each sealed event in the
 *     copy finds its key (an erasure in between wins: the key is gone, which the erasure repairs).
 */
export async function takeBackup(config: LedgerConfig, request: BackupRequest, terminal: Terminal): Promise<BackupSummary> {
  if (request.keysOnly) return { manifest: null, keys: await backUpKeysOnly(config, request.folder, terminal) };
  const store = await openStoreBackup(config);
  try {
    return await backUpLedger(config, store, request, terminal);
  } finally {
    await store.close();
  }
}

async function backUpLedger(config: LedgerConfig, store: StoreBackup, request: BackupRequest, terminal: Terminal): Promise<BackupSummary> {
  const { folder } = request;
  const startedAt = new Date().toISOString();
  const source = (name: string) => join(config.dataDir, name);
  try {
    store.assertPresent();
  } catch (error) {
    if (error instanceof LedgerNotFoundError)
      throw new CommandRefusedError(`There is no ledger to back up at ${error.location}; set LEDGER_DATA_DIR to the data folder.`);
    throw error;
  }
  const keyFile = signingKeyPath(config.dataDir, config.integrity);
  if (!existsSync(keyFile))
    throw new CommandRefusedError(
      `There is no checkpoint signing key at ${keyFile}, so nothing could verify the copy; start the service once, or set LEDGER_SIGNING_KEY_FILE.`,
    );
  const signingKey = loadSigningKey(keyFile, config.integrity.signingKeyFile !== undefined);
  assertEmptyTarget(folder);
  const headAtStart = await store.headAtStart();
  makePrivateFolder(folder);

  const files: BackedUpFile[] = [];
  const copy = async (name: string, role: BackedUpRole, into = name): Promise<void> => {
    const progress = new ByteProgress(terminal.out, `${name}: copying`);
    const copied = await copySqliteFile(source(name), join(folder, into), ({ doneBytes, totalBytes, restarts }) =>
      progress.update(doneBytes, totalBytes, restarts > 0 ? ` (started over ${times(restarts)}: the service wrote meanwhile)` : ''),
    );
    progress.finish();
    files.push(await described(folder, into, role, terminal));
    terminal.out.write(
      `${name}: ${mebibytes(copied.pages * copied.pageSize)} MiB copied${copied.restarts > 0 ? ` (started over ${times(copied.restarts)} while the service wrote)` : ''}\n`,
    );
  };

  const includeReadModels = !request.withoutReadModels && existsSync(source(READ_MODELS_FILE));
  if (includeReadModels) await copy(READ_MODELS_FILE, 'read-models');
  const logIncluded = existsSync(source(INTEGRITY_FILE));
  if (logIncluded) await copy(INTEGRITY_FILE, 'merkle-log');
  const webhooksInPostgres = config.webhookStore.kind === 'postgresql';
  const webhooksIncluded = !webhooksInPostgres && existsSync(source(WEBHOOKS_FILE));
  if (webhooksIncluded) await copy(WEBHOOKS_FILE, 'webhooks');
  for (const file of store.localFiles) await copy(file, 'events');
  const plainFiles = localStateFiles(config.dataDir);
  for (const file of plainFiles) {
    const parent = file.path.slice(0, file.path.lastIndexOf('/'));
    makePrivateFolder(join(folder, parent));
    copyPrivateFile(source(file.path), join(folder, file.path));
    files.push(await described(folder, file.path, file.role, terminal));
  }
  if (plainFiles.length > 0) terminal.out.write(`${describePlainFiles(plainFiles)} copied\n`);
  if (webhooksInPostgres) warn(terminal, POSTGRES_WEBHOOKS_WARNING);
  const keysInPostgres = config.personalDataKeys.kind === 'postgresql';
  const keysPresent = !keysInPostgres && existsSync(source(KEY_STORE_FILE));
  const keys = keysPresent && !request.withoutKeys ? await backUpKeys(config, folder, null, terminal) : null;
  if (keysInPostgres) warn(terminal, POSTGRES_KEYS_WARNING);

  const verifierKey = verifierKeyOf(config.integrity.origin, signingKey).text;
  writePrivateFile(join(folder, VERIFIER_KEY_FILE), `${verifierKey}\n`);
  files.push(await described(folder, VERIFIER_KEY_FILE, 'verifier-key', terminal));
  writePrivateFile(join(folder, PUBLIC_KEY_FILE), createPublicKey(signingKey).export({ format: 'pem', type: 'spki' }).toString());
  files.push(await described(folder, PUBLIC_KEY_FILE, 'public-key', terminal));
  if (request.withSigningKey) {
    makePrivateFolder(join(folder, SIGNING_KEY_FOLDER));
    const into = `${SIGNING_KEY_FOLDER}/${SIGNING_KEY_FILE}`;
    writePrivateFile(join(folder, into), readFileSync(keyFile));
    files.push(await described(folder, into, 'signing-key', terminal));
    warn(terminal, [
      `${into} is the private checkpoint signing key: whoever holds it can sign a rewritten history.`,
      'Keep this backup where only the operators of this ledger can read it.',
    ]);
  }

  const facts = factsOf(folder, store, logIncluded, headAtStart);
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    backupId: randomUUID(),
    ledgerVersion: ledgerVersion(),
    startedAt,
    finishedAt: new Date().toISOString(),
    store: store.kind,
    origin: config.integrity.origin,
    verifierKey,
    ...facts,
    readModels: includeReadModels ? 'included' : 'left out',
    signingKey: request.withSigningKey ? 'included' : 'public part only',
    personalDataKeys: keysInPostgres ? 'in PostgreSQL' : keys ? 'in keys/' : keysPresent ? 'left out' : 'none yet',
    webhooks: webhooksInPostgres ? 'in PostgreSQL' : webhooksIncluded ? 'included' : 'none yet',
    files,
  };
  writePrivateFile(join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  if (keys) {
    writeKeysManifest(folder, { ...keys, backupId: manifest.backupId });
    warn(terminal, WHOLE_LEDGER_WARNING);
  }
  return { manifest, keys: keys && { ...keys, backupId: manifest.backupId } };
}

/** `--keys-only`: the key store alone, into keys/ of a backup taken before (the EventStoreDB procedure) or of a new folder. */
async function backUpKeysOnly(config: LedgerConfig, folder: string, terminal: Terminal): Promise<KeysManifest> {
  if (config.personalDataKeys.kind === 'postgresql') throw new CommandRefusedError(POSTGRES_KEYS_WARNING.join(' '));
  if (!existsSync(join(config.dataDir, KEY_STORE_FILE)))
    throw new CommandRefusedError(`There is no personal-data key store at ${join(config.dataDir, KEY_STORE_FILE)}: nothing to back up.`);
  assertEmptyTarget(join(folder, KEYS_FOLDER));
  let backupId: string | null = null;
  if (existsSync(join(folder, MANIFEST_FILE))) {
    backupId = (JSON.parse(readFileSync(join(folder, MANIFEST_FILE), 'utf8')) as { backupId?: string }).backupId ?? null;
  }
  makePrivateFolder(folder);
  const keys = await backUpKeys(config, folder, backupId, terminal);
  writeKeysManifest(folder, keys);
  warn(terminal, WHOLE_LEDGER_WARNING);
  return keys;
}

async function backUpKeys(config: LedgerConfig, folder: string, backupId: string | null, terminal: Terminal): Promise<KeysManifest> {
  const keysFolder = join(folder, KEYS_FOLDER);
  makePrivateFolder(keysFolder);
  const takenAt = new Date().toISOString();
  const progress = new ByteProgress(terminal.out, `${KEY_STORE_FILE}: copying`);
  await copySqliteFile(join(config.dataDir, KEY_STORE_FILE), join(keysFolder, KEY_STORE_FILE), ({ doneBytes, totalBytes }) =>
    progress.update(doneBytes, totalBytes),
  );
  progress.finish();
  const db = new Database(join(keysFolder, KEY_STORE_FILE), { readonly: true, fileMustExist: true });
  let subjects: number;
  let erasedSubjects: number;
  try {
    subjects = db.prepare<[], number>('SELECT count(*) FROM subject_keys').pluck().get() ?? 0;
    erasedSubjects = db.prepare<[], number>('SELECT count(*) FROM erased_subjects').pluck().get() ?? 0;
  } finally {
    db.close();
  }
  const file = await described(keysFolder, KEY_STORE_FILE, 'personal-data-keys', terminal);
  terminal.out.write(
    `${KEY_STORE_FILE}: the keys of ${subjects} data subjects (and ${erasedSubjects} erasures) copied into ${KEYS_FOLDER}/\n`,
  );
  return { format: KEYS_BACKUP_FORMAT, backupId, ledgerVersion: ledgerVersion(), takenAt, subjects, erasedSubjects, files: [file] };
}

function writeKeysManifest(folder: string, keys: KeysManifest): void {
  writePrivateFile(join(folder, KEYS_FOLDER, MANIFEST_FILE), `${JSON.stringify(keys, null, 2)}\n`);
}

/** What the copies hold, read from the copies themselves (or the store's head): the newest event, the log's size, the latest checkpoint. */
function factsOf(
  folder: string,
  store: StoreBackup,
  logIncluded: boolean,
  headAtStart: number | undefined,
): Pick<BackupManifest, 'headPosition' | 'events' | 'merkleLog' | 'latestCheckpoint'> {
  const { headPosition, events } = store.contentsOf(folder, headAtStart);
  if (!logIncluded) return { headPosition, events, merkleLog: null, latestCheckpoint: null };
  const log = new MerkleLog(join(folder, INTEGRITY_FILE), { readonly: true });
  try {
    const latest = log.latestCheckpoint();
    const latestCheckpoint: ManifestCheckpoint | null = latest
      ? { treeSize: latest.treeSize, rootHash: latest.rootHash.toString('base64'), signedAt: latest.signedAt, note: latest.note }
      : null;
    return { headPosition, events, merkleLog: { treeSize: log.size, position: log.position }, latestCheckpoint };
  } finally {
    log.close();
  }
}

async function described(folder: string, path: string, role: BackedUpRole, terminal: Terminal): Promise<BackedUpFile> {
  const progress = new ByteProgress(terminal.out, `${path}: hashing`);
  const digest = await digestOf(join(folder, path), progress.update);
  progress.finish();
  return { path, role, ...digest };
}

/** A backup never lands on top of anything: a new folder, or an empty one. */
function assertEmptyTarget(folder: string): void {
  const entries = entriesOf(folder);
  if (entries !== null && entries.length > 0)
    throw new CommandRefusedError(
      `${folder} is not empty (it holds ${entries.slice(0, 5).join(', ')}${entries.length > 5 ? ', ...' : ''}); a backup goes into a new or empty folder.`,
    );
}

function describePlainFiles(files: readonly { readonly role: BackedUpRole }[]): string {
  const count = (role: BackedUpRole) => files.filter((file) => file.role === role).length;
  return [
    count('media') > 0 ? `${count('media')} photo${count('media') === 1 ? '' : 's'} (media/)` : null,
    count('calendar') > 0 ? `${count('calendar')} calendar file${count('calendar') === 1 ? '' : 's'} (calendar/)` : null,
    count('status-token-secret') > 0 ? 'the Open311 status-token secret' : null,
  ]
    .filter((part) => part !== null)
    .join(', ');
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}
