import { HASH_SIZE, isPowerOfTwo, nodeHash } from './merkle-hash.js';

/**
 * The verification algorithms of RFC 9162 section 2.1.3.2 (inclusion) and 2.1.4.2 (consistency),
 * step by step. They need nothing but the proof and the roots: this is what an auditor runs offline.
 */

/** The root an inclusion proof leads to, or undefined when the proof has the wrong shape for (index, size). */
export function rootFromInclusionProof(leafIndex: number, treeSize: number, leaf: Buffer, path: readonly Buffer[]): Buffer | undefined {
  if (!(Number.isSafeInteger(leafIndex) && Number.isSafeInteger(treeSize)) || leafIndex < 0 || leafIndex >= treeSize) return undefined;
  if (!allHashes([leaf, ...path])) return undefined;
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize - 1);
  let r = leaf;
  for (const p of path) {
    if (sn === 0n) return undefined;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : undefined;
}

export function verifyInclusion(leafIndex: number, treeSize: number, leaf: Buffer, path: readonly Buffer[], root: Buffer): boolean {
  const computed = rootFromInclusionProof(leafIndex, treeSize, leaf, path);
  return computed !== undefined && root.length === HASH_SIZE && computed.equals(root);
}

/**
 * True when `path` proves that the tree of `firstSize` leaves with root `firstRoot` is a prefix of
 * the tree of `secondSize` leaves with root `secondRoot`. Equal sizes need an empty proof and equal
 * roots; an empty first tree is a prefix of every tree.
 */
export function verifyConsistency(
  firstSize: number,
  secondSize: number,
  firstRoot: Buffer,
  secondRoot: Buffer,
  path: readonly Buffer[],
): boolean {
  if (!(Number.isSafeInteger(firstSize) && Number.isSafeInteger(secondSize)) || firstSize < 0 || firstSize > secondSize) return false;
  if (!allHashes([firstRoot, secondRoot, ...path])) return false;
  if (firstSize === secondSize) return path.length === 0 && firstRoot.equals(secondRoot);
  if (firstSize === 0) return path.length === 0;
  if (path.length === 0) return false;
  const proof = isPowerOfTwo(firstSize) ? [firstRoot, ...path] : [...path];
  let fn = BigInt(firstSize - 1);
  let sn = BigInt(secondSize - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = proof[0];
  let sr = proof[0];
  for (const c of proof.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0n;
}

function allHashes(hashes: readonly Buffer[]): boolean {
  return hashes.every((hash) => hash.length === HASH_SIZE);
}
