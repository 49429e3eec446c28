import { EMPTY_ROOT, nodeHash } from './merkle-hash.js';

/** A complete subtree's hash: level 0 are leaves; node (level, index) covers leaves [index·2^level, (index+1)·2^level). */
export interface MerkleNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Buffer;
}

/**
 * The right border of a Merkle tree of `size` leaves (a "compact range" over [0, size)): one complete
 * subtree for each bit set in size, largest first. Appending a leaf merges equal-sized subtrees, so
 * each append costs O(log n) hashes at worst and one on average, and names the complete nodes it
 * made, which the log stores so that a proof is a handful of point reads.
 */
export class MerkleFrontier {
  private readonly hashes: Buffer[];
  private count: number;

  /** `border` lists the complete subtrees for each bit of size, from the largest to the smallest. */
  constructor(size = 0, border: readonly Buffer[] = []) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`A tree size is a whole number, got ${size}`);
    if (border.length !== bitCount(size))
      throw new RangeError(`A tree of ${size} leaves has ${bitCount(size)} border subtrees, not ${border.length}`);
    this.count = size;
    this.hashes = [...border];
  }

  get size(): number {
    return this.count;
  }

  /** The (level, index) of each border subtree of a tree of `size` leaves, largest first. */
  static borderOf(size: number): { level: number; index: number }[] {
    const border: { level: number; index: number }[] = [];
    let start = 0;
    for (let level = 52; level >= 0; level -= 1) {
      const width = 2 ** level;
      if (Math.floor(size / width) % 2 === 1) {
        border.push({ level, index: start / width });
        start += width;
      }
    }
    return border;
  }

  /** Adds a leaf hash; returns every complete node it completed, the leaf itself first. */
  append(leaf: Buffer): MerkleNode[] {
    const made: MerkleNode[] = [{ level: 0, index: this.count, hash: leaf }];
    let hash = leaf;
    let index = this.count;
    let level = 0;
    while (index % 2 === 1) {
      hash = nodeHash(this.hashes.pop()!, hash);
      index = (index - 1) / 2;
      level += 1;
      made.push({ level, index, hash });
    }
    this.hashes.push(hash);
    this.count += 1;
    return made;
  }

  /** MTH of the whole tree: the border folded from the right, as RFC 9162's split at the largest power of two implies. */
  root(): Buffer {
    if (this.hashes.length === 0) return EMPTY_ROOT;
    let root = this.hashes[this.hashes.length - 1];
    for (let position = this.hashes.length - 2; position >= 0; position -= 1) root = nodeHash(this.hashes[position], root);
    return root;
  }

  border(): readonly Buffer[] {
    return this.hashes;
  }
}

function bitCount(n: number): number {
  let count = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}
