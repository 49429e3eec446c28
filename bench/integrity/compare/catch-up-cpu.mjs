// node bench/integrity/compare/catch-up-cpu.mjs <events> <label>=<dist-bench folder> ...
//
// The CPU (both threads, the main one idle) each tree's Merkle log worker spends per event to catch up
// with a store filled beforehand by 64 writers: the log's own cost, which wall-clock rates on a shared
// machine hide. Alternating repetitions; the roots printed must be equal.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const [count, ...builds] = process.argv.slice(2);
const folder = mkdtempSync(join(tmpdir(), 'merkle-catch-up-cpu-'));
const first = builds[0].split('=')[1];
const { SqliteEventStore } = await import(join(first, 'src/ledger/sqlite/sqlite-event-store.js'));
const { benchEvent } = await import(join(first, 'bench/workloads.js'));
const store = new SqliteEventStore(join(folder, 'events.db'));
const exp = Array(64).fill('no-stream');
let n = 0;
while (n < Number(count)) {
  await Promise.all(
    exp.map(async (e, i) => {
      const r = await store.append(`s-${i}`, [benchEvent(n++)], exp[i]);
      exp[i] = r.nextExpectedRevision;
    }),
  );
}
const head = await store.headPosition();
for (let rep = 0; rep < 3; rep++)
  for (const spec of builds) {
    const [label, root] = spec.split('=');
    const { MerkleLog } = await import(join(root, 'src/integrity/log/merkle-log.js'));
    const { WorkerMerkleLogFollower } = await import(join(root, 'src/integrity/log/worker-merkle-log-follower.js'));
    const log = new MerkleLog(join(folder, `${label}-${rep}-integrity.db`));
    const cpu = process.cpuUsage();
    const t = performance.now();
    const f = new WorkerMerkleLogFollower(log, log.filename, { feed: store.storedFeed });
    f.start();
    if (!(await f.waitFor(head, 120000))) throw new Error('no catch-up');
    const used = process.cpuUsage(cpu);
    console.log(
      `${label.padEnd(8)} ${head} events: ${((used.user + used.system) / head).toFixed(1)} us CPU/event (user ${(used.user / head).toFixed(1)}, sys ${(used.system / head).toFixed(1)}), ${(performance.now() - t).toFixed(0)} ms, root ${log.root().toString('hex').slice(0, 12)}`,
    );
    await f.stop();
    log.close();
  }
await store.close();
rmSync(folder, { recursive: true, force: true });
