import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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
    const leaf = after.leafAtPosition(31)!;
    expect(leaf).toMatchObject({ leafIndex: 30, globalPosition: 31 });
    expect(verifyInclusion(30, 57, leaf.leafHash, after.proofs.inclusionProof(30, 57), reference.root())).toBe(true);
    after.close();
  });

  it('refuses events not after its position and keeps nothing of the refused batch', () => {
    const log = new MerkleLog(join(folder, 'integrity.db'), { eventIndex: true });
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

  describe('the leaf at a global position', () => {
    it('is leaf p - 1 where positions are dense, and nothing beyond the log', () => {
      const log = new MerkleLog(join(folder, 'integrity.db'));
      log.append(Array.from({ length: 40 }, (_, index) => recorded(index + 1)));

      expect(log.leafAtPosition(1)).toMatchObject({ leafIndex: 0, globalPosition: 1, eventId: recorded(1).eventId });
      expect(log.leafAtPosition(40)).toMatchObject({ leafIndex: 39, leafHash: eventLeafHash(recorded(40)) });
      expect(log.leafAtPosition(41)).toBeUndefined();
      expect(log.leafAtPosition(0)).toBeUndefined();
      expect(log.leafAtPosition(1.5)).toBeUndefined();
      log.close();
    });

    it('is found by a search where positions have gaps (EventStoreDB), the same as a scan of every leaf', () => {
      const log = new MerkleLog(join(folder, 'integrity.db'), { eventIndex: true });
      const positions = [3, 4, 9, 10, 11, 25, 26, 100, 101, 230, 231, 232, 1000, 4096, 4097, 99999];
      log.append(positions.map(recorded));

      for (let position = 0; position <= 100_001; position += position < 5000 ? 1 : 997) {
        const index = positions.indexOf(position);
        const found = log.leafAtPosition(position);
        expect({ position, leafIndex: found?.leafIndex }).toEqual({ position, leafIndex: index === -1 ? undefined : index });
      }
      expect(log.leafAtPosition(99999)).toEqual(log.leafOfEvent(recorded(99999).eventId));
      log.close();
    });
  });

  describe('the index of event ids', () => {
    const oldLayout = `
      CREATE TABLE merkle_leaves (
        leaf_index      INTEGER PRIMARY KEY,
        global_position INTEGER NOT NULL,
        event_id        TEXT    NOT NULL UNIQUE,
        leaf_hash       BLOB    NOT NULL,
        is_checkpoint   INTEGER NOT NULL
      ) STRICT;`;

    it('is built when asked for and dropped when not, the leaves and the root unchanged', () => {
      const file = join(folder, 'integrity.db');
      const events = Array.from({ length: 23 }, (_, index) => recorded(index + 1));
      const withIndex = new MerkleLog(file, { eventIndex: true });
      withIndex.append(events);
      const root = withIndex.root();
      expect(withIndex.hasEventIndex).toBe(true);
      expect(withIndex.leafOfEvent(events[9].eventId)?.leafIndex).toBe(9);
      withIndex.close();

      const without = new MerkleLog(file);
      expect(without.hasEventIndex).toBe(false);
      expect(() => without.leafOfEvent(events[9].eventId)).toThrow(/keeps no index of event ids/);
      expect(without.root()).toEqual(root);
      expect(without.leafAtPosition(10)?.eventId).toBe(events[9].eventId);
      without.close();

      const again = new MerkleLog(file, { eventIndex: true });
      expect(again.leafOfEvent(events[22].eventId)?.leafIndex).toBe(22);
      again.close();
    });

    it('is taken out of a file of the older layout (UNIQUE in the table), every leaf kept', () => {
      const file = join(folder, 'integrity.db');
      const events = Array.from({ length: 31 }, (_, index) => recorded(index + 1));
      const reference = new MerkleLog(join(folder, 'reference.db'));
      reference.append(events);
      const old = new Database(file);
      old.exec(oldLayout);
      old.close();
      const filled = new MerkleLog(file, { eventIndex: true });
      filled.append(events);
      filled.close();

      const migrated = new MerkleLog(file);

      expect(migrated.hasEventIndex).toBe(false);
      expect(migrated.size).toBe(31);
      expect(migrated.root()).toEqual(reference.root());
      for (let index = 0; index < 31; index += 1) expect(migrated.leafAt(index)).toEqual(reference.leafAt(index));
      migrated.append([recorded(32)]);
      reference.append([recorded(32)]);
      expect(migrated.root()).toEqual(reference.root());
      migrated.close();
      reference.close();
    });
  });
});
