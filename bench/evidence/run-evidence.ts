import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Principal } from '../../src/auth/principal.js';
import { ResourceScopes } from '../../src/auth/resource-scopes.js';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';
import { systemClock } from '../../src/domain-kit/clock.js';
import { EventEvidence } from '../../src/evidence/event-evidence.js';
import { CheckpointSigner } from '../../src/integrity/checkpoint/checkpoint-signer.js';
import { IntegrityLog } from '../../src/integrity/integrity-log.js';
import { MerkleLog } from '../../src/integrity/log/merkle-log.js';
import { verifyInclusion } from '../../src/integrity/merkle/merkle-verification.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { SqliteKeyStore } from '../../src/personal-data/key-stores/sqlite-key-store.js';
import { PersonalDataVault } from '../../src/personal-data/personal-data-vault.js';
import { ReporterDisclosure } from '../../src/personal-data/reporter-disclosure.js';
import type { Machine } from '../environment.js';
import { generateProvince } from '../projections/province.js';

/**
 * GET /api/v1/events/{eventId} below HTTP: EventEvidence.of, as the controller calls it, on the synthetic
 * province (bench/projections/province.ts) with its Merkle log and a signed checkpoint covering it all.
 * Random events of every stream, for two readers: an inspector (granted everywhere; a case receipt's
 * reporter is disclosed to them, so those reads also append their PersonalDataRead, durably) and a
 * commune's recorder (every case, visit and meeting event checked against the unit's line).
 *
 *   BENCH_EVIDENCE_EVENTS=1000000 BENCH_EVIDENCE_RUNS=3000
 *   BENCH_EVIDENCE_PROVINCE=<folder>   a province generated before (its province-events.db, copied, so the
 *                                      disclosed reads' appends leave it as it was), instead of a new one
 */
const EVENTS = Number(process.env.BENCH_EVIDENCE_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_EVIDENCE_RUNS ?? 3000);
const WARM_UP = 300;
const KEPT_PROVINCE = process.env.BENCH_EVIDENCE_PROVINCE;
const TARGET_P95_MS = 5;

interface Latency {
  readonly runs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (quantile: number): number =>
    sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))]!;
  return { runs: samples.length, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99) };
}

