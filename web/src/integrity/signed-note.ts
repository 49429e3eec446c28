import { concatBytes, equalBytes, fromBase64, sha256, toHex } from './bytes';
import { HASH_SIZE } from './merkle';

/**
 * C2SP signed notes with Ed25519 keys and the C2SP checkpoint inside them, ported from the service's
 * src/integrity/checkpoint/signed-note.ts and checkpoint-note.ts to WebCrypto: what the browser needs
 * to trust a checkpoint because it is signed by a key the reader holds, not because the server says so.
 */
const ED25519 = 0x01;

export class NoteError extends Error {
  constructor(
    readonly reason: 'key' | 'note' | 'signature' | 'unsupported',
    message: string,
  ) {
    super(message);
    this.name = 'NoteError';
  }
}

export interface VerifierKey {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly text: string;
}

export interface Checkpoint {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: Uint8Array;
}

/** key ID = SHA-256(name || 0x0A || 0x01 || 32-byte key)[:4] */
async function keyIdOf(name: string, publicKey: Uint8Array): Promise<Uint8Array> {
  return (await sha256(new TextEncoder().encode(name), new Uint8Array([0x0a, ED25519]), publicKey)).subarray(0, 4);
}

function assertKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name) || /[\u0000-\u001f]/.test(name)) throw new NoteError('key', `"${name}" is not a key name`);
}

/** `<name>+<hex id>+<base64(0x01 || key)>`, refusing a key whose id does not match its name and key. */
export async function parseVerifierKey(text: string): Promise<VerifierKey> {
  const trimmed = text.trim();
  const first = trimmed.indexOf('+');
  const second = trimmed.indexOf('+', first + 1);
  if (first <= 0 || second < 0) throw new NoteError('key', 'not <name>+<key id>+<key>');
  const name = trimmed.slice(0, first);
  const idHex = trimmed.slice(first + 1, second);
  const keyData = fromBase64(trimmed.slice(second + 1));
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new NoteError('key', 'the key id is not 8 lower-case hex digits');
  if (!keyData || keyData.length !== 33 || keyData[0] !== ED25519) throw new NoteError('key', 'not an Ed25519 verifier key');
  assertKeyName(name);
  const publicKey = keyData.subarray(1);
  if (toHex(await keyIdOf(name, publicKey)) !== idHex) throw new NoteError('key', 'the key id does not match its name and key');
  return { name, keyId: await keyIdOf(name, publicKey), publicKey, text: trimmed };
}

async function ed25519Verify(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('raw', concatBytes(publicKey), { name: 'Ed25519' }, false, ['verify']);
  } catch (error) {
    throw new NoteError('unsupported', `WebCrypto has no Ed25519 here: ${(error as Error).message}`);
  }
  return crypto.subtle.verify({ name: 'Ed25519' }, key, concatBytes(signature), concatBytes(message));
}

/** The text of a signed note once a signature by `key` verifies over it; other keys' signatures are ignored. */
export async function openNote(note: string, key: VerifierKey): Promise<string> {
  if (!note.endsWith('\n')) throw new NoteError('note', 'a signed note ends with a newline');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('note', 'a signed note has a blank line between its text and its signatures');
  const text = note.slice(0, split + 1);
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new NoteError('note', 'a note text has no control characters but newlines');
  let verified = false;
  for (const line of note.slice(split + 2, -1).split('\n')) {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    if (!match) throw new NoteError('note', `"${line}" is not a signature line`);
    const blob = fromBase64(match[2]);
    if (!blob || blob.length < 5) throw new NoteError('note', `the signature of ${match[1]} is not valid base64`);
    if (match[1] !== key.name || !equalBytes(blob.subarray(0, 4), key.keyId)) continue;
    if (!(await ed25519Verify(key.publicKey, blob.subarray(4), new TextEncoder().encode(text))))
      throw new NoteError('signature', `the signature of ${key.name} does not verify`);
    verified = true;
  }
  if (!verified) throw new NoteError('signature', `no signature by ${key.name}+${toHex(key.keyId)}`);
  return text;
}

export function parseCheckpointBody(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '')
    throw new NoteError('note', 'a checkpoint has an origin, a tree size and a root hash');
  const [origin, size, root] = lines;
  if (origin.length === 0) throw new NoteError('note', 'a checkpoint names its origin first');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw new NoteError('note', `"${size}" is not a tree size`);
  const rootHash = /^[A-Za-z0-9+/]{43}=$/.test(root) ? fromBase64(root) : undefined;
  if (!rootHash || rootHash.length !== HASH_SIZE) throw new NoteError('note', `"${root}" is not a base64 SHA-256 root`);
  return { origin, treeSize: Number(size), rootHash };
}

/** The checkpoint inside a note signed by `key`, of the log the key names. */
export async function openCheckpoint(note: string, key: VerifierKey): Promise<Checkpoint> {
  const checkpoint = parseCheckpointBody(await openNote(note, key));
  if (checkpoint.origin !== key.name) throw new NoteError('signature', `the checkpoint is of "${checkpoint.origin}", not of "${key.name}"`);
  return checkpoint;
}

/** What a person pastes: the signed note itself, or the JSON the API answered (or the file the console downloaded) with its `note`. */
export function noteFromInput(text: string): string {
  const trimmed = text.replace(/\r\n/g, '\n').trim();
  if (trimmed.startsWith('{')) {
    try {
      const note = (JSON.parse(trimmed) as { note?: unknown }).note;
      if (typeof note === 'string') return note;
    } catch {
      // fall through
    }
    throw new NoteError('note', 'JSON without a "note"');
  }
  return `${trimmed}\n`;
}
