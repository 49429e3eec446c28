/**
 * `npm run bench`: the embedded store's throughput against the physical limit of the same disk, in
 * one run. See docs/benchmarks.md for what each figure means. Never part of `npm test`.
 *
 *   BENCH_ROUNDS=15 BENCH_ROUND_MS=600  interleaved rounds of raw, raw x64, (a) and (b), and their length
 *   BENCH_DIR=<folder>                  where the database files go (default .bench-data/, on disk)
 *   BENCH_STRICT=1                      exit with 1 when a target is missed
 *   BENCH_ONLY=store | projections | integrity | evidence | http | lists | personal-data | calendar | catch-up | import
 *                                       run one part only (default: store, projections, integrity, evidence, http and lists, in that order)
 *   BENCH_HTTP_CONNECTIONS, BENCH_HTTP_ROUNDS, BENCH_HTTP_ROUND_S   see bench/http/run-http.ts
 *   BENCH_PROJECTION_EVENTS=1000000     size of the read side's synthetic province (bench/projections)
 *   BENCH_ONLY=lists, BENCH_LISTS_EVENTS=1000000   the lists, search and worklists on their own province (bench/lists)
 *   BENCH_ONLY=console, BENCH_CONSOLE_EVENTS=1000000, BENCH_CONSOLE_DIR   the console's screens in headless Chromium on the built service (bench/console)
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describeMachine, makeBenchFolder } from './environment.js';
import { ConcurrentAppends, RawLoop, Reads, SequentialAppends, type Rate } from './workloads.js';
import { runProjectionsBench } from './projections/run-projections.js';
import { runPersonalDataBench } from './personal-data/run-personal-data.js';
import { runIntegrityBench } from './integrity/run-integrity.js';
import { runHttpBench } from './http/run-http.js';
import { runCalendarBench } from './calendar/run-calendar.js';
import { runListsBench } from './lists/run-lists.js';
import { runCatchUpBench } from './projections/run-catch-up.js';
import { runEvidenceBench } from './evidence/run-evidence.js';
import { runImportBench } from './import/run-import.js';
import { runConsoleBench } from './console/run-console.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 600);
const WARM_UP_MS = 500;
const WRITERS = 64;
const READ_STREAM_LENGTH = 10_000;
const READ_OTHER_EVENTS = 40_000;
const READ_MS = 3000;
const TARGET_SEQUENTIAL = 0.8;
const TARGET_CONCURRENT = 3;

// Compiled to dist-bench/bench/run.js; the project root is two folders up either way.
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const resultsFile = join(projectRoot, 'bench', 'results', 'latest.json');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const perSecond = (value: number): string => Math.round(value).toLocaleString('en-US');
const times = (value: number): string => `${value.toFixed(2)}x`;

async function storeBench(): Promise<void> {
  const folder = makeBenchFolder(projectRoot);
  const machine = describeMachine(folder);
  const startedAt = new Date();
  console.log(
    `Bench: ${machine.cores} x ${machine.cpuModel}, Node ${machine.node}, SQLite ${machine.sqlite} (better-sqlite3 ${machine.betterSqlite3})`,
  );
  console.log(`Files in ${folder} (${machine.filesystem} on ${machine.device})`);
  if (['tmpfs', 'ramfs'].includes(machine.filesystem))
    console.log('WARNING: the bench folder is in memory: fsync costs nothing there, the durable figures mean nothing.');
  if ((globalThis as { gc?: unknown }).gc === undefined) console.log('(run with node --expose-gc for a collection between phases)');

  const raw = new RawLoop(folder);
  const rawGroup = new RawLoop(folder, WRITERS);
  const sequential = new SequentialAppends(folder);
  const concurrent = new ConcurrentAppends(folder, WRITERS);
  try {
    // Warm-up: JIT, page cache, first WAL growth; not counted.
    raw.run(WARM_UP_MS);
    rawGroup.run(WARM_UP_MS);
    await sequential.run(WARM_UP_MS);
    await concurrent.run(WARM_UP_MS);

    // The machine is noisy (a shared VM disk whose fsync latency drifts by 2-4x within seconds): the
    // write phases run in short interleaved rounds, in a rotating order, and each round's ratios are
    // taken against that same round's raw figure; the medians of those ratios are reported.
    const phases = ['raw', 'rawGroup', 'a', 'b'] as const;
    type Round = Record<(typeof phases)[number], Rate>;
    const rounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const results: Partial<Round> = {};
      for (let step = 0; step < phases.length; step += 1) {
        const phase = phases[(round + step) % phases.length];
        collectGarbage();
        if (phase === 'raw') results.raw = raw.run(ROUND_MS);
        else if (phase === 'rawGroup') results.rawGroup = rawGroup.run(ROUND_MS);
        else if (phase === 'a') results.a = await sequential.run(ROUND_MS);
        else results.b = await concurrent.run(ROUND_MS);
      }
      const done = results as Round;
      rounds.push(done);
      const { raw: r, rawGroup: g, a, b } = done;
      console.log(
        `  round ${String(round + 1).padStart(2)}/${ROUNDS}: raw ${perSecond(r.perSecond)}/s, raw x${WRITERS} ${perSecond(g.perSecond)}/s = ${times(g.perSecond / r.perSecond)}, ` +
          `(a) ${perSecond(a.perSecond)}/s = ${times(a.perSecond / r.perSecond)}, (b) ${perSecond(b.perSecond)}/s = ${times(b.perSecond / r.perSecond)}`,
      );
    }

    collectGarbage();
    const reads = await Reads.prepare(folder, READ_STREAM_LENGTH, READ_OTHER_EVENTS);
    const totalEvents = await reads.totalEvents();
    await reads.readStream(WARM_UP_MS);
    collectGarbage();
    const readStream = await reads.readStream(READ_MS);
    await reads.readAll(WARM_UP_MS);
    collectGarbage();
    const readAll = await reads.readAll(READ_MS);
    await reads.close();

    const rawMedian = median(rounds.map((round) => round.raw.perSecond));
    const groupMedian = median(rounds.map((round) => round.rawGroup.perSecond));
    const groupRatio = median(rounds.map((round) => round.rawGroup.perSecond / round.raw.perSecond));
    const groupCpu = median(rounds.map((round) => round.rawGroup.cpuMicrosPerEvent));
    const aMedian = median(rounds.map((round) => round.a.perSecond));
    const bMedian = median(rounds.map((round) => round.b.perSecond));
    const aRatio = median(rounds.map((round) => round.a.perSecond / round.raw.perSecond));
    const bRatio = median(rounds.map((round) => round.b.perSecond / round.raw.perSecond));
    const rawCpu = median(rounds.map((round) => round.raw.cpuMicrosPerEvent));
    const aCpu = median(rounds.map((round) => round.a.cpuMicrosPerEvent));
    const bCpu = median(rounds.map((round) => round.b.cpuMicrosPerEvent));
    const aPass = aRatio >= TARGET_SEQUENTIAL;
    const bPass = bRatio >= TARGET_CONCURRENT;

    const micros = (value: number): string => value.toFixed(1);
    const rows: string[][] = [
      ['figure', 'events/s', 'vs raw', 'CPU us/event', 'target', 'result'],
      ['(raw) better-sqlite3 alone, 1 INSERT per commit, sequential', perSecond(rawMedian), times(1), micros(rawCpu), '', ''],
      [
        `(raw x${WRITERS}) better-sqlite3 alone, ${WRITERS} INSERTs per commit`,
        perSecond(groupMedian),
        times(groupRatio),
        micros(groupCpu),
        '(ceiling of b)',
        '',
      ],
      [
        '(a)   port: 1 writer, 1 event per append, each awaited',
        perSecond(aMedian),
        times(aRatio),
        micros(aCpu),
        `>= ${times(TARGET_SEQUENTIAL)}`,
        aPass ? 'PASS' : 'FAIL',
      ],
      [
        `(b)   port: ${WRITERS} concurrent writers on distinct streams`,
        perSecond(bMedian),
        times(bRatio),
        micros(bCpu),
        `>= ${times(TARGET_CONCURRENT)}`,
        bPass ? 'PASS' : 'FAIL',
      ],
      [
        `(c)   readStream, whole stream of ${READ_STREAM_LENGTH.toLocaleString('en-US')} (${readStream.msPerRead.toFixed(1)} ms/read)`,
        perSecond(readStream.perSecond),
        '',
        micros(readStream.cpuMicrosPerEvent),
        '',
        '',
      ],
      [
        `(c)   readAll, ${totalEvents.toLocaleString('en-US')} events in batches of 1,000`,
        perSecond(readAll.perSecond),
        '',
        micros(readAll.cpuMicrosPerEvent),
        '',
        '',
      ],
    ];
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    console.log(`\nMedians of ${ROUNDS} interleaved rounds of ${ROUND_MS} ms (ratios: median of the per-round ratios)\n`);
    for (const row of rows) {
      console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
    }

    const results = {
      startedAt: startedAt.toISOString(),
      machine,
      settings: { rounds: ROUNDS, roundMs: ROUND_MS, warmUpMs: WARM_UP_MS, writers: WRITERS, readMs: READ_MS },
      raw: { medianPerSecond: rawMedian, medianCpuMicrosPerEvent: rawCpu, rounds: rounds.map((round) => round.raw) },
      rawGroup: {
        rowsPerCommit: WRITERS,
        medianPerSecond: groupMedian,
        ratioToRaw: groupRatio,
        medianCpuMicrosPerEvent: groupCpu,
        rounds: rounds.map((round) => round.rawGroup),
      },
      sequential: {
        medianPerSecond: aMedian,
        ratioToRaw: aRatio,
        medianCpuMicrosPerEvent: aCpu,
        target: TARGET_SEQUENTIAL,
        pass: aPass,
        rounds: rounds.map((round) => round.a),
      },
      concurrent: {
        writers: WRITERS,
        medianPerSecond: bMedian,
        ratioToRaw: bRatio,
        medianCpuMicrosPerEvent: bCpu,
        target: TARGET_CONCURRENT,
        pass: bPass,
        rounds: rounds.map((round) => round.b),
      },
      readStream: { streamLength: READ_STREAM_LENGTH, ...readStream },
      readAll: { totalEvents, batchSize: 1000, ...readAll },
    };
    mkdirSync(join(projectRoot, 'bench', 'results'), { recursive: true });
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${aPass && bPass ? 'PASS' : 'FAIL'}: results written to ${resultsFile}`);
    if (!(aPass && bPass) && process.env.BENCH_STRICT) process.exitCode = 1;
  } finally {
    raw.close();
    rawGroup.close();
    await sequential.close();
    await concurrent.close();
    if (!process.env.BENCH_KEEP) rmSync(folder, { recursive: true, force: true });
  }
}

/** The read side in its own folder, after the store's figures. */
async function projectionsBench(): Promise<void> {
  const folder = makeBenchFolder(projectRoot);
  try {
    const { pass } = await runProjectionsBench(projectRoot, folder, describeMachine(folder));
    if (!pass && process.env.BENCH_STRICT) process.exitCode = 1;
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(folder, { recursive: true, force: true });
  }
}

