/**
 * BENCH_ONLY=import: `ledger import` end to end, in process (no CLI start-up counted): the sample
 * province of docs/import (its organisation once, then its history BENCH_IMPORT_COPIES times, each
 * copy under another source system, so each is new history of its own ids), into a fresh data folder
 * on the bench disk. The rate is events written per second of the whole import (reading, checking
 * every row against the deciders, sealing reporters, appending); the check and write rates apart.
 * Then the same file once more: every row recognised as already imported. On a shared machine the
 * wall-clock rate is what the other processes leave; events per second of this process's own CPU time
 * (user + system) says what one core gives.
 *   BENCH_IMPORT_COPIES=4
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';
import { CliResources } from '../../src/cli/cli-resources.js';
import { runImport } from '../../src/cli/import/run-import.js';
import type { Terminal } from '../../src/cli/backup/terminal.js';

const TARGET_EVENTS_PER_SECOND = 5000;

/**
 * The CPU seconds of this process's main thread alone (the one that decides the rows and appends; the
 * rows' checks run in another), from Linux's /proc; NaN elsewhere.
 */
function mainThreadCpuSeconds(): number {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

export async function runImportBench(projectRoot: string, benchFolder: string): Promise<Record<string, number>> {
  const copies = Number(process.env.BENCH_IMPORT_COPIES ?? 4);
  const samples = join(projectRoot, 'docs', 'import');
  const dataDir = mkdtempSync(join(benchFolder, 'import-'));
  const resources = new CliResources(loadLedgerConfig({ LEDGER_DATA_DIR: dataDir }));
  const quiet: Terminal = { out: { write: () => true }, err: { write: () => true } };
  const report = (label: string, value: number, unit: string) =>
    console.log(`${label.padEnd(52)} ${Math.round(value).toLocaleString('en-US').padStart(10)} ${unit}`);
  try {
    const rates: number[] = [];
    let events = 0;
    let seconds = 0;
    let cpuSeconds = 0;
    let mainThreadSeconds = 0;
    for (let copy = 1; copy <= copies; copy++) {
      const system = `bench-${copy}`;
      const options = { system, actor: 'bench' };
      await runImport(join(samples, 'sample-province.csv'), options, resources, quiet);
      const started = performance.now();
      const cpu = process.cpuUsage();
      const mainThread = mainThreadCpuSeconds();
      const { written, exitCode } = await runImport(join(samples, 'sample-province-history.jsonl'), options, resources, quiet);
      const elapsed = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      cpuSeconds += (used.user + used.system) / 1e6;
      mainThreadSeconds += mainThreadCpuSeconds() - mainThread;
      if (exitCode !== 0) throw new Error(`The import of copy ${copy} failed with exit code ${exitCode}`);
      rates.push(written / elapsed);
      events += written;
      seconds += elapsed;
    }
    const rate = events / seconds;
    report(`history, ${copies} copies (${events.toLocaleString('en-US')} events), whole import`, rate, 'events/s');
    report('  per second of CPU time (all threads)', events / cpuSeconds, 'events/s');
    report("  per second of the main thread's CPU time", events / mainThreadSeconds, 'events/s');
    report('  slowest copy', Math.min(...rates), 'events/s');
    report('  fastest copy', Math.max(...rates), 'events/s');
    const started = performance.now();
    const again = await runImport(join(samples, 'sample-province-history.jsonl'), { system: 'bench-1', actor: 'bench' }, resources, quiet);
    const replay = again.plan.rows / ((performance.now() - started) / 1000);
    report('the same file again (every row already imported)', replay, 'rows/s');
    console.log(
      `target: at least ${TARGET_EVENTS_PER_SECOND.toLocaleString('en-US')} events/s: ${rate >= TARGET_EVENTS_PER_SECOND ? 'met' : 'MISSED'}`,
    );
    return {
      events,
      rate,
      perCpuSecond: events / cpuSeconds,
      perMainThreadCpuSecond: events / mainThreadSeconds,
      slowest: Math.min(...rates),
      fastest: Math.max(...rates),
      replay,
    };
  } finally {
    await resources.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
