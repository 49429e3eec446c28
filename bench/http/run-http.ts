/**
 * The command path through the real application, side by side with a bare route of the same
 * service: the built service (`node dist/main.js`) runs as its own process on a fresh data folder,
 * and one autocannon client drives it with the same number of keep-alive connections, alternating
 * rounds of commands and rounds of the bare route so that both see the same machine.
 *
 *   BENCH_HTTP_CONNECTIONS=32  keep-alive connections
 *   BENCH_HTTP_ROUNDS=4        rounds of each workload
 *   BENCH_HTTP_ROUND_S=8       seconds per round
 *   BENCH_HTTP_SERVICE_NODE_OPTIONS   NODE_OPTIONS of the service, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 *                              to profile it (the profile is written when the bench stops it)
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { LedgerProcess } from '../../test/system/support/ledger-process.js';

const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 4);
const ROUND_S = Number(process.env.BENCH_HTTP_ROUND_S ?? 8);
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;

export interface HttpRound {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
  /** The service's CPU time (user + system) over the round divided by the requests answered, when Linux's /proc tells it. */
  readonly serviceCpuMsPerRequest: number | null;
}

export interface HttpBenchResult {
  readonly connections: number;
  readonly bare: HttpRound[];
  readonly commands: HttpRound[];
  readonly ratio: number;
  readonly commandsP99Ms: number;
  readonly commandsCpuMs: number | null;
  readonly bareCpuMs: number | null;
  /** The 1-minute load average at the start and at the end: the machine is shared, so read every figure with it. */
  /** An object, not a pair: the results file is then written as Prettier would format it. */
  readonly loadAverage: { readonly atStart: number; readonly atEnd: number };
}

const UNIT = 'bench-province';

/** A case received, then acknowledged, classified and acted on three times: the commands a clerk and an official record most. */
function commandSequence(token: string): autocannon.Request[] {
  const json = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const onCase = (path: string) => (request: autocannon.Request, context: object) => ({
    ...request,
    path: `/api/v1/cases/${String((context as { caseId?: string }).caseId)}/${path}`,
  });
  return [
    {
      method: 'POST',
      path: '/api/v1/cases',
      headers: json,
      body: JSON.stringify({ unitId: UNIT, category: 'reflection', channel: 'hotline', summary: 'Đường liên xã bị sạt lở sau mưa lớn' }),
      onResponse: (status, body, context) => {
        if (status === 201) (context as Record<string, unknown>).caseId = (JSON.parse(body) as { caseId: string }).caseId;
      },
    },
    { method: 'POST', path: '', headers: json, body: JSON.stringify({ note: 'Đã tiếp nhận' }), setupRequest: onCase('acknowledgements') },
    {
      method: 'POST',
      path: '',
      headers: json,
      body: JSON.stringify({ classification: 'within-authority', reason: 'Thuộc thẩm quyền xã' }),
      setupRequest: onCase('classifications'),
    },
    ...[1, 2, 3].map((n): autocannon.Request => ({
      method: 'POST',
      path: '',
      headers: json,
      body: JSON.stringify({ description: `Kiểm tra hiện trường lần ${n}` }),
      setupRequest: onCase('actions'),
    })),
  ];
}

/**
 * The process's CPU time in milliseconds from /proc/<pid>/stat (utime + stime, fields 14 and 15, in
 * clock ticks of 10 ms on Linux), or null elsewhere. On a shared machine the wall-clock rate depends
 * on what else runs; the CPU time a request costs the service much less.
 */
function serviceCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const loadAverageNow = (): number => {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return Number.NaN;
  }
};

async function round(url: string, requests: autocannon.Request[] | undefined, path: string, pid: number | undefined): Promise<HttpRound> {
  const cpuBefore = serviceCpuMs(pid);
  const result = await autocannon({
    url: `${url}${path}`,
    connections: CONNECTIONS,
    duration: ROUND_S,
    pipelining: 1,
    ...(requests ? { requests } : {}),
  });
  const cpuAfter = serviceCpuMs(pid);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    serviceCpuMsPerRequest:
      cpuBefore === null || cpuAfter === null || result.requests.total === 0 ? null : (cpuAfter - cpuBefore) / result.requests.total,
  };
}

