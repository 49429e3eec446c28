import { equalBytes, sha256 } from './bytes';

/**
 * RFC 9162's verification algorithms (section 2.1.3.2, inclusion; 2.1.4.2, consistency), ported step
 * by step from the service's src/integrity/merkle/merkle-verification.ts to WebCrypto, so a browser
 * checks a proof with nothing but the proof and a root it trusts.
 */
export const HASH_SIZE = 32;
const NODE_PREFIX = new Uint8Array([0x01]);

/** SHA-256(0x01 || left || right) */
export function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(NODE_PREFIX, left, right);
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

function allHashes(hashes: readonly Uint8Array[]): boolean {
  return hashes.every((hash) => hash.length === HASH_SIZE);
}

/** The root an inclusion proof leads to, or undefined when the proof has the wrong shape for (index, size). */
export async function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  path: readonly Uint8Array[],
): Promise<Uint8Array | undefined> {
  if (!(Number.isSafeInteger(leafIndex) && Number.isSafeInteger(treeSize)) || leafIndex < 0 || leafIndex >= treeSize) return undefined;
  if (!allHashes([leaf, ...path])) return undefined;
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize - 1);
  let r = leaf;
  for (const p of path) {
    if (sn === 0n) return undefined;
    if ((fn & 1n) === 1n || fn === sn) {
      r = await nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : undefined;
}

export async function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: Uint8Array,
  path: readonly Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  const computed = await rootFromInclusionProof(leafIndex, treeSize, leaf, path);
  return computed !== undefined && root.length === HASH_SIZE && equalBytes(computed, root);
}

/** True when `path` proves the tree of firstSize leaves (firstRoot) is a prefix of the tree of secondSize leaves (secondRoot). */
export async function verifyConsistency(
  firstSize: number,
  secondSize: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  path: readonly Uint8Array[],
): Promise<boolean> {
  if (!(Number.isSafeInteger(firstSize) && Number.isSafeInteger(secondSize)) || firstSize < 0 || firstSize > secondSize) return false;
  if (!allHashes([firstRoot, secondRoot, ...path])) return false;
  if (firstSize === secondSize) return path.length === 0 && equalBytes(firstRoot, secondRoot);
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
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = await nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return equalBytes(fr, firstRoot) && equalBytes(sr, secondRoot) && sn === 0n;
}