/** The lists, the search and the worklists on a province of their own. */
async function listsBench(): Promise<void> {
  const folder = makeBenchFolder(projectRoot);
  try {
    const { pass } = await runListsBench(projectRoot, folder, describeMachine(folder));
    if (!pass && process.env.BENCH_STRICT) process.exitCode = 1;
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(folder, { recursive: true, force: true });
  }
}

/** The Merkle log: appends with the log on and off, proofs at 1,000,000 leaves. */
async function integrityBench(): Promise<void> {
  const folder = makeBenchFolder(projectRoot);
  try {
    const { pass } = await runIntegrityBench(projectRoot, folder, describeMachine(folder));
    if (!pass && process.env.BENCH_STRICT) process.exitCode = 1;
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(folder, { recursive: true, force: true });
  }
}

/** GET /api/v1/events/{eventId}: one event with its inclusion proof, on the province of 1,000,000 events. */
async function evidenceBench(): Promise<void> {
  const folder = makeBenchFolder(projectRoot);
  try {
    const { pass } = await runEvidenceBench(projectRoot, folder, describeMachine(folder));
    if (!pass && process.env.BENCH_STRICT) process.exitCode = 1;
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(folder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only === 'personal-data') {
    await runPersonalDataBench(projectRoot);
    return;
  }
  if (only === 'import') {
    await runImportBench(projectRoot, makeBenchFolder(projectRoot));
    return;
  }
  if (only === 'console') {
    const folder = makeBenchFolder(projectRoot);
    try {
      const { pass } = await runConsoleBench(projectRoot, describeMachine(folder));
      if (!pass && process.env.BENCH_STRICT) process.exitCode = 1;
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    return;
  }
  if (only === 'calendar') {
    runCalendarBench(projectRoot);
    return;
  }
  if (only === 'catch-up') {
    const folder = makeBenchFolder(projectRoot);
    try {
      await runCatchUpBench(projectRoot, folder, describeMachine(folder));
    } finally {
      if (!process.env.BENCH_KEEP) rmSync(folder, { recursive: true, force: true });
    }
    return;
  }
  if (only !== undefined && !['store', 'projections', 'integrity', 'evidence', 'http', 'lists'].includes(only))
    throw new Error(
      `BENCH_ONLY must be store, projections, integrity, evidence, http, personal-data, calendar, catch-up, import, console or lists, not ${only}`,
    );
  if (only === undefined || only === 'store') await storeBench();
  if (only === undefined || only === 'projections') await projectionsBench();
  if (only === undefined || only === 'integrity') await integrityBench();
  if (only === undefined || only === 'evidence') await evidenceBench();
  if (only === undefined || only === 'http') await httpBench();
  if (only === undefined || only === 'lists') await listsBench();
}

/** Commands over HTTP through the real application against a bare route of the same service. */
async function httpBench(): Promise<void> {
  const result = await runHttpBench();
  writeFileSync(
    join(projectRoot, 'bench', 'results', 'http-latest.json'),
    `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`,
  );
  if ((result.ratio < 0.5 || result.commandsP99Ms >= 50) && process.env.BENCH_STRICT) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
