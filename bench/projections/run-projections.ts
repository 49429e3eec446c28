import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { loadVietnamCalendar } from '../../src/calendar/holiday-files.js';
import { historySelection, replayCase } from '../../src/cases/history/case-history.js';
import { AnnualEvaluations } from '../../src/evaluations/annual-evaluations.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { ALL_PROJECTIONS } from '../../src/projections/all-projections.js';
import { loadDefaultDuties, loadDefaultRules } from '../../src/policies/default-rules.js';
import { RuleBookQuery } from '../../src/policies/rule-book.query.js';
import { openReadModels } from '../../src/projections/read-models.database.js';
import { rebuildProjection } from '../../src/projections/rebuild.js';
import { OfficialReports } from '../../src/responsibility/projection/official-report.js';
import { ReportFactsQuery } from '../../src/responsibility/projection/report-facts.query.js';
import { caseTimelinesProjection } from '../../src/timelines/case-timelines.projection.js';
import type { Machine } from '../environment.js';
import { generateProvince } from './province.js';

/**
 * The read side on a synthetic province: generation, full rebuild of every
 * projection with peak RSS, then query latencies. The queries call the same application services the
 * controllers call (replayCase over readStream, OfficialReports, AnnualEvaluations), in process and
 * without HTTP: the figures leave out Nest's routing, validation and JSON serialisation.
 *
 *   BENCH_PROJECTION_EVENTS=1000000   size of the province (events)
 *   BENCH_QUERY_RUNS=200              runs of each per-request query (after 20 of warm-up)
 *   BENCH_EVALUATION_RUNS=3           runs of the whole province's annual evaluation (the first one counts)
 *   BENCH_EVALUATION_LIMIT_S=180      give up on the province's evaluation after this long (a worker thread)
 */
const TARGET_EVENTS = Number(process.env.BENCH_PROJECTION_EVENTS ?? 1_000_000);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 200);
const EVALUATION_RUNS = Number(process.env.BENCH_EVALUATION_RUNS ?? 3);
const EVALUATION_LIMIT_MS = Number(process.env.BENCH_EVALUATION_LIMIT_S ?? 180) * 1000;
const WARM_UP_RUNS = 20;
const TARGET_REBUILD_PER_SECOND = 50_000;
const TARGET_PEAK_RSS_MB = 500;
const TARGET_CASE_HISTORY_P95_MS = 5;
const TARGET_REVIEW_P95_MS = 50;
const TARGET_PROVINCE_MS = 2000;
const REVIEW_PERIOD = { from: '2025-01-01', to: '2025-12-31' };
const EVALUATION_YEAR = 2025;

const megabytes = (bytes: number): number => Math.round(bytes / 2 ** 20);
const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Peak RSS: sampled every 100 ms by a timer, and on every progress callback (the rebuild may hold the loop). */
class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout | undefined;
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
  start(): void {
    this.peak = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
  }
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

