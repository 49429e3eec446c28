import { generateKeyPairSync } from 'node:crypto';
import { checkpointBody, parseCheckpointBody } from '../../src/integrity/checkpoint/checkpoint-note.js';
import {
  openNote,
  parseVerifierKey,
  privateKeyFromSeed,
  signNote,
  SignedNoteError,
  verifierKeyOf,
} from '../../src/integrity/checkpoint/signed-note.js';

/**
 * The published example of Go's golang.org/x/mod/sumdb/note (the reference implementation of
 * c2sp.org/signed-note): Ed25519 is deterministic, so signing the same text with the same key must
 * give the published note byte for byte.
 */
const GO_SIGNER_KEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

const goPrivateKey = () => privateKeyFromSeed(Buffer.from(GO_SIGNER_KEY.split('+').slice(4).join('+'), 'base64').subarray(1));

describe('C2SP signed notes', () => {
  it('signs the published example byte for byte and derives the published verifier key', () => {
    expect(signNote(GO_TEXT, 'PeterNeumann', goPrivateKey())).toBe(GO_NOTE);
    expect(verifierKeyOf('PeterNeumann', goPrivateKey()).text).toBe(GO_VERIFIER_KEY);
  });

  it('opens the published note with the published verifier key', () => {
    expect(openNote(GO_NOTE, parseVerifierKey(GO_VERIFIER_KEY))).toBe(GO_TEXT);
  });

  it('refuses a note whose text was changed by one character', () => {
    expect(() => openNote(GO_NOTE.replace('cryptography', 'cryptographY'), parseVerifierKey(GO_VERIFIER_KEY))).toThrow(/does not verify/);
  });

  it('refuses a note signed only by another key, even one with the same name', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = signNote(GO_TEXT, 'PeterNeumann', privateKey);
    expect(() => openNote(forged, parseVerifierKey(GO_VERIFIER_KEY))).toThrow(/no signature by PeterNeumann\+c74f20a3/);
  });

  it('ignores signatures by unknown keys beside the known one', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const other = signNote(GO_TEXT, 'witness.example/w1', privateKey);
    const cosigned = GO_NOTE + other.slice(GO_TEXT.length + 1);
    expect(openNote(cosigned, parseVerifierKey(GO_VERIFIER_KEY))).toBe(GO_TEXT);
  });

  it.each([
    ['PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', /does not match/],
    ['PeterNeumann+c74f20a3+AhpczQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', /not an Ed25519 verifier key|does not match/],
    ['PeterNeumann', /not a verifier key/],
    ['Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', /does not match|without spaces/],
  ])('refuses the malformed verifier key %s', (text, message) => {
    expect(() => parseVerifierKey(text)).toThrow(SignedNoteError);
    expect(() => parseVerifierKey(text)).toThrow(message);
  });

  it('writes and reads the checkpoint body: origin, decimal size, base64 root', () => {
    const rootHash = Buffer.alloc(32, 7);
    const body = checkpointBody({ origin: 'ledger.example/log', treeSize: 1234, rootHash });
    expect(body).toBe(`ledger.example/log\n1234\n${rootHash.toString('base64')}\n`);
    expect(parseCheckpointBody(body)).toEqual({ origin: 'ledger.example/log', treeSize: 1234, rootHash });
    expect(() => parseCheckpointBody('ledger.example/log\n01\nAAAA\n')).toThrow(/not a tree size/);
    expect(() => parseCheckpointBody('ledger.example/log\n1\nAAAA\n')).toThrow(/not a base64 SHA-256 root hash/);
  });
});
