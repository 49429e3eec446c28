import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Machine } from '../environment.js';
import { AppendsWithLog } from './append-with-log.js';
import { proofsAtScale } from './proofs-at-scale.js';

/**
 * Append throughput with the Merkle log's follower on and off, side by side in one
 * run (interleaved rounds, rotating order, the ratio taken within each round), and inclusion-proof
 * latency at 1,000,000 leaves.
 *
 *   BENCH_INTEGRITY_ROUNDS=12 BENCH_INTEGRITY_ROUND_MS=800   the append rounds
 *   BENCH_PROOF_LEAVES=1000000 BENCH_PROOF_RUNS=5000         the proof part
 */
const ROUNDS = Number(process.env.BENCH_INTEGRITY_ROUNDS ?? 12);
const ROUND_MS = Number(process.env.BENCH_INTEGRITY_ROUND_MS ?? 800);
const PROOF_LEAVES = Number(process.env.BENCH_PROOF_LEAVES ?? 1_000_000);
const PROOF_RUNS = Number(process.env.BENCH_PROOF_RUNS ?? 5000);
const WRITERS = 64;
const TARGET_RATIO = 0.9;
const TARGET_PROOF_P95_MS = 1;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const perSecond = (value: number): string => Math.round(value).toLocaleString('en-US');

export async function runIntegrityBench(projectRoot: string, folder: string, machine: Machine): Promise<{ pass: boolean }> {
  console.log(
    `\nIntegrity bench: ${machine.cores} x ${machine.cpuModel}, Node ${machine.node}, files in ${folder} (${machine.filesystem})`,
  );
  const phases = {
    aOff: new AppendsWithLog(folder, 'seq-off', 1, false),
    aOn: new AppendsWithLog(folder, 'seq-on', 1, true),
    bOff: new AppendsWithLog(folder, 'group-off', WRITERS, false),
    bOn: new AppendsWithLog(folder, 'group-on', WRITERS, true),
  };
  type Phase = keyof typeof phases;
  const order: Phase[] = ['aOff', 'aOn', 'bOff', 'bOn'];
  const rounds: Record<Phase, { perSecond: number; cpuMicrosPerEvent: number; logLagMs: number }>[] = [];
  try {
    for (const phase of order) await phases[phase].run(400); // warm-up
    for (let round = 0; round < ROUNDS; round += 1) {
      const results: Partial<(typeof rounds)[number]> = {};
      for (let step = 0; step < order.length; step += 1) {
        const phase = order[(round + step) % order.length];
        (globalThis as { gc?: () => void }).gc?.();
        results[phase] = await phases[phase].run(ROUND_MS);
      }
      const done = results as (typeof rounds)[number];
      rounds.push(done);
      console.log(
        `  round ${String(round + 1).padStart(2)}/${ROUNDS}: (a) off ${perSecond(done.aOff.perSecond)}/s, on ${perSecond(done.aOn.perSecond)}/s = ${(done.aOn.perSecond / done.aOff.perSecond).toFixed(2)}; ` +
          `(b) off ${perSecond(done.bOff.perSecond)}/s, on ${perSecond(done.bOn.perSecond)}/s = ${(done.bOn.perSecond / done.bOff.perSecond).toFixed(2)} (log caught up ${done.bOn.logLagMs.toFixed(0)} ms after the last append)`,
      );
    }
  } finally {
    for (const phase of order) await phases[phase].close();
  }
  const summary = (off: Phase, on: Phase) => ({
    offPerSecond: median(rounds.map((round) => round[off].perSecond)),
    onPerSecond: median(rounds.map((round) => round[on].perSecond)),
    ratio: median(rounds.map((round) => round[on].perSecond / round[off].perSecond)),
    offCpuMicrosPerEvent: median(rounds.map((round) => round[off].cpuMicrosPerEvent)),
    onCpuMicrosPerEvent: median(rounds.map((round) => round[on].cpuMicrosPerEvent)),
    onLogLagMs: median(rounds.map((round) => round[on].logLagMs)),
  });
  const sequential = summary('aOff', 'aOn');
  const concurrent = summary('bOff', 'bOn');

  console.log(`\n  Building a Merkle log of ${PROOF_LEAVES.toLocaleString('en-US')} leaves for the proof latencies...`);
  const proofs = await proofsAtScale(folder, PROOF_LEAVES, PROOF_RUNS, (line) => console.log(line));

  const aPass = sequential.ratio >= TARGET_RATIO;
  const bPass = concurrent.ratio >= TARGET_RATIO;
  const proofPass = proofs.inclusion.p95Ms < TARGET_PROOF_P95_MS;
  const ms = (value: number): string => value.toFixed(3);
  const rows: string[][] = [
    ['figure', 'log off', 'log on', 'on/off', 'CPU us/event off/on', 'target', 'result'],
    [
      '(a) 1 writer, 1 event per append, events/s',
      perSecond(sequential.offPerSecond),
      perSecond(sequential.onPerSecond),
      sequential.ratio.toFixed(2),
      `${sequential.offCpuMicrosPerEvent.toFixed(0)} / ${sequential.onCpuMicrosPerEvent.toFixed(0)}`,
      `>= ${TARGET_RATIO}`,
      aPass ? 'PASS' : 'FAIL',
    ],
    [
      `(b) ${WRITERS} writers, group commit, events/s`,
      perSecond(concurrent.offPerSecond),
      perSecond(concurrent.onPerSecond),
      concurrent.ratio.toFixed(2),
      `${concurrent.offCpuMicrosPerEvent.toFixed(0)} / ${concurrent.onCpuMicrosPerEvent.toFixed(0)}`,
      `>= ${TARGET_RATIO}`,
      bPass ? 'PASS' : 'FAIL',
    ],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log(`\nMedians of ${ROUNDS} interleaved rounds of ${ROUND_MS} ms (with the log on, each round lasts until the log caught up)\n`);
  for (const row of rows)
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  console.log(
    `\nMerkle log of ${proofs.leaves.toLocaleString('en-US')} leaves: built in ${proofs.buildSeconds.toFixed(1)} s (${perSecond(proofs.buildPerSecond)} leaves/s), integrity file ${proofs.fileMB.toFixed(0)} MB`,
  );
  console.log(
    `  inclusion proof (leaf by event id + audit path at the full size), ${proofs.inclusion.runs} runs: p50 ${ms(proofs.inclusion.p50Ms)} ms, p95 ${ms(proofs.inclusion.p95Ms)} ms, p99 ${ms(proofs.inclusion.p99Ms)} ms  (target p95 < ${TARGET_PROOF_P95_MS} ms: ${proofPass ? 'PASS' : 'FAIL'})`,
  );
  console.log(
    `  consistency proof (random older size to the full size): p50 ${ms(proofs.consistency.p50Ms)} ms, p95 ${ms(proofs.consistency.p95Ms)} ms, p99 ${ms(proofs.consistency.p99Ms)} ms`,
  );
  console.log(`  ${proofs.verifiedProofs} of the proofs were verified against the root (outside the timing)`);

  const pass = aPass && bPass && proofPass;
  const file = join(projectRoot, 'bench', 'results', 'integrity-latest.json');
  mkdirSync(join(projectRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ startedAt: new Date().toISOString(), machine, settings: { rounds: ROUNDS, roundMs: ROUND_MS, writers: WRITERS }, sequential, concurrent, proofs, rounds, pass }, null, 2)}\n`,
  );
  console.log(`\n${pass ? 'PASS' : 'FAIL'}: results written to ${file}`);
  return { pass };
}
