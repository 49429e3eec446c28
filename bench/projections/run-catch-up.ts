import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import type { Machine } from '../environment.js';
import { engineCatchUp, type CatchUpFigures } from './engine-catch-up.js';
import { generateProvince } from './province.js';

/**
 * `BENCH_ONLY=catch-up`: the synthetic province of bench/projections, then the projection engine
 * catching up from position 0 on fresh read-models files, BENCH_CATCH_UP_RUNS times (default 3).
 *
 *   BENCH_PROJECTION_EVENTS=200000   size of the province
 *   BENCH_CATCH_UP_PROJECTIONS=a,b   only these projections (default: all of ALL_PROJECTIONS)
 */
const EVENTS = Number(process.env.BENCH_PROJECTION_EVENTS ?? 200_000);
const RUNS = Number(process.env.BENCH_CATCH_UP_RUNS ?? 3);
const ONLY = process.env.BENCH_CATCH_UP_PROJECTIONS?.split(',');

export async function runCatchUpBench(projectRoot: string, folder: string, machine: Machine): Promise<void> {
  console.log(`\nProjection engine catch-up: ${machine.cores} x ${machine.cpuModel}, Node ${machine.node}, files on ${machine.filesystem}`);
  const store = new SqliteEventStore(join(folder, 'province-events.db'));
  try {
    await generateProvince(store, EVENTS, 256, (events) =>
      process.stdout.write(`\r  generating: ${events.toLocaleString('en-US')} events`),
    );
    process.stdout.write('\n');
    const runs: CatchUpFigures[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      (globalThis as { gc?: () => void }).gc?.();
      const figures = await engineCatchUp(folder, store, `catch-up-${run}.db`, ONLY);
      runs.push(figures);
      console.log(
        `  run ${run + 1}/${RUNS}: ${figures.projections} projections caught up with ${figures.events.toLocaleString('en-US')} events in ${figures.seconds.toFixed(1)} s = ${Math.round(figures.perSecond).toLocaleString('en-US')} events/s of the feed (CPU ${figures.cpuSeconds.toFixed(1)} s)`,
      );
    }
    mkdirSync(join(projectRoot, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(projectRoot, 'bench', 'results', 'catch-up-latest.json'),
      `${JSON.stringify({ at: new Date().toISOString(), machine, events: EVENTS, runs }, null, 2)}\n`,
    );
  } finally {
    await store.close();
  }
}
