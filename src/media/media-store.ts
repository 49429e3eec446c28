import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from '../ledger/data-folder.js';
import type { EvidenceMediaType } from './media-type.js';

/** What the ledger records of a kept photo: the CaseReceived event carries it, so the hash chain covers the bytes. */
export interface MediaEvidence {
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: EvidenceMediaType;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Photos sent with reports, content-addressed: `<data folder>/media/<sha256>`, owner-only. A photo is
 * written (and synced) before the event that names it is appended, so an acknowledged report never
 * names a missing file; the same photo sent twice is one file. Files are never changed or deleted here.
 */
export class MediaStore {
  private readonly folder: string;

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'media');
  }

  keep(bytes: Uint8Array, mediaType: EvidenceMediaType): MediaEvidence {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256);
    if (!existsSync(path)) {
      mkdirSync(this.folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
      const incoming = join(this.folder, `.incoming-${randomUUID()}`);
      try {
        const descriptor = openSync(incoming, 'wx', PRIVATE_FILE_MODE);
        try {
          for (let written = 0; written < bytes.length;) written += writeSync(descriptor, bytes, written);
          fsyncSync(descriptor);
        } finally {
          closeSync(descriptor);
        }
        renameSync(incoming, path); // atomic: a reader sees the whole photo or none
        syncFolder(this.folder);
      } finally {
        rmSync(incoming, { force: true });
      }
    }
    return { sha256, size: bytes.length, mediaType };
  }

  /** The photo's bytes, or undefined if this data folder does not hold it. */
  read(sha256: string): Buffer | undefined {
    if (!SHA256_HEX.test(sha256)) return undefined;
    const path = this.pathOf(sha256);
    return existsSync(path) ? readFileSync(path) : undefined;
  }

  private pathOf(sha256: string): string {
    return join(this.folder, sha256);
  }
}

function syncFolder(folder: string): void {
  const descriptor = openSync(folder, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
