import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { LedgerConfig } from '../../config/ledger.config.js';
import { parseVerifierKey, verifierKeyOf, type NoteVerifierKey } from '../../integrity/checkpoint/signed-note.js';
import { loadSigningKey, SIGNING_KEY_FILE } from '../../integrity/checkpoint/signing-key.js';
import { INTEGRITY_FILE, MerkleLog } from '../../integrity/log/merkle-log.js';
import type { CheckpointCandidate, LedgerSource } from '../../integrity/verification/ledger-source.js';
import { verifyLedger } from '../../integrity/verification/ledger-verifier.js';
import { describeReport, type VerificationReport } from '../../integrity/verification/verification-report.js';
import { openStoreBackup } from '../../ledger/open-event-store.js';
import { storeName, type StoreBackup } from '../../ledger/store-backup.port.js';
import {
  BackupUnusableError,
  KEYS_FOLDER,
  readBackupManifest,
  readKeysManifest,
  type BackedUpFile,
  type BackupManifest,
  type KeysManifest,
} from './backup-manifest.js';
import { ByteProgress } from './byte-progress.js';
import { ledgerVersion } from './ledger-version.js';
import { entriesOf, makePrivateFolder, PRIVATE_FILE_MODE } from './private-files.js';
import { CommandRefusedError, warn, type Terminal } from './terminal.js';

export interface RestoreRequest {
  /** The backup folder (the one holding manifest.json). */
  readonly folder: string;
  /** The key store's folder when it was moved apart from the backup; default: keys/ inside it. */
  readonly keysFolder?: string;
  readonly withoutKeys?: boolean;
  /** A verifier key the caller trusts more than the one in the backup (an auditor's copy). */
  readonly publicKey?: string;
}

export interface RestoreSummary {
  readonly report: VerificationReport;
  readonly manifest: BackupManifest;
  readonly keys: KeysManifest | null;
}

/** Which backed-up files land in the data folder, under which name. */
const DATA_FOLDER_ROLES: ReadonlySet<BackedUpFile['role']> = new Set([
  'events',
  'merkle-log',
  'read-models',
  'webhooks',
  'media',
  'calendar',
  'status-token-secret',
  'signing-key',
]);

/** Files kept in a sub-folder of the data folder, at the same path as in the backup. */
const KEPT_AT_THEIR_PATH: ReadonlySet<BackedUpFile['role']> = new Set(['media', 'calendar', 'status-token-secret']);

/**
 * `ledger restore <folder>`: fills an empty data folder from a backup, and says done only once the
 * restored ledger verifies. Files are copied into a hidden folder inside the data folder while their
 * SHA-256 is compared with the manifest, verified there (`ledger verify`'s logic, with the backup's
 * verifier key and its latest checkpoint), and only then moved into place: a damaged backup or a
 * ledger that does not verify leaves the data folder as empty as it was.
 */
export async function restoreBackup(config: LedgerConfig, request: RestoreRequest, terminal: Terminal): Promise<RestoreSummary> {
  const store = await openStoreBackup(config);
  try {
    return await restoreOnto(config, store, request, terminal);
  } finally {
    await store.close();
  }
}