const cpuText = (round: HttpRound): string =>
  round.serviceCpuMsPerRequest === null ? 'CPU ?' : `CPU ${round.serviceCpuMsPerRequest.toFixed(2)} ms/request`;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export async function runHttpBench(): Promise<HttpBenchResult> {
  const serviceNodeOptions = process.env.BENCH_HTTP_SERVICE_NODE_OPTIONS;
  const ledger = await LedgerProcess.create({
    LOG_LEVEL: 'warn',
    OPEN311_RATE_LIMIT_PER_MINUTE: '100000',
    ...(serviceNodeOptions ? { NODE_OPTIONS: serviceNodeOptions } : {}),
  });
  try {
    await ledger.start();
    const admin = ledger.token('bench-admin', ['admin']);
    const unit = await ledger.request('POST', '/api/v1/units', {
      token: admin,
      json: { unitId: UNIT, name: 'Tỉnh thử nghiệm', kind: 'province' },
    });
    if (unit.status !== 201) throw new Error(`Could not register the bench unit: ${unit.status} ${unit.text}`);
    const sequence = commandSequence(ledger.token('bench-clerk', ['recorder', 'official']));
    console.log(`HTTP: ${CONNECTIONS} keep-alive connections, ${ROUNDS} interleaved rounds of ${ROUND_S} s; service pid ${ledger.pid}`);
    const loadAtStart = loadAverageNow();
    await round(ledger.baseUrl, sequence, '', ledger.pid); // warm-up: JIT, caches, the first pages of every table
    const bare: HttpRound[] = [];
    const commands: HttpRound[] = [];
    for (let index = 0; index < ROUNDS; index++) {
      bare.push(await round(ledger.baseUrl, undefined, '/health', ledger.pid));
      commands.push(await round(ledger.baseUrl, sequence, '', ledger.pid));
      const [b, c] = [bare[index], commands[index]];
      console.log(
        `  round ${index + 1}: GET /health ${Math.round(b.requestsPerSecond)} req/s (p99 ${b.p99Ms} ms, ${cpuText(b)}); commands ${Math.round(c.requestsPerSecond)} req/s (p50 ${c.p50Ms} ms, p99 ${c.p99Ms} ms, ${cpuText(c)}, ${c.failures} failed)`,
      );
    }
    const ratio = median(commands.map((c) => c.requestsPerSecond)) / median(bare.map((b) => b.requestsPerSecond));
    const commandsP99Ms = median(commands.map((c) => c.p99Ms));
    const cpuOf = (rounds: readonly HttpRound[]) =>
      rounds.every((r) => r.serviceCpuMsPerRequest !== null) ? median(rounds.map((r) => r.serviceCpuMsPerRequest!)) : null;
    const [commandsCpuMs, bareCpuMs] = [cpuOf(commands), cpuOf(bare)];
    const loadAverage = { atStart: loadAtStart, atEnd: loadAverageNow() };
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
    console.log(
      `  commands / bare route: ${ratio.toFixed(2)}x (target >= ${TARGET_RATIO}x: ${verdict(ratio >= TARGET_RATIO)}); commands p99 ${commandsP99Ms} ms (target < ${TARGET_P99_MS} ms: ${verdict(commandsP99Ms < TARGET_P99_MS)})`,
    );
    console.log(
      `  service CPU per request: commands ${commandsCpuMs?.toFixed(2) ?? '?'} ms, GET /health ${bareCpuMs?.toFixed(2) ?? '?'} ms; load average ${loadAverage.atStart} at the start, ${loadAverage.atEnd} at the end`,
    );
    if (commands.some((c) => c.failures > 0)) console.log('  WARNING: some commands failed; the rate counts answers, not successes');
    return { connections: CONNECTIONS, bare, commands, ratio, commandsP99Ms, commandsCpuMs, bareCpuMs, loadAverage };
  } finally {
    await ledger.dispose();
  }
}
