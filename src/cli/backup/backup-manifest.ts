import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreKind } from '../../config/ledger.config.js';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'accountability-ledger-backup/1';
export const KEYS_BACKUP_FORMAT = 'accountability-ledger-keys-backup/1';
/** The personal-data key store's own sub-folder of a backup: move it elsewhere, apart from the rest. */
export const KEYS_FOLDER = 'keys';
/** Present only when the backup was asked to hold the private checkpoint signing key. */
export const SIGNING_KEY_FOLDER = 'signing-key';

export type BackedUpRole =
  | 'events'
  | 'merkle-log'
  | 'read-models'
  | 'webhooks'
  | 'media'
  | 'calendar'
  | 'status-token-secret'
  | 'verifier-key'
  | 'public-key'
  | 'signing-key'
  | 'personal-data-keys';

export interface BackedUpFile {
  /** Relative to the folder of the manifest that lists it, with "/" between folders. */
  readonly path: string;
  readonly role: BackedUpRole;
  readonly bytes: number;
  readonly sha256: string;
}

export interface ManifestCheckpoint {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly signedAt: string;
  readonly note: string;
}

/** manifest.json at the top of a backup folder. */
export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  /** Ties the key store's sub-folder (its own manifest) to this backup. */
  readonly backupId: string;
  readonly ledgerVersion: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly store: StoreKind;
  readonly origin: string;
  /** The C2SP verifier key of the checkpoint signer: what `ledger restore` verifies the copy with. */
  readonly verifierKey: string;
  /** The newest event in the copy (embedded store), or the store's head when the backup started (EventStoreDB). */
  readonly headPosition: number;
  readonly events: number | null;
  readonly merkleLog: { readonly treeSize: number; readonly position: number } | null;
  readonly latestCheckpoint: ManifestCheckpoint | null;
  readonly readModels: 'included' | 'left out';
  readonly signingKey: 'public part only' | 'included';
  /** `none yet`: the data folder had no key store (no personal data was ever sealed); `in PostgreSQL`: backed up with the database. */
  readonly personalDataKeys: 'in keys/' | 'left out' | 'none yet' | 'in PostgreSQL';
  /** `in PostgreSQL`: the subscriptions, their secrets and the delivery log are backed up with the database (WEBHOOK_STORE=postgresql). Absent in backups taken before webhooks were backed up. */
  readonly webhooks?: 'included' | 'none yet' | 'in PostgreSQL';
  readonly files: readonly BackedUpFile[];
}

/** keys/manifest.json: the key store's copy, described on its own so the folder can travel apart. */
export interface KeysManifest {
  readonly format: typeof KEYS_BACKUP_FORMAT;
  readonly backupId: string | null;
  readonly ledgerVersion: string;
  readonly takenAt: string;
  readonly subjects: number;
  readonly erasedSubjects: number;
  readonly files: readonly BackedUpFile[];
}

/** A backup folder that cannot be used: no manifest, a manifest of another kind, a file that does not match it. */
export class BackupUnusableError extends Error {}

export function readBackupManifest(folder: string): BackupManifest {
  const manifest = readJson(join(folder, MANIFEST_FILE), 'backup');
  if (manifest.format !== BACKUP_FORMAT)
    throw new BackupUnusableError(
      `${join(folder, MANIFEST_FILE)} is not a ledger backup manifest (format ${JSON.stringify(manifest.format)}).`,
    );
  assertFiles(manifest.files, folder);
  return manifest as unknown as BackupManifest;
}

export function readKeysManifest(folder: string): KeysManifest {
  const manifest = readJson(join(folder, MANIFEST_FILE), 'key store backup');
  if (manifest.format !== KEYS_BACKUP_FORMAT)
    throw new BackupUnusableError(
      `${join(folder, MANIFEST_FILE)} is not a key store backup manifest (format ${JSON.stringify(manifest.format)}).`,
    );
  assertFiles(manifest.files, folder);
  return manifest as unknown as KeysManifest;
}

function readJson(file: string, what: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BackupUnusableError(
      `There is no ${what} here: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new BackupUnusableError(`${file} is not a JSON object: the ${what} manifest is damaged.`);
}

const SAFE_PATH = /^(?!.*\.\.)[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)?$/;

/** Every listed file stays inside the backup folder and says its size and hash. */
function assertFiles(files: unknown, folder: string): void {
  const fine =
    Array.isArray(files) &&
    files.every(
      (file: Partial<BackedUpFile>) =>
        typeof file?.path === 'string' &&
        SAFE_PATH.test(file.path) &&
        typeof file.role === 'string' &&
        Number.isSafeInteger(file.bytes) &&
        typeof file.sha256 === 'string' &&
        /^[0-9a-f]{64}$/.test(file.sha256),
    );
  if (!fine) throw new BackupUnusableError(`The file list of ${join(folder, MANIFEST_FILE)} is damaged.`);
}
