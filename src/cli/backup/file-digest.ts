import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';

export interface FileDigest {
  readonly bytes: number;
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
}

/** Streams the file through SHA-256 (a large file is never read into memory at once). */
export async function digestOf(file: string, onProgress?: (doneBytes: number, totalBytes: number) => void): Promise<FileDigest> {
  const total = statSync(file).size;
  const hash = createHash('sha256');
  let done = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    done += (chunk as Buffer).length;
    onProgress?.(done, total);
  }
  return { bytes: done, sha256: hash.digest('hex') };
}
