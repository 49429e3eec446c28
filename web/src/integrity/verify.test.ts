// @vitest-environment node
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
// The vectors come from the service's own code: its Merkle tree, its proofs, its signer.
import { MerkleFrontier, type MerkleNode } from '../../../src/integrity/merkle/merkle-frontier';
import { leafHash } from '../../../src/integrity/merkle/merkle-hash';
import { MerkleProofs } from '../../../src/integrity/merkle/merkle-proofs';
import { CheckpointSigner } from '../../../src/integrity/checkpoint/checkpoint-signer';
import { checkConsistency, checkInclusion } from './verify';

const ORIGIN = 'ledger.test.gov.vn/log';

function serverLog(leaves: number) {
  const nodes = new Map<string, Buffer>();
  const frontier = new MerkleFrontier();
  const roots: Buffer[] = [];
  for (let index = 0; index < leaves; index += 1) {
    for (const node of frontier.append(leafHash(Buffer.from(`event ${index}`))) as MerkleNode[])
      nodes.set(`${node.level}:${node.index}`, node.hash);
    roots.push(frontier.root());
  }
  const proofs = new MerkleProofs((level, index) => nodes.get(`${level}:${index}`)!);
  const { privateKey } = generateKeyPairSync('ed25519');
  const signer = new CheckpointSigner(ORIGIN, privateKey);
  return {
    key: signer.verifierKey.text,
    checkpoint: (size: number) => signer.sign(size, roots[size - 1]),
    inclusion: (leafIndex: number, treeSize: number) => ({
      eventId: `e-${leafIndex}`,
      globalPosition: leafIndex + 1,
      leafIndex,
      treeSize,
      leafHash: leafHash(Buffer.from(`event ${leafIndex}`)).toString('base64'),
      auditPath: proofs.inclusionProof(leafIndex, treeSize).map((hash) => hash.toString('base64')),
      checkpoint: null,
    }),
    consistency: (fromSize: number, toSize: number) => ({
      fromSize,
      toSize,
      consistencyPath: proofs.consistencyProof(fromSize, toSize).map((hash) => hash.toString('base64')),
    }),
  };
}

describe('the browser verifier against proofs and checkpoints made by the service code', () => {
  const log = serverLog(37);

  it('accepts every leaf of trees of every size, signed by the key', async () => {
    for (const treeSize of [1, 2, 3, 7, 8, 16, 37]) {
      for (const leafIndex of new Set([0, Math.floor(treeSize / 2), treeSize - 1])) {
        const verdict = await checkInclusion(log.inclusion(leafIndex, treeSize), log.checkpoint(treeSize), log.key);
        expect({ treeSize, leafIndex, ok: verdict.ok }).toEqual({ treeSize, leafIndex, ok: true });
      }
    }
  });

  it('reads the checkpoint as the API answers it (JSON with its note) as well as the bare note', async () => {
    const json = JSON.stringify({ origin: ORIGIN, treeSize: 37, note: log.checkpoint(37) });
    expect((await checkInclusion(log.inclusion(5, 37), json, log.key)).ok).toBe(true);
  });

  it('refuses a proof whose leaf or path was changed', async () => {
    const proof = log.inclusion(5, 37);
    const otherLeaf = { ...proof, leafHash: log.inclusion(6, 37).leafHash };
    expect(await checkInclusion(otherLeaf, log.checkpoint(37), log.key)).toMatchObject({ ok: false, reason: 'proof-fails' });
    const bentPath = { ...proof, auditPath: [...proof.auditPath].reverse() };
    expect(await checkInclusion(bentPath, log.checkpoint(37), log.key)).toMatchObject({ ok: false, reason: 'proof-fails' });
    expect(await checkInclusion({ ...proof, leafIndex: 4 }, log.checkpoint(37), log.key)).toMatchObject({
      ok: false,
      reason: 'proof-fails',
    });
  });

  it('refuses a checkpoint signed by another key, or changed after signing', async () => {
    const other = serverLog(37);
    expect(await checkInclusion(log.inclusion(5, 37), other.checkpoint(37), log.key)).toMatchObject({ ok: false, reason: 'bad-signature' });
    const forged = log.checkpoint(37).replace('\n37\n', '\n36\n');
    expect(await checkInclusion(log.inclusion(5, 36), forged, log.key)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a proof for another tree size than the checkpoint, and a key that is not one', async () => {
    expect(await checkInclusion(log.inclusion(5, 20), log.checkpoint(37), log.key)).toMatchObject({ ok: false, reason: 'size-mismatch' });
    expect(await checkInclusion(log.inclusion(5, 37), log.checkpoint(37), 'not a key')).toMatchObject({ ok: false, reason: 'bad-key' });
    const wrongId = log.key.replace(/\+([0-9a-f]{8})\+/, '+00000000+');
    expect(await checkInclusion(log.inclusion(5, 37), log.checkpoint(37), wrongId)).toMatchObject({ ok: false, reason: 'bad-key' });
  });

  it('checks that a newer checkpoint extends an older one, and refuses a proof between other sizes', async () => {
    for (const [from, to] of [
      [1, 37],
      [8, 37],
      [13, 20],
      [37, 37],
    ]) {
      const verdict = await checkConsistency(log.consistency(from, to), log.checkpoint(from), log.checkpoint(to), log.key);
      expect({ from, to, ok: verdict.ok }).toEqual({ from, to, ok: true });
    }
    expect(await checkConsistency(log.consistency(12, 37), log.checkpoint(13), log.checkpoint(37), log.key)).toMatchObject({ ok: false });
    const bent = { ...log.consistency(13, 37), consistencyPath: [...log.consistency(13, 37).consistencyPath].reverse() };
    expect(await checkConsistency(bent, log.checkpoint(13), log.checkpoint(37), log.key)).toMatchObject({
      ok: false,
      reason: 'proof-fails',
    });
  });
});
