import { EMPTY_ROOT, leafHash } from '../../src/integrity/merkle/merkle-hash.js';
import { MerkleFrontier } from '../../src/integrity/merkle/merkle-frontier.js';
import { MerkleProofs } from '../../src/integrity/merkle/merkle-proofs.js';
import { rootFromInclusionProof, verifyConsistency, verifyInclusion } from '../../src/integrity/merkle/merkle-verification.js';
import { naiveTree } from './naive-merkle-tree.js';

const hex = (text: string): Buffer => Buffer.from(text, 'hex');
const hexes = (hashes: readonly Buffer[]): string[] => hashes.map((hash) => hash.toString('hex'));

/** A tree kept as the log keeps it: the complete nodes each append reports, in a map. */
function storedTree(leafInputs: readonly Buffer[]): { frontier: MerkleFrontier; proofs: MerkleProofs; roots: Buffer[] } {
  const nodes = new Map<string, Buffer>();
  const frontier = new MerkleFrontier();
  const roots = [frontier.root()];
  for (const input of leafInputs) {
    for (const node of frontier.append(leafHash(input))) nodes.set(`${node.level}/${node.index}`, node.hash);
    roots.push(frontier.root());
  }
  const proofs = new MerkleProofs((level, index) => {
    const hash = nodes.get(`${level}/${index}`);
    if (!hash) throw new Error(`node ${level}/${index} was never stored`);
    return hash;
  });
  return { frontier, proofs, roots };
}

describe('the Merkle log against a literal reading of RFC 9162, every tree size from 1 to 130', () => {
  const leaves = Array.from({ length: 130 }, (_, index) => Buffer.from(`ledger event ${index}`));
  const { proofs, roots } = storedTree(leaves);
  const naive = naiveTree(leaves);

  it('computes the same root incrementally, from stored subtrees, and naively', () => {
    expect(roots[0]).toEqual(EMPTY_ROOT);
    for (let size = 1; size <= 130; size += 1) {
      const expected = naive.root(size).toString('hex');
      expect(roots[size].toString('hex')).toBe(expected);
      expect(proofs.root(size).toString('hex')).toBe(expected);
    }
  });

  it('builds every inclusion proof as PATH(m, D[n]) does, and each one verifies', () => {
    for (let size = 1; size <= 130; size += 1) {
      for (let index = 0; index < size; index += 1) {
        const path = proofs.inclusionProof(index, size);
        expect(hexes(path)).toEqual(hexes(naive.path(index, size)));
        expect(verifyInclusion(index, size, leafHash(leaves[index]), path, roots[size])).toBe(true);
      }
    }
  });

  it('builds every consistency proof as PROOF(m, D[n]) does, and each one verifies', () => {
    for (let size = 1; size <= 130; size += 1) {
      for (let from = 0; from <= size; from += 1) {
        const path = proofs.consistencyProof(from, size);
        expect(hexes(path)).toEqual(hexes(naive.consistency(from, size)));
        expect(verifyConsistency(from, size, roots[from], roots[size], path)).toBe(true);
      }
    }
  });

  it('rejects an inclusion proof for another leaf, another place, another size or with one bit flipped', () => {
    for (const [index, size] of [
      [0, 2],
      [5, 7],
      [63, 64],
      [64, 65],
      [100, 130],
      [129, 130],
    ]) {
      const leaf = leafHash(leaves[index]);
      const path = proofs.inclusionProof(index, size);
      expect(verifyInclusion(index, size, leafHash(leaves[(index + 1) % size]), path, roots[size])).toBe(false);
      expect(verifyInclusion(index ^ 1, size, leaf, path, roots[size])).toBe(false);
      expect(verifyInclusion(index, size * 2, leaf, path, roots[size])).toBe(false);
      expect(verifyInclusion(index, size, leaf, path, roots[size - 1])).toBe(false);
      expect(verifyInclusion(index, size, leaf, [...path, roots[size]], roots[size])).toBe(false);
      expect(verifyInclusion(index, size, leaf, path.slice(1), roots[size])).toBe(false);
      path.forEach((_, position) => {
        const flipped = path.map((hash) => Buffer.from(hash));
        flipped[position][0] ^= 8;
        expect(verifyInclusion(index, size, leaf, flipped, roots[size])).toBe(false);
      });
    }
  });

  it('rejects a consistency proof between a tree and a forged continuation of it', () => {
    for (const [from, to, forged] of [
      [1, 2, 0],
      [6, 8, 3],
      [7, 130, 2],
      [64, 100, 63],
      [65, 130, 64],
      [100, 130, 99],
    ]) {
      const rewritten = [...leaves.slice(0, to)];
      rewritten[forged] = Buffer.from(`forged event ${forged}`);
      const forgedRoots = storedTree(rewritten);
      const path = forgedRoots.proofs.consistencyProof(from, to);
      // The forger proves its own trees consistent with each other...
      expect(verifyConsistency(from, to, forgedRoots.roots[from], forgedRoots.roots[to], path)).toBe(true);
      // ...but not with the earlier checkpoint the auditor holds, nor the genuine later tree with the forged earlier one.
      expect(verifyConsistency(from, to, roots[from], forgedRoots.roots[to], path)).toBe(false);
      expect(verifyConsistency(from, to, forgedRoots.roots[from], roots[to], path)).toBe(false);
      expect(verifyConsistency(from, to, roots[from], forgedRoots.roots[to], proofs.consistencyProof(from, to))).toBe(false);
    }
  });
});

