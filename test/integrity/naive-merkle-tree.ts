import { createHash } from 'node:crypto';

// Its own hashing and split, so the reference shares nothing with the code it checks.
const sha256 = (...parts: Buffer[]): Buffer => parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest();
const leafHash = (input: Buffer): Buffer => sha256(Buffer.from([0]), input);
const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([1]), left, right);
/** "the largest power of two smaller than n" (RFC 9162, 2.1.1), for n > 1 */
const splitPoint = (n: number): number => 2 ** Math.floor(Math.log2(n - 1));
const EMPTY_ROOT = sha256();

/**
 * RFC 9162 section 2.1 read literally: MTH, PATH and SUBPROOF as the recursive functions the RFC
 * writes, over ranges D[start:end] of the list of leaf inputs, everything recomputed from the leaves.
 * Written apart from the production code, which builds the same answers from stored subtrees. MTH is
 * memoised per range only so that checking every proof of every size up to 130 stays quick.
 */
export function naiveTree(leaves: readonly Buffer[]): {
  root(size: number): Buffer;
  path(m: number, size: number): Buffer[];
  consistency(m: number, size: number): Buffer[];
} {
  const memo = new Map<string, Buffer>();
  const mth = (start: number, end: number): Buffer => {
    const key = `${start}:${end}`;
    let hash = memo.get(key);
    if (hash) return hash;
    const n = end - start;
    if (n === 0) hash = EMPTY_ROOT;
    else if (n === 1) hash = leafHash(leaves[start]);
    else {
      const k = splitPoint(n);
      hash = nodeHash(mth(start, start + k), mth(start + k, end));
    }
    memo.set(key, hash);
    return hash;
  };
  // PATH(m, D[start:end])
  const path = (m: number, start: number, end: number): Buffer[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k ? [...path(m, start, start + k), mth(start + k, end)] : [...path(m - k, start + k, end), mth(start, start + k)];
  };
  // SUBPROOF(m, D[start:end], b)
  const subproof = (m: number, start: number, end: number, b: boolean): Buffer[] => {
    const n = end - start;
    if (m === n) return b ? [] : [mth(start, end)];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(m, start, start + k, b), mth(start + k, end)]
      : [...subproof(m - k, start + k, end, false), mth(start, start + k)];
  };
  return {
    root: (size) => mth(0, size),
    path: (m, size) => path(m, 0, size),
    consistency: (m, size) => (m === 0 || m === size ? [] : subproof(m, 0, size, true)),
  };
}
