import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys (signature type 0x01):
 *
 *   <text, ending in a newline>
 *   <a blank line>
 *   — <key name> base64(key ID (4 bytes, big-endian) || Ed25519 signature of the text)
 *
 * key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4]; a verifier key is written
 * `<name>+<key ID in hex>+<base64(0x01 || public key)>`, as Go's golang.org/x/mod/sumdb/note does.
 */
const ED25519 = 0x01;
const EM_DASH = '\u2014';
// The DER prefix of a PKCS #8 Ed25519 private key and of an SPKI public key (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class SignedNoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignedNoteError';
  }
}

export interface NoteVerifierKey {
  readonly name: string;
  readonly keyId: Buffer;
  readonly publicKey: KeyObject;
  /** The `<name>+<hex id>+<base64>` form an auditor keeps. */
  readonly text: string;
}

export function assertValidKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name) || /[\u0000-\u001f]/.test(name)) {
    throw new SignedNoteError(`A key name must be non-empty, without spaces or "+", got "${name}"`);
  }
}

export function rawPublicKey(key: KeyObject): Buffer {
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'der', type: 'spki' });
  if (!der.subarray(0, SPKI_ED25519_PREFIX.length).equals(SPKI_ED25519_PREFIX)) throw new SignedNoteError('The key is not an Ed25519 key');
  return der.subarray(SPKI_ED25519_PREFIX.length);
}

export function keyIdOf(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(name)
    .update(Buffer.from([0x0a, ED25519]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

export function verifierKeyOf(name: string, key: KeyObject): NoteVerifierKey {
  assertValidKeyName(name);
  const raw = rawPublicKey(key);
  const keyId = keyIdOf(name, raw);
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
  return {
    name,
    keyId,
    publicKey,
    text: `${name}+${keyId.toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), raw]).toString('base64')}`,
  };
}

/** Parses `<name>+<hex id>+<base64(0x01 || key)>`, refusing any key whose ID does not match its name and key. */
export function parseVerifierKey(text: string): NoteVerifierKey {
  const trimmed = text.trim();
  const first = trimmed.indexOf('+');
  const second = trimmed.indexOf('+', first + 1);
  if (first <= 0 || second < 0) throw new SignedNoteError(`"${trimmed}" is not a verifier key of the form <name>+<key id>+<key>`);
  const name = trimmed.slice(0, first);
  const idHex = trimmed.slice(first + 1, second);
  const keyData = strictBase64(trimmed.slice(second + 1));
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new SignedNoteError(`The key id of "${trimmed}" must be 8 lowercase hex digits`);
  if (!keyData || keyData.length !== 33 || keyData[0] !== ED25519) throw new SignedNoteError(`"${trimmed}" is not an Ed25519 verifier key`);
  assertValidKeyName(name);
  const raw = keyData.subarray(1);
  if (!keyIdOf(name, raw).equals(Buffer.from(idHex, 'hex')))
    throw new SignedNoteError(`The key id of "${trimmed}" does not match its name and key`);
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
  return { name, keyId: Buffer.from(idHex, 'hex'), publicKey, text: trimmed };
}

/** An Ed25519 private key from its 32-byte seed (RFC 8032), e.g. from a Go `PRIVATE+KEY+...` string. */
export function privateKeyFromSeed(seed: Buffer): KeyObject {
  if (seed.length !== 32) throw new SignedNoteError('An Ed25519 seed is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function signNote(text: string, name: string, privateKey: KeyObject): string {
  assertValidNoteText(text);
  const { keyId } = verifierKeyOf(name, privateKey);
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
  return `${text}\n${EM_DASH} ${name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
}

/**
 * The text of a signed note, once a signature by `key` verifies over it. Signatures by other keys are
 * ignored, as the specification requires; a note without a verifying signature by `key` is refused.
 */
export function openNote(note: string, key: NoteVerifierKey): string {
  if (!note.endsWith('\n')) throw new SignedNoteError('A signed note ends with a newline');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new SignedNoteError('A signed note has a blank line between its text and its signatures');
  const text = note.slice(0, split + 1);
  assertValidNoteText(text);
  const lines = note.slice(split + 2, -1).split('\n');
  let verified = false;
  for (const line of lines) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    if (!match) throw new SignedNoteError(`"${line}" is not a signature line`);
    const blob = strictBase64(match[2]);
    if (!blob || blob.length < 5) throw new SignedNoteError(`The signature of ${match[1]} is not valid base64`);
    if (match[1] !== key.name || !blob.subarray(0, 4).equals(key.keyId)) continue;
    if (!verify(null, Buffer.from(text, 'utf8'), key.publicKey, blob.subarray(4))) {
      throw new SignedNoteError(`The signature of ${key.name} does not verify: the note was changed or signed by another key`);
    }
    verified = true;
  }
  if (!verified) throw new SignedNoteError(`The note carries no signature by ${key.name}+${key.keyId.toString('hex')}`);
  return text;
}

function assertValidNoteText(text: string): void {
  if (!text.endsWith('\n')) throw new SignedNoteError('A note text ends with a newline');
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new SignedNoteError('A note text has no control characters but newlines');
}

function strictBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  return Buffer.from(text, 'base64');
}