async function restoreOnto(config: LedgerConfig, store: StoreBackup, request: RestoreRequest, terminal: Terminal): Promise<RestoreSummary> {
  const manifest = readBackupManifest(request.folder);
  if (manifest.store !== store.kind)
    throw new CommandRefusedError(
      `This backup is of a ledger on ${storeName(manifest.store)}, but LEDGER_STORE is ${store.kind}; restore it with the same store.`,
    );
  const dataEntries = entriesOf(config.dataDir);
  if (dataEntries !== null && dataEntries.length > 0)
    throw new CommandRefusedError(
      `The data folder ${config.dataDir} is not empty (it holds ${dataEntries.slice(0, 5).join(', ')}${dataEntries.length > 5 ? ', ...' : ''}); restore fills an empty or new folder only: set LEDGER_DATA_DIR to one.`,
    );
  const keysInPostgres = config.personalDataKeys.kind === 'postgresql';
  const keys = request.withoutKeys || keysInPostgres ? null : keysToRestore(manifest, request, terminal);
  if (keysInPostgres)
    warn(terminal, [
      "The personal-data keys are in PostgreSQL (PERSONAL_DATA_KEY_STORE=postgresql): restore them there (pg_dump's output) before starting the service;",
      'a keys.db in the backup is not used.',
    ]);
  if (request.withoutKeys && !keysInPostgres && manifest.personalDataKeys !== 'none yet')
    warn(terminal, ['Restoring without the personal-data key store: every reporter recorded so far stays unreadable on this ledger.']);
  const verifierKey = trustedVerifierKey(manifest, request.publicKey);
  assertConfiguredSigningKey(config, manifest);
  if (compareVersions(manifest.ledgerVersion, ledgerVersion()) > 0)
    warn(terminal, [
      `This backup was taken by ledger ${manifest.ledgerVersion}, newer than this one (${ledgerVersion()}).`,
      'Restore it with that version or a later one.',
    ]);

  makePrivateFolder(config.dataDir);
  const staging = join(config.dataDir, `.restoring-${randomUUID()}`);
  makePrivateFolder(staging);
  let moved = false;
  try {
    const placed: string[] = [];
    for (const file of manifest.files.filter((entry) => DATA_FOLDER_ROLES.has(entry.role))) {
      if (file.role === 'signing-key' && config.integrity.signingKeyFile !== undefined) continue;
      if (file.role === 'webhooks' && config.webhookStore.kind === 'postgresql') {
        warn(terminal, [`${file.path} is not restored: WEBHOOK_STORE is postgresql here, so the webhooks are restored with the database.`]);
        continue;
      }
      const name = file.role === 'signing-key' ? SIGNING_KEY_FILE : KEPT_AT_THEIR_PATH.has(file.role) ? file.path : basename(file.path);
      if (name.includes('/')) makePrivateFolder(join(staging, dirname(name)));
      await copyChecked(join(request.folder, file.path), join(staging, name), file, terminal);
      placed.push(name);
    }
    for (const file of manifest.files.filter((entry) => !DATA_FOLDER_ROLES.has(entry.role)))
      await copyChecked(join(request.folder, file.path), null, file, terminal);
    if (keys) {
      for (const file of keys.manifest.files) {
        await copyChecked(join(keys.folder, file.path), join(staging, basename(file.path)), file, terminal);
        placed.push(basename(file.path));
      }
    }

    const report = await verifyStaged(staging, manifest, verifierKey, store);
    if (!acceptable(report, manifest, store)) {
      throw new BackupUnusableError(
        `The restored ledger does not verify, so nothing was restored:\n${describeReport(report)}` +
          (store.restoreAdvice ? `${store.restoreAdvice}\n` : ''),
      );
    }
    for (const name of placed) {
      if (name.includes('/')) makePrivateFolder(join(config.dataDir, dirname(name)));
      renameSync(join(staging, name), join(config.dataDir, name));
    }
    moved = true;
    rmSync(staging, { recursive: true, force: true });
    if (report.firstProblem?.kind === 'no-checkpoint')
      warn(terminal, [
        'No signed checkpoint covers these events yet: their stream chains and positions verify, but nothing signed says so.',
        'The service signs one after it starts (LEDGER_CHECKPOINT_EVERY_*), or ask for one: POST /api/v1/integrity/checkpoints.',
      ]);
    if (manifest.signingKey !== 'included' && config.integrity.signingKeyFile === undefined)
      warn(terminal, [
        'This backup holds only the public part of the checkpoint signing key.',
        'Set LEDGER_SIGNING_KEY_FILE to the private key you keep before you start the service:',
        `without it the service makes a new key, and its checkpoints will not verify with ${manifest.verifierKey}.`,
      ]);
    return { report, manifest, keys: keys?.manifest ?? null };
  } finally {
    if (!moved) rmSync(staging, { recursive: true, force: true });
  }
}

interface KeysToRestore {
  readonly folder: string;
  readonly manifest: KeysManifest;
}

function keysToRestore(manifest: BackupManifest, request: RestoreRequest, terminal: Terminal): KeysToRestore | null {
  const folder = request.keysFolder ?? (existsSync(join(request.folder, KEYS_FOLDER)) ? join(request.folder, KEYS_FOLDER) : undefined);
  if (folder === undefined) {
    if (manifest.personalDataKeys === 'none yet') return null;
    if (manifest.personalDataKeys === 'in PostgreSQL') {
      warn(terminal, [
        "This backup's personal-data keys were kept in PostgreSQL, but PERSONAL_DATA_KEY_STORE is sqlite here:",
        'the restored service starts with an empty keys.db, and every reporter stays unreadable until the keys are brought back.',
      ]);
      return null;
    }
    throw new CommandRefusedError(
      `This backup's personal-data key store is not in ${join(request.folder, KEYS_FOLDER)}: pass --keys <folder> with the keys/ folder kept apart, ` +
        'or --without-keys to restore without it (every reporter recorded so far then stays unreadable).',
    );
  }
  const keys = readKeysManifest(folder);
  if (keys.backupId !== manifest.backupId && keys.takenAt < manifest.startedAt)
    warn(terminal, [
      `The key store in ${folder} was backed up at ${keys.takenAt}, before this backup (${manifest.startedAt}):`,
      'reporters of cases recorded in between will be unreadable. A key store backed up later is always fine.',
    ]);
  return { folder, manifest: keys };
}

