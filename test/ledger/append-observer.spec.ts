import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppendObserver, AppendOutcome, CommitObservation } from '../../src/ledger/append-observer.js';
import type { EventStore } from '../../src/ledger/event-store.port.js';
import { EventStoreDbEventStore } from '../../src/ledger/eventstoredb/eventstoredb-event-store.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { startFakeEventStoreDb, type FakeEventStoreDb } from '../support/fake-eventstoredb/index.js';
import { newEvent, newEvents, uniqueStream } from '../support/new-events.js';

class Recorder implements AppendObserver {
  readonly commits: CommitObservation[] = [];
  readonly outcomes: AppendOutcome[] = [];
  committed(commit: CommitObservation): void {
    this.commits.push(commit);
  }
  appended(outcome: AppendOutcome): void {
    this.outcomes.push(outcome);
  }
}

/** What each adapter tells the metrics: every append's outcome, and each durable commit with the appends it carried. */
describe.each([
  ['the embedded store', 'sqlite'],
  ['EventStoreDB', 'eventstoredb'],
] as const)('%s reports its appends', (_name, kind) => {
  let folder: string;
  let server: FakeEventStoreDb | undefined;
  let store: EventStore;
  let recorder: Recorder;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-observer-'));
    if (kind === 'sqlite') store = new SqliteEventStore(join(folder, 'events.db'));
    else {
      server = await startFakeEventStoreDb();
      store = new EventStoreDbEventStore(server.connectionString);
    }
    recorder = new Recorder();
    store.observeAppends!(recorder);
  });
  afterEach(async () => {
    await store.close();
    await server?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('written, replayed and conflict, and a commit for each write', async () => {
    const stream = uniqueStream();
    const first = newEvents(2);
    await store.append(stream, first, 'no-stream');
    await store.append(stream, first, 'no-stream'); // a faithful repeat: nothing written
    await expect(store.append(stream, [newEvent()], 5)).rejects.toMatchObject({ code: 'LEDGER.WRONG_EXPECTED_REVISION' });
    expect(recorder.outcomes).toEqual(['written', 'replayed', 'conflict']);
    expect(recorder.commits[0]).toEqual({ appends: 1, events: 2, seconds: expect.any(Number) });
    expect(recorder.commits.reduce((events, commit) => events + commit.events, 0)).toBe(2);
  });

  it('a fault in the observer never fails the append', async () => {
    store.observeAppends!({
      committed: () => {
        throw new Error('figures broken');
      },
      appended: () => {
        throw new Error('figures broken');
      },
    });
    await expect(store.append(uniqueStream(), [newEvent()], 'no-stream')).resolves.toMatchObject({ idempotentReplay: false });
  });

  if (kind === 'sqlite') {
    it('groups the appends of one turn of the event loop in one commit, and says how many', async () => {
      await Promise.all(Array.from({ length: 10 }, () => store.append(uniqueStream(), [newEvent()], 'no-stream')));
      expect(recorder.commits).toEqual([{ appends: 10, events: 10, seconds: expect.any(Number) }]);
      expect(recorder.outcomes).toEqual(Array(10).fill('written'));
    });
  }
});
