import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackedUpRole } from './backup-manifest.js';

/** A file of the data folder that holds state no replay of the events gives back, copied as it is. */
export interface LocalStateFile {
  /** Relative to the data folder, with "/" between folders: the same path in the backup and after a restore. */
  readonly path: string;
  readonly role: BackedUpRole;
}

/**
 * The data folder's plain files that a backup must hold besides its databases:
 *  - media/<sha256>: the photos sent with reports, named (and hashed) by the events that carry them;
 *  - calendar/*: the year decisions dropped into the data folder, which the deadlines are counted by;
 *  - open311/status-token.secret: without it, every status link given to a citizen stops opening.
 * Photos are written before the event naming them, and never changed: copied after the events, every
 * photo an event of the copy names is in it. The token secret of the API (auth/hs256.secret) is left
 * out on purpose, like the private signing key: whoever holds it signs in as anyone; tokens are
 * minted again after a restore. Console sessions (auth/sessions.db) end with a restore.
 */
export function localStateFiles(dataDir: string): LocalStateFile[] {
  const files: LocalStateFile[] = [];
  const folder = (name: string, role: BackedUpRole, keep: (file: string) => boolean) => {
    const path = join(dataDir, name);
    if (!existsSync(path)) return;
    for (const file of readdirSync(path).sort())
      if (keep(file) && statSync(join(path, file)).isFile()) files.push({ path: `${name}/${file}`, role });
  };
  folder('media', 'media', (file) => /^[0-9a-f]{64}$/.test(file));
  folder('calendar', 'calendar', (file) => !file.startsWith('.'));
  if (existsSync(join(dataDir, 'open311', 'status-token.secret')))
    files.push({ path: 'open311/status-token.secret', role: 'status-token-secret' });
  return files;
}
