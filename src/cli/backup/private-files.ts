import { chmodSync, copyFileSync, constants, mkdirSync, readdirSync, writeFileSync } from 'node:fs';

/**
 * Backups and restored data folders hold the whole ledger (and, apart, the keys that open its personal
 * data): readable and writable by their owner only, whatever the umask says.
 */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function makePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  chmodSync(folder, PRIVATE_FOLDER_MODE);
}

export function writePrivateFile(file: string, content: string | Buffer): void {
  writeFileSync(file, content, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** A byte-for-byte copy that refuses to overwrite anything. */
export function copyPrivateFile(source: string, target: string): void {
  copyFileSync(source, target, constants.COPYFILE_EXCL);
  chmodSync(target, PRIVATE_FILE_MODE);
}

/** The names in a folder, or null when there is no such folder. */
export function entriesOf(folder: string): string[] | null {
  try {
    return readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
