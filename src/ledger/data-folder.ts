import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '../config/ledger.config.js';

/**
 * The data folder holds the ledger, its keys and read models, whose free text names people: it is
 * its owner's alone, the folder and every folder in it 0700, every file 0600. (SQLite creates a
 * database's -wal and -shm files with the database file's own mode, so they follow.)
 */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the file, owner-only, if it does not exist yet; an existing file is left as it is. */
export function createPrivateFile(path: string): void {
  if (path !== ':memory:') closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
}

/**
 * Creates the data folder owner-only, or tightens an existing one and everything in it that others
 * may read, write or enter. Returns a sentence for each path it tightened, for a warning: someone
 * (a copy, a restore, an older version) left it open.
 */
export function secureDataFolder(dataDir: string): string[] {
  try {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    return tighten(dataDir);
  } catch (error) {
    throw new ConfigurationError(
      'LEDGER_DATA_DIR',
      `must be a folder the service can write to; "${dataDir}" is not (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
    );
  }
}

function tighten(path: string): string[] {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return []; // its target is not ours to change
  const tightened: string[] = [];
  const wanted = stat.isDirectory() ? PRIVATE_FOLDER_MODE : PRIVATE_FILE_MODE;
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    chmodSync(path, mode & wanted);
    tightened.push(`${path} was ${octal(mode)}, now ${octal(mode & wanted)}`);
  }
  if (stat.isDirectory()) for (const name of readdirSync(path).sort()) tightened.push(...tighten(join(path, name)));
  return tightened;
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, '0')}`;
}
