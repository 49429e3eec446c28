import type { ConsistencyProofView, InclusionProofView } from '../api/views';
import { fromBase64 } from './bytes';
import { verifyConsistency, verifyInclusion } from './merkle';
import { noteFromInput, NoteError, openCheckpoint, parseVerifierKey, type Checkpoint } from './signed-note';

export type Verdict =
  | { readonly ok: true; readonly checkpoint: Checkpoint }
  | {
      readonly ok: false;
      readonly reason: 'bad-key' | 'bad-checkpoint' | 'bad-signature' | 'no-ed25519' | 'size-mismatch' | 'proof-fails';
      readonly detail?: string;
    };

/** The checkpoint a person pasted, opened with the verifier key they pasted: nothing here comes from the server. */
export async function trustedCheckpoint(checkpointText: string, keyText: string): Promise<Verdict> {
  let key;
  try {
    key = await parseVerifierKey(keyText);
  } catch (error) {
    return { ok: false, reason: 'bad-key', detail: (error as Error).message };
  }
  try {
    return { ok: true, checkpoint: await openCheckpoint(noteFromInput(checkpointText), key) };
  } catch (error) {
    if (error instanceof NoteError && error.reason === 'unsupported') return { ok: false, reason: 'no-ed25519', detail: error.message };
    if (error instanceof NoteError && error.reason === 'signature') return { ok: false, reason: 'bad-signature', detail: error.message };
    return { ok: false, reason: 'bad-checkpoint', detail: (error as Error).message };
  }
}

/** An inclusion proof (from the server, untrusted) checked against a checkpoint the person trusts. */
export async function checkInclusion(proof: InclusionProofView, checkpointText: string, keyText: string): Promise<Verdict> {
  const trusted = await trustedCheckpoint(checkpointText, keyText);
  if (!trusted.ok) return trusted;
  if (proof.treeSize !== trusted.checkpoint.treeSize)
    return { ok: false, reason: 'size-mismatch', detail: `${proof.treeSize}/${trusted.checkpoint.treeSize}` };
  const leaf = fromBase64(proof.leafHash);
  const path = proof.auditPath.map(fromBase64);
  if (!leaf || path.some((hash) => hash === undefined)) return { ok: false, reason: 'proof-fails', detail: 'not base64' };
  const holds = await verifyInclusion(proof.leafIndex, proof.treeSize, leaf, path as Uint8Array[], trusted.checkpoint.rootHash);
  return holds ? trusted : { ok: false, reason: 'proof-fails' };
}

/** A consistency proof between an older checkpoint the person kept and a newer one, both opened with their key. */
export async function checkConsistency(
  proof: ConsistencyProofView,
  olderText: string,
  newerText: string,
  keyText: string,
): Promise<Verdict & { readonly older?: Checkpoint }> {
  const older = await trustedCheckpoint(olderText, keyText);
  if (!older.ok) return older;
  const newer = await trustedCheckpoint(newerText, keyText);
  if (!newer.ok) return newer;
  if (proof.fromSize !== older.checkpoint.treeSize || proof.toSize !== newer.checkpoint.treeSize)
    return { ok: false, reason: 'size-mismatch', detail: `${proof.fromSize}-${proof.toSize}` };
  const path = proof.consistencyPath.map(fromBase64);
  if (path.some((hash) => hash === undefined)) return { ok: false, reason: 'proof-fails', detail: 'not base64' };
  const holds = await verifyConsistency(
    older.checkpoint.treeSize,
    newer.checkpoint.treeSize,
    older.checkpoint.rootHash,
    newer.checkpoint.rootHash,
    path as Uint8Array[],
  );
  return holds ? { ...newer, older: older.checkpoint } : { ok: false, reason: 'proof-fails' };
}
