import { hash } from 'node:crypto';

/** The ledger's own UUID namespace for name-based ids (RFC 9562 version 5). */
const LEDGER_NAMESPACE = Buffer.from('7a4c6f1e2b3d4e5f8a9b0c1d2e3f4a5b', 'hex');
/** The variant's two high bits set to 10: the hex digit of byte 8's high nibble, by its two low bits. */
const VARIANT_DIGIT = '89ab';

/**
 * A UUID version 5: the same name always gives the same id. Used to derive event ids (and new
 * aggregate ids) from an Idempotency-Key, so that a repeated request lands on the same ids and the
 * store's own idempotency does the rest. The first 16 bytes of SHA-1(namespace, name) in hex, the
 * version digit 5 and the variant bits written into the text: crypto.hash's one-shot form costs half
 * of a Hash object's (an import derives several ids per row).
 */
export function deterministicUuid(name: string): string {
  const hex = hash('sha1', Buffer.concat([LEDGER_NAMESPACE, Buffer.from(name, 'utf8')]), 'hex');
  const variant = VARIANT_DIGIT[Number.parseInt(hex[16], 16) & 0x3];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
