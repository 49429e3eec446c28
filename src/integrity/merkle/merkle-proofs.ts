import { EMPTY_ROOT, isPowerOfTwo, nodeHash, splitPoint } from './merkle-hash.js';

/** Complete subtrees of 2^8 leaves and more are kept once read: for a million leaves, at most ~8,000 of them. */
const CACHED_WIDTH = 2 ** 8;
const MAX_CACHED = 32_768;

/** Reads one stored complete subtree: level 0 is a leaf hash; (level, index) covers leaves [index·2^level, (index+1)·2^level). */
export type NodeReader = (level: number, index: number) => Buffer;

/**
 * Audit paths of RFC 9162 section 2.1.3.1 (PATH) and 2.1.4.1 (PROOF / SUBPROOF), built from stored
 * complete subtrees. Every subtree the recursion asks for is either complete (one point read) or the
 * ragged right edge of the tree, assembled from at most log2(n) complete ones; so a proof costs
 * O(log n) reads, whatever the size of the log.
 */
export class MerkleProofs {
  /**
   * Range hashes never change once their leaves exist (the log only grows, and a leaf's hash is fixed
   * by its event), so the ones every proof against a checkpoint shares are kept: the ragged right
   * edge of the tree, and the complete subtrees of CACHED_LEVEL and above. A proof then reads only
   * the low levels of its own path. Bounded: emptied when it holds MAX_CACHED hashes.
   */
  private readonly cache = new Map<string, Buffer>();

  constructor(private readonly read: NodeReader) {}

  /** MTH(D[start:end]) for a range the RFC recursion produces (start is aligned to the range's split). */
  rangeHash(start: number, end: number): Buffer {
    const width = end - start;
    if (width <= 0) return EMPTY_ROOT;
    const complete = isPowerOfTwo(width) && start % width === 0;
    if (complete && width < CACHED_WIDTH) return this.read(Math.log2(width), start / width);
    const key = `${start}:${width}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    let hash: Buffer;
    if (complete) hash = this.read(Math.log2(width), start / width);
    else {
      const k = splitPoint(width);
      hash = nodeHash(this.rangeHash(start, start + k), this.rangeHash(start + k, end));
    }
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(key, hash);
    return hash;
  }

  root(size: number): Buffer {
    return this.rangeHash(0, size);
  }

  /** PATH(m, D[n]): the audit path of leaf m (0-based) in the tree of the first n leaves. */
  inclusionProof(leafIndex: number, treeSize: number): Buffer[] {
    if (!(Number.isSafeInteger(leafIndex) && Number.isSafeInteger(treeSize) && leafIndex >= 0 && leafIndex < treeSize)) {
      throw new RangeError(`Leaf ${leafIndex} is not in a tree of ${treeSize} leaves`);
    }
    const path: Buffer[] = [];
    this.path(leafIndex, 0, treeSize, path);
    return path;
  }

  /** PROOF(m, D[n]): shows that the tree of the first m leaves is a prefix of the tree of n leaves. */
  consistencyProof(fromSize: number, toSize: number): Buffer[] {
    if (!(Number.isSafeInteger(fromSize) && Number.isSafeInteger(toSize) && fromSize >= 0 && fromSize <= toSize)) {
      throw new RangeError(`No consistency proof from a tree of ${fromSize} leaves to one of ${toSize}`);
    }
    const proof: Buffer[] = [];
    if (fromSize > 0 && fromSize < toSize) this.subproof(fromSize, 0, toSize, true, proof);
    return proof;
  }

  // The recursion appends the deepest hashes first, as the RFC's `PATH(...) : MTH(...)` does.
  private path(m: number, start: number, n: number, out: Buffer[]): void {
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      this.path(m, start, k, out);
      out.push(this.rangeHash(start + k, start + n));
    } else {
      this.path(m - k, start + k, n - k, out);
      out.push(this.rangeHash(start, start + k));
    }
  }

  private subproof(m: number, start: number, n: number, wholeOldTree: boolean, out: Buffer[]): void {
    if (m === n) {
      if (!wholeOldTree) out.push(this.rangeHash(start, start + n));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      this.subproof(m, start, k, wholeOldTree, out);
      out.push(this.rangeHash(start + k, start + n));
    } else {
      this.subproof(m - k, start + k, n - k, false, out);
      out.push(this.rangeHash(start, start + k));
    }
  }
}