export async function runEvidenceBench(projectRoot: string, folder: string, machine: Machine): Promise<{ pass: boolean }> {
  console.log(`\nEvidence by id: ${machine.cores} x ${machine.cpuModel}, Node ${machine.node}, files in ${folder} (${machine.filesystem})`);
  if (KEPT_PROVINCE) copyFileSync(join(KEPT_PROVINCE, 'province-events.db'), join(folder, 'evidence-events.db'));
  const store = new SqliteEventStore(join(folder, 'evidence-events.db'));
  const log = new MerkleLog(join(folder, 'evidence-integrity.db'));
  const keys = new SqliteKeyStore(join(folder, 'evidence-keys.db'));
  try {
    if (!KEPT_PROVINCE)
      await generateProvince(store, EVENTS, 256, (events) =>
        process.stdout.write(`\r  generating: ${events.toLocaleString('en-US')} events`),
      );
    const ids: string[] = [];
    const streams = new Set<string>();
    const logStarted = performance.now();
    for await (const batch of store.readAll({ batchSize: 5000 })) {
      log.append(batch);
      for (const event of batch) {
        ids.push(event.eventId);
        streams.add(event.streamId);
      }
    }
    const province = { events: ids.length, streams: streams.size };
    console.log(`\r  Merkle log built in ${((performance.now() - logStarted) / 1000).toFixed(1)} s`);
    console.log(
      `\r  ${province.events.toLocaleString('en-US')} events in ${province.streams.toLocaleString('en-US')} streams, Merkle log of ${log.size.toLocaleString('en-US')} leaves`,
    );
    const config = loadLedgerConfig({ LEDGER_DATA_DIR: folder });
    const signer = new CheckpointSigner('ledger.bench/evidence', generateKeyPairSync('ed25519').privateKey);
    const root = log.root();
    log.recordCheckpoint({ treeSize: log.size, rootHash: root, note: signer.sign(log.size, root), signedAt: new Date().toISOString() });
    const integrity = new IntegrityLog(log, store, signer, config);
    const evidence = new EventEvidence(
      integrity,
      store,
      new ResourceScopes(store, systemClock),
      new ReporterDisclosure(new PersonalDataVault(keys), store, systemClock),
    );

    const readers: Record<string, Principal> = {
      inspector: { subject: 'bench-inspector', roles: ['inspector'], units: 'all' },
      'commune recorder': { subject: 'bench-recorder', roles: ['recorder'], units: ['u-d0-c0'] },
    };
    const figures: Record<string, Latency & { refused: number; disclosing: Latency; other: Latency; cpu: Latency }> = {};
    for (const [name, principal] of Object.entries(readers)) {
      const context = { principal, route: 'GET /api/v1/events/:eventId', correlationId: 'bench' };
      const samples: number[] = [];
      const disclosing: number[] = [];
      const other: number[] = [];
      // The process's CPU time per request beside the wall time: on a shared machine the wall time's
      // tail is mostly waiting for a core, the CPU time is what the request costs.
      const cpuSamples: number[] = [];
      const cpuOf = (before: NodeJS.CpuUsage): number => {
        const used = process.cpuUsage(before);
        return (used.user + used.system) / 1000;
      };
      let refused = 0;
      for (let run = 0; run < WARM_UP + RUNS; run += 1) {
        const eventId = ids[(run * 104_729 + 17) % ids.length]!;
        const started = performance.now();
        const cpuBefore = process.cpuUsage();
        try {
          const shown = await evidence.of(eventId, context);
          const elapsed = performance.now() - started;
          if (run >= WARM_UP) {
            cpuSamples.push(cpuOf(cpuBefore));
            samples.push(elapsed);
            (shown.withheldFields.length > 0 ? disclosing : other).push(elapsed);
          }
          const proof = shown.inclusion!;
          const path = proof.auditPath.map((hash) => Buffer.from(hash, 'base64'));
          if (!verifyInclusion(proof.leafIndex, proof.treeSize, Buffer.from(proof.leafHash, 'base64'), path, root))
            throw new Error(`The inclusion proof of ${eventId} does not verify`);
        } catch (error) {
          if ((error as { status?: number }).status !== 403) throw error;
          if (run >= WARM_UP) {
            cpuSamples.push(cpuOf(cpuBefore));
            samples.push(performance.now() - started);
            other.push(performance.now() - started);
            refused += 1;
          }
        }
      }
      figures[name] = { ...latency(samples), refused, disclosing: latency(disclosing), other: latency(other), cpu: latency(cpuSamples) };
      const figure = figures[name];
      const line = (latencies: Latency): string =>
        `p50 ${latencies.p50Ms.toFixed(2)} / p95 ${latencies.p95Ms.toFixed(2)} / p99 ${latencies.p99Ms.toFixed(2)} ms (${latencies.runs} runs)`;
      console.log(`  event with its proof, as ${name}: ${line(figure)}, ${refused} refused as out of scope`);
      console.log(
        `    of which a case receipt whose reporter is disclosed (its read recorded, a durable append): ${line(figure.disclosing)}`,
      );
      console.log(`    every other event: ${line(figure.other)}`);
      console.log(`    CPU time per request (all events): ${line(figure.cpu)}`);
    }
    const pass = Object.values(figures).every((figure) => figure.p95Ms <= TARGET_P95_MS);
    console.log(`  target p95 <= ${TARGET_P95_MS} ms: ${pass ? 'PASS' : 'FAIL'}`);
    writeFileSync(
      join(projectRoot, 'bench', 'results', 'evidence-latest.json'),
      `${JSON.stringify({ at: new Date().toISOString(), machine, events: EVENTS, leaves: log.size, figures, targetP95Ms: TARGET_P95_MS, pass }, null, 2)}\n`,
    );
    return { pass };
  } finally {
    await store.close();
    log.close();
    await keys.close();
  }
}