/**
 * The RFC 6962 test tree (8 leaves) published with Certificate Transparency and kept by
 * transparency-dev/merkle (testonly/constants.go, proof/verify_test.go); leaf numbers there are 1-based.
 */
describe('the published Certificate Transparency test vectors', () => {
  const leafInputs = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
  const rootHashes = [
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];
  const { proofs, roots } = storedTree(leafInputs);

  it('gives the published root for every size from 0 to 8', () => {
    expect(roots.map((root) => root.toString('hex'))).toEqual(rootHashes);
  });

  it.each([
    [
      1,
      8,
      [
        '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
      ],
    ],
    [
      6,
      8,
      [
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
        'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ],
    ],
    [3, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
    [
      2,
      5,
      [
        '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      ],
    ],
  ])('inclusion of leaf %i (1-based) in a tree of %i: the published audit path', (leaf, size, expected) => {
    expect(hexes(proofs.inclusionProof(leaf - 1, size))).toEqual(expected);
    expect(rootFromInclusionProof(leaf - 1, size, leafHash(leafInputs[leaf - 1]), expected.map(hex))?.toString('hex')).toBe(
      rootHashes[size],
    );
  });

  it.each([
    [
      1,
      8,
      [
        '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
      ],
    ],
    [
      6,
      8,
      [
        '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
        'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ],
    ],
    [
      2,
      5,
      [
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      ],
    ],
    [
      6,
      7,
      [
        '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
        'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ],
    ],
  ])('consistency from %i to %i: the published proof', (from, to, expected) => {
    expect(hexes(proofs.consistencyProof(from, to))).toEqual(expected);
    expect(verifyConsistency(from, to, hex(rootHashes[from]), hex(rootHashes[to]), expected.map(hex))).toBe(true);
    expect(verifyConsistency(from, to, hex(rootHashes[to]), hex(rootHashes[from]), expected.map(hex))).toBe(false);
    expect(verifyConsistency(from, to, hex(rootHashes[from]), hex(rootHashes[to]), expected.slice(0, -1).map(hex))).toBe(false);
  });

  it('treats the trivial cases as the RFC does: equal sizes need equal roots and no proof, an empty tree precedes any', () => {
    const some = hex(rootHashes[3]);
    expect(verifyConsistency(3, 3, some, some, [])).toBe(true);
    expect(verifyConsistency(3, 3, some, hex(rootHashes[4]), [])).toBe(false);
    expect(verifyConsistency(3, 3, some, some, [some])).toBe(false);
    expect(verifyConsistency(0, 5, EMPTY_ROOT, hex(rootHashes[5]), [])).toBe(true);
    expect(verifyConsistency(2, 1, some, some, [])).toBe(false);
    expect(verifyConsistency(1, 2, hex(rootHashes[1]), hex(rootHashes[2]), [])).toBe(false);
    expect(verifyInclusion(0, 0, leafHash(leafInputs[0]), [], EMPTY_ROOT)).toBe(false);
    expect(verifyInclusion(0, 1, leafHash(leafInputs[0]), [], hex(rootHashes[1]))).toBe(true);
    expect(() => proofs.inclusionProof(8, 8)).toThrow(RangeError);
  });
});

describe('proofs against one checkpoint share what they can', () => {
  it('reads the ragged right edge and the high subtrees once, and still builds the proofs PATH(m, D[n]) builds', () => {
    const leaves = Array.from({ length: 3000 }, (_, index) => Buffer.from(`ledger event ${index}`));
    const { proofs: stored } = storedTree(leaves);
    let reads = 0;
    const counting = new MerkleProofs((level, index) => {
      reads += 1;
      return stored.rangeHash(index * 2 ** level, (index + 1) * 2 ** level);
    });
    const naive = naiveTree(leaves);
    const readsFor = (leafIndex: number): number => {
      reads = 0;
      expect(hexes(counting.inclusionProof(leafIndex, 2999))).toEqual(hexes(naive.path(leafIndex, 2999)));
      return reads;
    };

    const first = readsFor(5);
    const second = readsFor(6);
    const third = readsFor(700);

    expect(first).toBe(19); // 11 levels of its path in the left 2^11 subtree, 8 pieces of the ragged right edge
    expect(second).toBe(8); // its neighbour: only the levels below 2^8 of its own path
    expect(third).toBe(10); // farther away: those, and the two high siblings no proof had needed yet
  });
});
