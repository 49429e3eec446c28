import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventLeafHash } from '../../src/integrity/log/leaf-encoding.js';
import { MerkleLog } from '../../src/integrity/log/merkle-log.js';
import { MerkleFrontier } from '../../src/integrity/merkle/merkle-frontier.js';
import { verifyInclusion } from '../../src/integrity/merkle/merkle-verification.js';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';

const recorded = (position: number): RecordedEvent => ({
  eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  streamId: `case-${position % 7}`,
  streamRevision: Math.floor(position / 7),
  globalPosition: position,
  type: 'CaseNoted',
  schemaVersion: 1,
  data: { index: position },
  metadata: { actor: 'user:clerk-1', correlationId: 'c', causationId: null, occurredAt: '2026-03-09T08:00:00+07:00' },
  recordedAt: '2026-03-09T01:00:00.000Z',
  previousHash: null,
  hash: 'ab'.repeat(32),
});

describe('the Merkle log file', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'ledger-merkle-log-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('goes on after a restart from the border it stored: roots and proofs as if it had never stopped', () => {
    const events = Array.from({ length: 57 }, (_, index) => recorded(index + 1));
    const reference = new MerkleFrontier();
    for (const event of events) reference.append(eventLeafHash(event));

    const before = new MerkleLog(join(folder, 'integrity.db'));
    before.append(events.slice(0, 20));
    before.append(events.slice(20, 37));
    before.close();
    const after = new MerkleLog(join(folder, 'integrity.db'));
    expect(after.size).toBe(37);
    expect(after.position).toBe(37);
    after.append(events.slice(37));
    expect(after.root()).toEqual(reference.root());
    expect(after.proofs.root(57)).toEqual(reference.root());
    const leaf = after.leafOfEvent(events[30].eventId)!;
    expect(leaf).toMatchObject({ leafIndex: 30, globalPosition: 31 });
    expect(verifyInclusion(30, 57, leaf.leafHash, after.proofs.inclusionProof(30, 57), reference.root())).toBe(true);
    after.close();
  });

  it('refuses events not after its position and keeps nothing of the refused batch', () => {
    const log = new MerkleLog(join(folder, 'integrity.db'));
    log.append([recorded(1), recorded(2)]);
    const root = log.root();
    expect(() => log.append([recorded(3), recorded(2)])).toThrow(
      'The Merkle log is at global position 3; event 00000000-0000-4000-8000-000000000002 at 2 is not after it',
    );
    expect(() => log.append([recorded(3), { ...recorded(4), eventId: recorded(1).eventId }])).toThrow(/UNIQUE/);
    expect(log.size).toBe(2);
    expect(log.root()).toEqual(root);
    log.refresh();
    expect(log.size).toBe(2);
    expect(log.root()).toEqual(root);
    log.close();
  });
});
