import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { JsonObject } from '../ledger/event-store.port.js';
import type { SealedPersonalData } from './sealed-personal-data.js';

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a synthetic IV: the IV is HMAC-SHA256(ivKey, aad || plaintext) cut to 96 bits,
 * where ivKey is derived from the subject's key (HKDF, so the MAC and the cipher never share a key).
 *
 * Why not a random IV: a command with an Idempotency-Key derives its event ids from that key, and the
 * store takes the same id with different data for a conflict, not a repeat. A retried receipt must
 * therefore seal to the same bytes. With a synthetic IV an IV repeats only when the subject, the
 * context and the plaintext all repeat, and then the ciphertext is the same too: GCM's nonce-reuse
 * failure (two different messages under one key and nonce) cannot happen. What it reveals is only
 * that the same subject's data was sealed twice with the same content, which the ledger shows anyway.
 */
export function seal(key: Buffer, subjectId: string, context: string, plaintext: JsonObject): SealedPersonalData {
  assertKey(key);
  const aad = additionalData(subjectId, context);
  const bytes = Buffer.from(canonicalJson(plaintext), 'utf8');
  const iv = createHmac('sha256', ivKeyOf(key)).update(lengthPrefixed(aad)).update(bytes).digest().subarray(0, IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return {
    subjectId,
    alg: 'A256GCM',
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** The plaintext, or an Error when the key, the context or any byte is not the one sealed. */
export function open(key: Buffer, sealed: SealedPersonalData, context: string): JsonObject {
  assertKey(key);
  const iv = Buffer.from(sealed.iv, 'base64');
  const tag = Buffer.from(sealed.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('The sealed personal data has an IV or tag of the wrong length.');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(sealed.subjectId, context));
  decipher.setAuthTag(tag);
  const bytes = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  const value: unknown = JSON.parse(bytes.toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('The sealed personal data is not an object.');
  return value as JsonObject;
}

function additionalData(subjectId: string, context: string): Buffer {
  return Buffer.from(`${subjectId}\n${context}`, 'utf8');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

function ivKeyOf(key: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'accountability-ledger synthetic-iv', KEY_BYTES));
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`A personal-data key has ${KEY_BYTES} bytes, not ${key.length}.`);
}
