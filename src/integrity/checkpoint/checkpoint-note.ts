import { HASH_SIZE } from '../merkle/merkle-hash.js';
import { SignedNoteError } from './signed-note.js';

/**
 * The body of a C2SP checkpoint (c2sp.org/tlog-checkpoint): the log's origin, the tree size in
 * decimal and the root hash in base64, one per line, each ending in a newline. Extension lines are
 * allowed after the root and ignored here.
 */
export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Buffer;
}

export function checkpointBody({ origin, treeSize, rootHash }: Checkpoint): string {
  return `${origin}\n${treeSize}\n${rootHash.toString('base64')}\n`;
}

export function parseCheckpointBody(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '')
    throw new SignedNoteError('A checkpoint has an origin, a tree size and a root hash, each on its own line');
  const [origin, size, root] = lines;
  if (origin.length === 0) throw new SignedNoteError('A checkpoint names its origin on its first line');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw new SignedNoteError(`"${size}" is not a tree size`);
  const rootHash = /^[A-Za-z0-9+/]{43}=$/.test(root) ? Buffer.from(root, 'base64') : undefined;
  if (!rootHash || rootHash.length !== HASH_SIZE) throw new SignedNoteError(`"${root}" is not a base64 SHA-256 root hash`);
  return { origin, treeSize: Number(size), rootHash };
}
