import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ExpectedRevision } from '../../src/ledger/event-store.port.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { MerkleLog } from '../../src/integrity/log/merkle-log.js';
import type { LogFollower } from '../../src/integrity/log/merkle-log-follower.js';
import { WorkerMerkleLogFollower } from '../../src/integrity/log/worker-merkle-log-follower.js';
import { benchEvent, type Rate } from '../workloads.js';

/**
 * Appends through the port, as (a) and (b) of the store bench, with the Merkle log's follower running
 * as the service runs it for the embedded store (a worker thread with its own connections) or not. With the log on, a round is timed until the log has
 * caught up with the last append, so the figure is what the pair sustains, not appends that merely
 * left the log behind.
 */
export class AppendsWithLog {
  private readonly store: SqliteEventStore;
  private readonly log?: MerkleLog;
  private readonly follower?: LogFollower;
  private readonly expected: ExpectedRevision[];
  private next = 0;

  constructor(
    folder: string,
    readonly name: string,
    private readonly writers: number,
    withLog: boolean,
  ) {
    this.store = new SqliteEventStore(join(folder, `${name}.db`));
    this.expected = Array.from({ length: writers }, () => 'no-stream' as ExpectedRevision);
    if (withLog) {
      this.log = new MerkleLog(join(folder, `${name}-integrity.db`));
      this.follower = new WorkerMerkleLogFollower(this.log, this.log.filename, { feed: this.store.storedFeed });
      this.follower.start();
    }
  }

  async run(ms: number): Promise<Rate & { logLagMs: number }> {
    const cpu = process.cpuUsage();
    const startedAt = performance.now();
    const end = startedAt + ms;
    let events = 0;
    let last = 0;
    const writer = async (index: number): Promise<void> => {
      while (performance.now() < end) {
        const result = await this.store.append(`${this.name}-${index}`, [benchEvent(this.next++)], this.expected[index]);
        this.expected[index] = result.nextExpectedRevision;
        last = Math.max(last, result.lastGlobalPosition);
        events += 1;
      }
    };
    await Promise.all(Array.from({ length: this.writers }, (_, index) => writer(index)));
    const appendsDone = performance.now();
    if (this.follower && !(await this.follower.waitFor(last, 60_000)))
      throw new Error(`${this.name}: the Merkle log did not catch up within 60 s`);
    const seconds = (performance.now() - startedAt) / 1000;
    const used = process.cpuUsage(cpu);
    return {
      events,
      seconds,
      perSecond: events / seconds,
      cpuMicrosPerEvent: (used.user + used.system) / Math.max(events, 1),
      logLagMs: performance.now() - appendsDone,
    };
  }

  logSize(): number {
    return this.log?.size ?? 0;
  }

  async close(): Promise<void> {
    await this.follower?.stop();
    await this.store.close();
    this.log?.close();
  }
}