function trustedVerifierKey(manifest: BackupManifest, option: string | undefined): NoteVerifierKey {
  const text = option === undefined ? manifest.verifierKey : existsSync(option) ? readFileText(option) : option;
  try {
    return parseVerifierKey(text);
  } catch (error) {
    throw option === undefined
      ? new BackupUnusableError(`The verifier key in the manifest is damaged: ${(error as Error).message}`)
      : new CommandRefusedError(`--public-key: ${(error as Error).message}`);
  }
}

/** A signing key configured for the restored service must be the one the ledger's checkpoints were signed with. */
function assertConfiguredSigningKey(config: LedgerConfig, manifest: BackupManifest): void {
  const file = config.integrity.signingKeyFile;
  if (file === undefined) return;
  const configured = verifierKeyOf(config.integrity.origin, loadSigningKey(file, true)).text;
  if (configured !== manifest.verifierKey)
    throw new CommandRefusedError(
      `LEDGER_SIGNING_KEY_FILE (${file}, with LEDGER_CHECKPOINT_ORIGIN) gives the verifier key ${configured}, but this ledger's checkpoints were signed with ${manifest.verifierKey}.`,
    );
}

/** Copies one file (or only reads it, when `target` is null) while hashing it; refuses a file that differs from the manifest. */
async function copyChecked(source: string, target: string | null, expected: BackedUpFile, terminal: Terminal): Promise<void> {
  let size: number;
  try {
    size = statSync(source).size;
  } catch {
    throw new BackupUnusableError(`${source} is missing from the backup; nothing was restored.`);
  }
  if (size !== expected.bytes)
    throw new BackupUnusableError(
      `${source} has ${size} bytes, but the manifest says ${expected.bytes}: the backup is damaged; nothing was restored.`,
    );
  const hash = createHash('sha256');
  const progress = new ByteProgress(terminal.out, `${expected.path}: ${target ? 'restoring' : 'checking'}`);
  let done = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      hash.update(chunk);
      done += chunk.length;
      progress.update(done, size);
      next(null, chunk);
    },
  });
  const sink = target
    ? createWriteStream(target, { flags: 'wx', mode: PRIVATE_FILE_MODE })
    : new Writable({ write: (_chunk, _encoding, next) => next() });
  await pipeline(createReadStream(source, { highWaterMark: 1 << 20 }), tap, sink);
  progress.finish();
  const sha256 = hash.digest('hex');
  if (sha256 !== expected.sha256)
    throw new BackupUnusableError(
      `${source} does not match the manifest (SHA-256 ${sha256}, expected ${expected.sha256}): the backup is damaged; nothing was restored.`,
    );
}

async function verifyStaged(
  staging: string,
  manifest: BackupManifest,
  verifierKey: NoteVerifierKey,
  store: StoreBackup,
): Promise<VerificationReport> {
  let source: LedgerSource | undefined;
  const logFile = join(staging, INTEGRITY_FILE);
  const log = existsSync(logFile) ? new MerkleLog(logFile, { readonly: true }) : undefined;
  try {
    source = await store.openRestored(staging);
    const extra: CheckpointCandidate[] = log?.checkpoints().map((checkpoint) => ({ note: checkpoint.note, source: 'integrity.db' })) ?? [];
    if (manifest.latestCheckpoint) extra.push({ note: manifest.latestCheckpoint.note, source: 'the backup manifest' });
    const logged = log;
    return await verifyLedger({
      source,
      verifierKey,
      loggedLeaves: logged && { size: logged.size, leafAt: (index) => logged.leafAt(index) },
      extraCheckpoints: extra,
    });
  } finally {
    await source?.close();
    log?.close();
  }
}

/**
 * A restore is done when the ledger verifies, or when its only shortcoming is that no checkpoint was
 * signed yet (a young ledger: every chain and position still checked), and it holds exactly the events
 * the manifest counted.
 */
function acceptable(report: VerificationReport, manifest: BackupManifest, store: StoreBackup): boolean {
  if (!(report.ok || report.firstProblem?.kind === 'no-checkpoint')) return false;
  if (store.restoresExactly) return report.eventsChecked === manifest.events && report.lastGlobalPosition === manifest.headPosition;
  return report.lastGlobalPosition >= manifest.headPosition;
}

function readFileText(file: string): string {
  return readFileSync(file, 'utf8').trim();
}

/** Compares dotted version numbers; anything not numeric compares as equal. */
function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split('.').map((part) => Number.parseInt(part, 10));
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (Number.isNaN(difference)) return 0;
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
