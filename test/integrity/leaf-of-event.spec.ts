import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';
import { CheckpointSigner } from '../../src/integrity/checkpoint/checkpoint-signer.js';
import { IntegrityLog } from '../../src/integrity/integrity-log.js';
import { eventLeafHash } from '../../src/integrity/log/leaf-encoding.js';
import { MerkleLog } from '../../src/integrity/log/merkle-log.js';
import type { EventStore } from '../../src/ledger/event-store.port.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { newEvent } from '../support/new-events.js';

/**
 * An event's leaf over the embedded store, whose log keeps no index of event ids: the store's unique
 * index gives the event's global position, and the log the leaf at that position.
 */
describe("an event's leaf found through the store's own index of event ids", () => {
  let folder: string;
  let store: SqliteEventStore;
  let integrity: IntegrityLog;
  const signer = new CheckpointSigner('ledger.test/leaf-of-event', generateKeyPairSync('ed25519').privateKey);
  const open = (): void => {
    store = new SqliteEventStore(join(folder, 'events.db'));
    const config = loadLedgerConfig({ LEDGER_DATA_DIR: folder, LEDGER_CHECKPOINT_EVERY_EVENTS: '0', LEDGER_CHECKPOINT_EVERY_MINUTES: '0' });
    integrity = new IntegrityLog(new MerkleLog(join(folder, 'integrity.db')), store, signer, config);
  };
  const close = async (): Promise<void> => {
    await integrity.stop();
    integrity.log.close();
    await store.close();
  };

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-leaf-of-event-'));
    open();
  });
  afterEach(async () => {
    await close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives the leaf of a logged event, the same after a restart of the store and the log', async () => {
    const events = [newEvent(), newEvent('CaseAcknowledged', {}), newEvent('CaseNoted', { index: 2 })];
    await store.append('case-a', events.slice(0, 2), 'no-stream');
    await store.append('case-b', events.slice(2), 'no-stream');
    integrity.start();
    expect(await integrity.follower.waitFor(3, 5000)).toBe(true);

    const recorded = (await store.readStream('case-a'))[1];
    const leaf = await integrity.leafOfEvent(recorded.eventId);
    expect(integrity.log.hasEventIndex).toBe(false);
    expect(leaf).toEqual({ leafIndex: 1, globalPosition: 2, eventId: recorded.eventId, leafHash: eventLeafHash(recorded) });

    await close();
    open();
    expect(await integrity.leafOfEvent(recorded.eventId)).toEqual(leaf);
    expect((await integrity.leafOfEvent(events[2].eventId))?.leafIndex).toBe(2);
  });

  it('gives nothing for an id no event has, and the proof is refused as not logged', async () => {
    await store.append('case-a', [newEvent()], 'no-stream');
    integrity.start();
    expect(await integrity.follower.waitFor(1, 5000)).toBe(true);
    await integrity.checkpointNow();

    const unknown = '5b1e1a52-3c1f-4c55-9d0a-7f4e2b8c9d01';
    expect(await integrity.leafOfEvent(unknown)).toBeUndefined();
    await expect(integrity.inclusionProof(unknown, undefined)).rejects.toMatchObject({ code: 'INTEGRITY.EVENT_NOT_LOGGED' });
  });

  it('gives nothing for an event the store has but the log has not reached yet, and its leaf once logged', async () => {
    const logged = newEvent();
    await store.append('case-a', [logged], 'no-stream');
    integrity.start();
    expect(await integrity.follower.waitFor(1, 5000)).toBe(true);
    await integrity.stop();
    const later = newEvent('CaseAcknowledged', {});
    await store.append('case-a', [later], 0);

    expect(await store.positionOfEvent(later.eventId)).toBe(2);
    expect(await integrity.leafOfEvent(later.eventId)).toBeUndefined();
    await expect(integrity.inclusionProof(later.eventId, undefined)).rejects.toMatchObject({ code: 'INTEGRITY.EVENT_NOT_LOGGED' });

    integrity.start();
    expect(await integrity.follower.waitFor(2, 5000)).toBe(true);
    expect(await integrity.leafOfEvent(later.eventId)).toMatchObject({ leafIndex: 1, globalPosition: 2, eventId: later.eventId });
  });

  it('proves the inclusion of an event found this way against the signed checkpoint', async () => {
    const events = Array.from({ length: 9 }, (_, index) => newEvent('CaseNoted', { index }));
    for (const event of events) await store.append(`case-${events.indexOf(event) % 3}`, [event], 'any');
    integrity.start();
    expect(await integrity.follower.waitFor(9, 5000)).toBe(true);
    const checkpoint = await integrity.checkpointNow();

    const proof = await integrity.inclusionProof(events[6].eventId, undefined);

    expect(proof).toMatchObject({ eventId: events[6].eventId, globalPosition: 7, leafIndex: 6, treeSize: checkpoint.treeSize });
    expect(proof.checkpoint).toBe(checkpoint.note);
  });

  it('refuses a log without an index of event ids over a store that cannot say where an event is', () => {
    const withoutLookup = { densePositions: false } as unknown as EventStore;
    const log = new MerkleLog(join(folder, 'other-integrity.db'));
    const config = loadLedgerConfig({ LEDGER_DATA_DIR: folder });

    expect(() => new IntegrityLog(log, withoutLookup, signer, config)).toThrow(/keeps no index of event ids/);
    log.close();
  });
});