interface Latency {
  readonly runs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

/** `runs` timed runs after `warmUp` untimed ones; stops early (at least one timed run) once `budgetMs` is spent. */
async function measure(runs: number, warmUp: number, once: (run: number) => unknown, budgetMs = Infinity): Promise<Latency> {
  const began = performance.now();
  for (let run = 0; run < warmUp; run += 1) await once(run);
  collectGarbage();
  const times: number[] = [];
  for (let run = 0; run < runs && (run === 0 || performance.now() - began < budgetMs); run += 1) {
    const started = performance.now();
    await once(run + warmUp);
    times.push(performance.now() - started);
  }
  return { runs: times.length, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: Math.max(...times) };
}

export interface ProjectionBenchResult {
  readonly pass: boolean;
}

export async function runProjectionsBench(projectRoot: string, folder: string, machine: Machine): Promise<ProjectionBenchResult> {
  const startedAt = new Date();
  console.log(
    `\nBench: ${machine.cores} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, SQLite ${machine.sqlite}; files on ${machine.filesystem} (${machine.device})`,
  );
  console.log(`Read side: synthetic province of ${TARGET_EVENTS.toLocaleString('en-US')} events in ${folder}`);
  const store = new SqliteEventStore(join(folder, 'province-events.db'));
  const db = openReadModels(join(folder, 'read-models.db'));
  try {
    // 1. Generation, through the port with group commit.
    const generationStarted = performance.now();
    const province = await generateProvince(store, TARGET_EVENTS, 256, (events) =>
      process.stdout.write(`\r  generating: ${events.toLocaleString('en-US')} events`),
    );
    const generationSeconds = (performance.now() - generationStarted) / 1000;
    const head = await store.headPosition();
    console.log(
      `\r  generated ${head.toLocaleString('en-US')} events in ${province.streams.toLocaleString('en-US')} streams (${province.caseIds.length.toLocaleString('en-US')} cases) in ${generationSeconds.toFixed(1)} s = ${Math.round(head / generationSeconds).toLocaleString('en-US')} events/s`,
    );

    // 2. Full rebuild of every projection, each from position 0 into a new generation, then swapped in.
    collectGarbage();
    const rssBefore = process.memoryUsage.rss();
    const sampler = new RssSampler();
    sampler.start();
    const rebuilds: { projection: string; events: number; seconds: number; perSecond: number; cpuSeconds: number }[] = [];
    const rebuildStarted = performance.now();
    for (const projection of ALL_PROJECTIONS) {
      const started = performance.now();
      // CPU time too: on a shared machine it shows the work done when the wall time shows the neighbours.
      const cpuBefore = process.cpuUsage();
      const result = await rebuildProjection(db, store, projection, {
        onProgress: ({ done }) => {
          sampler.sample();
          if (done % 100_000 < 2000)
            process.stdout.write(`\r  rebuilding ${projection.name}: ${done.toLocaleString('en-US')} / ${head.toLocaleString('en-US')}`);
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      rebuilds.push({ projection: projection.name, events: result.events, seconds, perSecond: result.events / seconds, cpuSeconds });
      process.stdout.write(`\r${' '.repeat(79)}\r`);
      console.log(
        `  rebuilt ${projection.name}: ${result.events.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s = ${Math.round(result.events / seconds).toLocaleString('en-US')} events/s (CPU ${cpuSeconds.toFixed(1)} s), peak RSS so far ${megabytes(sampler.peak)} MB`,
      );
    }
    const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
    const peakRss = sampler.stop();
    const rebuildEvents = rebuilds.reduce((sum, rebuild) => sum + rebuild.events, 0);
    // Overall: events of the feed over the time to rebuild all projections (each reads the whole feed).
    const overallPerSecond = head / rebuildSeconds;
    const slowest = Math.min(...rebuilds.map((rebuild) => rebuild.perSecond));
    const readModelsBytes = (
      db.prepare('SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()').get() as { bytes: number }
    ).bytes;

    // 3. Query latencies.
    const calendar = loadVietnamCalendar(join(projectRoot, 'src', 'calendar', 'holidays'));
    const facts = new ReportFactsQuery(db);
    const defaultRulesFile = join(projectRoot, 'src', 'policies', 'default-rules.json');
    const rules = new RuleBookQuery(db, caseTimelinesProjection, loadDefaultRules(defaultRulesFile), loadDefaultDuties(defaultRulesFile));
    const reviews = new OfficialReports(facts, calendar, rules);
    const evaluations = new AnnualEvaluations(facts, calendar, rules);
    const now = new Date();
    const everything = historySelection(undefined, undefined);
    const midway = historySelection('2025-06-30T23:59:59+07:00', 'occurred');
    const ms = (value: number): string => value.toFixed(value < 10 ? 2 : 0);
    const caseAt = (run: number): string => province.caseIds[(run * 7919) % province.caseIds.length];
    const officialAt = (run: number): string => province.officialIds[(run * 104_729) % province.officialIds.length];
    let stepsSeen = 0;
    const caseHistory = await measure(QUERY_RUNS, WARM_UP_RUNS, async (run) => {
      const caseId = caseAt(run);
      stepsSeen += replayCase(caseId, await store.readStream(`case-${caseId}`), everything).steps.length;
    });
    console.log(`  case history: p50 ${caseHistory.p50Ms.toFixed(2)} ms, p95 ${caseHistory.p95Ms.toFixed(2)} ms`);
    const caseReplay = await measure(QUERY_RUNS, WARM_UP_RUNS, async (run) => {
      const caseId = caseAt(run + 1);
      return replayCase(caseId, await store.readStream(`case-${caseId}`), midway);
    });
    console.log(`  case replay: p50 ${caseReplay.p50Ms.toFixed(2)} ms, p95 ${caseReplay.p95Ms.toFixed(2)} ms`);
    const officialReport = await measure(QUERY_RUNS, WARM_UP_RUNS, (run) => reviews.review(officialAt(run), REVIEW_PERIOD, now));
    console.log(
      `  one official's review ${EVALUATION_YEAR}: p50 ${officialReport.p50Ms.toFixed(2)} ms, p95 ${officialReport.p95Ms.toFixed(2)} ms`,
    );
    const officialEvaluation = await measure(QUERY_RUNS, WARM_UP_RUNS, (run) =>
      evaluations.evaluate(EVALUATION_YEAR, { officialId: officialAt(run + 3) }, now),
    );
    console.log(
      `  one official's evaluation ${EVALUATION_YEAR}: p50 ${officialEvaluation.p50Ms.toFixed(2)} ms, p95 ${officialEvaluation.p95Ms.toFixed(2)} ms`,
    );
    const provinceRuns = await provinceEvaluationRuns({
      readModelsFile: join(folder, 'read-models.db'),
      holidaysDirectory: join(projectRoot, 'src', 'calendar', 'holidays'),
      defaultRulesFile,
      unitId: province.provinceId,
      year: EVALUATION_YEAR,
      runs: EVALUATION_RUNS,
    });
    const evaluatedOfficials = provinceRuns.officials;
    const provinceTimes = provinceRuns.times;
    const provinceEvaluation = {
      runs: provinceTimes.length,
      finished: provinceRuns.finished,
      limitMs: EVALUATION_LIMIT_MS,
      p50Ms: provinceTimes.length ? percentile(provinceTimes, 50) : Number.NaN,
      maxMs: provinceTimes.length ? Math.max(...provinceTimes) : Number.NaN,
    };
    const provinceFigure =
      provinceTimes.length === 0
        ? `> ${EVALUATION_LIMIT_MS / 1000} s (stopped)`
        : `${ms(provinceEvaluation.p50Ms)} / ${ms(provinceEvaluation.maxMs)} ms`;

    const checks = {
      rebuildRate: slowest >= TARGET_REBUILD_PER_SECOND,
      peakRss: megabytes(peakRss) < TARGET_PEAK_RSS_MB,
      caseHistory: caseHistory.p95Ms <= TARGET_CASE_HISTORY_P95_MS,
      caseReplay: caseReplay.p95Ms <= TARGET_CASE_HISTORY_P95_MS,
      officialReport: officialReport.p95Ms <= TARGET_REVIEW_P95_MS,
      officialEvaluation: officialEvaluation.p95Ms <= TARGET_REVIEW_P95_MS,
      provinceEvaluation: provinceTimes.length > 0 && provinceEvaluation.maxMs <= TARGET_PROVINCE_MS,
    };
    const verdict = (pass: boolean): string => (pass ? 'PASS' : 'FAIL');
    const rate = (value: number): string => Math.round(value).toLocaleString('en-US');
    const rows: string[][] = [
      ['figure', 'value', 'target', 'result'],
      ...rebuilds.map((rebuild) => [
        `rebuild ${rebuild.projection} (${rebuild.events.toLocaleString('en-US')} events, ${rebuild.seconds.toFixed(1)} s, CPU ${rebuild.cpuSeconds.toFixed(1)} s)`,
        `${rate(rebuild.perSecond)} ev/s`,
        `>= ${rate(TARGET_REBUILD_PER_SECOND)}`,
        verdict(rebuild.perSecond >= TARGET_REBUILD_PER_SECOND),
      ]),
      [
        `rebuild all ${rebuilds.length}, feed read ${rebuilds.length}x (${rebuildSeconds.toFixed(1)} s)`,
        `${rate(overallPerSecond)} ev/s`,
        '',
        '',
      ],
      ['peak RSS during the rebuild', `${megabytes(peakRss)} MB`, `< ${TARGET_PEAK_RSS_MB} MB`, verdict(checks.peakRss)],
      [
        `case history, whole stream (p50 / p95, ${QUERY_RUNS} runs)`,
        `${ms(caseHistory.p50Ms)} / ${ms(caseHistory.p95Ms)} ms`,
        `p95 <= ${TARGET_CASE_HISTORY_P95_MS} ms`,
        verdict(checks.caseHistory),
      ],
      [
        `case replay asOf a time (p50 / p95)`,
        `${ms(caseReplay.p50Ms)} / ${ms(caseReplay.p95Ms)} ms`,
        `p95 <= ${TARGET_CASE_HISTORY_P95_MS} ms`,
        verdict(checks.caseReplay),
      ],
      [
        `one official's review, ${EVALUATION_YEAR} (p50 / p95)`,
        `${ms(officialReport.p50Ms)} / ${ms(officialReport.p95Ms)} ms`,
        `p95 <= ${TARGET_REVIEW_P95_MS} ms`,
        verdict(checks.officialReport),
      ],
      [
        `one official's evaluation ${EVALUATION_YEAR} (p50 / p95)`,
        `${ms(officialEvaluation.p50Ms)} / ${ms(officialEvaluation.p95Ms)} ms`,
        `p95 <= ${TARGET_REVIEW_P95_MS} ms`,
        verdict(checks.officialEvaluation),
      ],
      [
        `province's evaluation ${EVALUATION_YEAR}, ${evaluatedOfficials ?? '?'} officials (p50 / max, ${provinceEvaluation.runs} runs)`,
        provinceFigure,
        `<= ${TARGET_PROVINCE_MS} ms`,
        verdict(checks.provinceEvaluation),
      ],
    ];
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    console.log(`\n${head.toLocaleString('en-US')} events; queries in process on the application services (no HTTP)\n`);
    for (const row of rows)
      console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));

    const pass = Object.values(checks).every(Boolean);
    const results = {
      startedAt: startedAt.toISOString(),
      machine,
      province: {
        events: head,
        streams: province.streams,
        cases: province.caseIds.length,
        officials: province.officialIds.length,
        units: 300,
        caseStepsPerHistory: stepsSeen / (QUERY_RUNS + WARM_UP_RUNS),
      },
      generation: { seconds: generationSeconds, perSecond: head / generationSeconds, concurrentAppends: 256 },
      rebuild: {
        projections: rebuilds,
        eventsApplied: rebuildEvents,
        seconds: rebuildSeconds,
        feedPerSecond: overallPerSecond,
        rssBeforeMB: megabytes(rssBefore),
        peakRssMB: megabytes(peakRss),
        readModelsMB: megabytes(readModelsBytes),
      },
      queries: {
        mode: 'in-process application services, no HTTP',
        caseHistory,
        caseReplay,
        officialReport,
        officialEvaluation,
        provinceEvaluation: { ...provinceEvaluation, officials: evaluatedOfficials },
      },
      targets: {
        rebuildPerSecond: TARGET_REBUILD_PER_SECOND,
        peakRssMB: TARGET_PEAK_RSS_MB,
        caseHistoryP95Ms: TARGET_CASE_HISTORY_P95_MS,
        reviewP95Ms: TARGET_REVIEW_P95_MS,
        provinceMs: TARGET_PROVINCE_MS,
      },
      checks,
      pass,
    };
    mkdirSync(join(projectRoot, 'bench', 'results'), { recursive: true });
    const file = join(projectRoot, 'bench', 'results', 'projections-latest.json');
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${verdict(pass)}: results written to ${file}`);
    return { pass };
  } finally {
    db.close();
    await store.close();
  }
}

/** Runs the province's evaluation in a worker thread and stops it after EVALUATION_LIMIT_MS: the durations of the runs that finished. */
function provinceEvaluationRuns(
  job: import('./province-evaluation.worker.js').ProvinceEvaluationJob,
): Promise<{ times: number[]; officials: number | null; finished: boolean }> {
  const worker = new Worker(new URL('./province-evaluation.worker.js', import.meta.url), { workerData: job });
  const times: number[] = [];
  let officials: number | null = null;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      console.log(`  province's evaluation: stopped after ${EVALUATION_LIMIT_MS / 1000} s with ${times.length} run(s) done`);
      void worker.terminate().then(() => resolve({ times, officials, finished: false }));
    }, EVALUATION_LIMIT_MS);
    worker.on('message', (message: { ms: number; officials: number }) => {
      times.push(message.ms);
      officials = message.officials;
      console.log(
        `  province's evaluation ${job.year} run ${times.length}: ${Math.round(message.ms).toLocaleString('en-US')} ms, ${message.officials} officials`,
      );
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.on('exit', () => {
      clearTimeout(timer);
      resolve({ times, officials, finished: true });
    });
  });
}
