import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointSigner } from '../../src/integrity/checkpoint/checkpoint-signer.js';
import { Checkpointer, ordinaryEvents, type IntervalTimer } from '../../src/integrity/checkpoint/checkpointer.js';
import { MerkleLog } from '../../src/integrity/log/merkle-log.js';
import { MerkleLogFollower } from '../../src/integrity/log/merkle-log-follower.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { verifyLedger } from '../../src/integrity/verification/ledger-verifier.js';
import { newEvent } from '../support/new-events.js';

describe('when checkpoints are signed', () => {
  let folder: string;
  let store: SqliteEventStore;
  let log: MerkleLog;
  let follower: MerkleLogFollower;
  let checkpointer: Checkpointer;
  const signer = new CheckpointSigner('ledger.test/log', generateKeyPairSync('ed25519').privateKey);

  /** A timer the test fires by hand, remembering the interval it was set to. */
  const manualTimer = { milliseconds: 0, tick: () => {}, cancelled: false };
  const intervals: IntervalTimer = {
    every(milliseconds, tick) {
      Object.assign(manualTimer, { milliseconds, tick, cancelled: false });
      return { cancel: () => (manualTimer.cancelled = true) };
    },
  };

  function start(config: { checkpointEveryEvents: number; checkpointEveryMinutes: number }): void {
    follower = new MerkleLogFollower(log, store, { onAppended: (events) => checkpointer.afterAppended(ordinaryEvents(events)) });
    checkpointer = new Checkpointer(log, store, follower, signer, config, () => new Date('2026-03-09T01:00:00Z'), intervals);
    checkpointer.start();
    follower.start();
  }

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-checkpointer-'));
    store = new SqliteEventStore(join(folder, 'events.db'), { externalChangePollMs: 20 });
    log = new MerkleLog(join(folder, 'integrity.db'));
  });
  afterEach(async () => {
    follower.stop();
    checkpointer.stop();
    await store.close();
    log.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const settle = async (): Promise<void> => {
    expect(await follower.waitFor(await store.headPosition(), 2000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await follower.waitFor(await store.headPosition(), 2000)).toBe(true);
  };

  it('every M events, not counting the checkpoint events themselves', async () => {
    start({ checkpointEveryEvents: 5, checkpointEveryMinutes: 0 });
    for (let index = 0; index < 12; index += 1) {
      await store.append(`case-${index}`, [newEvent()], 'no-stream');
      await settle();
    }
    // 5 events -> checkpoint of 5 (its event is leaf 6); 5 more (tree of 11) -> the checkpoint of the tree
    // at the last multiple of 5, 10, so that every instance counting the same feed signs the same sizes
    // (its event is leaf 12); 2 more pending.
    expect(log.checkpoints().map((checkpoint) => checkpoint.treeSize)).toEqual([5, 10]);
    expect((await store.readStream('integrity-checkpoints')).map((event) => event.data.treeSize)).toEqual([5, 10]);
    expect(log.size).toBe(14);
  });

  it('every N minutes when events arrived since the last one, and not when the ledger is quiet', async () => {
    start({ checkpointEveryEvents: 0, checkpointEveryMinutes: 10 });
    expect(manualTimer.milliseconds).toBe(600_000);
    manualTimer.tick(); // nothing recorded yet
    await settle();
    expect(log.checkpoints()).toEqual([]);

    await store.append('case-1', [newEvent(), newEvent()], 'no-stream');
    await settle();
    expect(log.checkpoints()).toEqual([]); // no count threshold: waits for the timer
    manualTimer.tick();
    await settle();
    expect(log.checkpoints().map((checkpoint) => checkpoint.treeSize)).toEqual([2]);
    expect(log.size).toBe(3);

    manualTimer.tick(); // only the checkpoint's own event since: quiet
    await settle();
    expect(log.checkpoints()).toHaveLength(1);
    checkpointer.stop();
    expect(manualTimer.cancelled).toBe(true);
  });

  it('on demand even for an empty ledger: the checkpoint of the empty tree verifies, and so does the next', async () => {
    start({ checkpointEveryEvents: 0, checkpointEveryMinutes: 0 });
    expect((await checkpointer.checkpointNow()).treeSize).toBe(0);
    await store.append('case-1', [newEvent()], 'no-stream');
    expect((await checkpointer.checkpointNow()).treeSize).toBe(2); // the empty checkpoint's own event, then the case
    await settle();
    const report = await verifyLedger({ source: store.ledgerSource(), verifierKey: signer.verifierKey });
    expect(report).toMatchObject({ ok: true, firstProblem: null });
    expect(report.checkpointsMatched.map((checkpoint) => checkpoint.treeSize)).toEqual([0, 2]);
  });
});
