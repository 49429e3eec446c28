import { createHash } from 'node:crypto';

/** The ledger's own UUID namespace for name-based ids (RFC 9562 version 5). */
const LEDGER_NAMESPACE = Buffer.from('7a4c6f1e2b3d4e5f8a9b0c1d2e3f4a5b', 'hex');

/**
 * A UUID version 5: the same name always gives the same id. Used to derive event ids (and new
 * aggregate ids) from an Idempotency-Key, so that a repeated request lands on the same ids and the
 * store's own idempotency does the rest.
 */
export function deterministicUuid(name: string): string {
  const bytes = createHash('sha1').update(LEDGER_NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
