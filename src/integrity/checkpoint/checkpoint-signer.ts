import type { KeyObject } from 'node:crypto';
import { checkpointBody, parseCheckpointBody, type Checkpoint } from './checkpoint-note.js';
import { openNote, signNote, SignedNoteError, verifierKeyOf, type NoteVerifierKey } from './signed-note.js';

/** Signs the log's checkpoints; the key's name is the log's origin, so one verifier key names one log. */
export class CheckpointSigner {
  readonly verifierKey: NoteVerifierKey;

  constructor(
    readonly origin: string,
    private readonly privateKey: KeyObject,
  ) {
    this.verifierKey = verifierKeyOf(origin, privateKey);
  }

  sign(treeSize: number, rootHash: Buffer): string {
    return signNote(checkpointBody({ origin: this.origin, treeSize, rootHash }), this.origin, this.privateKey);
  }
}

/** The checkpoint inside a signed note, once the signature of `key` verifies and the origin is the key's log. */
export function openCheckpoint(note: string, key: NoteVerifierKey): Checkpoint {
  const checkpoint = parseCheckpointBody(openNote(note, key));
  if (checkpoint.origin !== key.name)
    throw new SignedNoteError(`The checkpoint is of the log "${checkpoint.origin}", not of "${key.name}"`);
  return checkpoint;
}
