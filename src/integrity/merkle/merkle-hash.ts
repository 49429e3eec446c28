import { createHash } from 'node:crypto';

/**
 * The hashes of RFC 9162 section 2.1.1 with SHA-256. A leaf and an interior node are told apart by
 * their first byte (0x00, 0x01), so no leaf can pass for a subtree (second-preimage resistance).
 */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({}) = SHA-256() */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** MTH({d(0)}) = SHA-256(0x00 || d(0)) */
export function leafHash(leafInput: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leafInput).digest();
}

/** SHA-256(0x01 || left || right) */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The largest power of two smaller than n (n > 1): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}
