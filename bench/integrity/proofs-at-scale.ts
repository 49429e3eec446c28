import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { MerkleLog } from '../../src/integrity/log/merkle-log.js';
import { verifyConsistency, verifyInclusion } from '../../src/integrity/merkle/merkle-verification.js';
import { benchEvent } from '../workloads.js';

export interface Latencies {
  readonly runs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface ProofFigures {
  readonly leaves: number;
  readonly buildSeconds: number;
  readonly buildPerSecond: number;
  readonly fileMB: number;
  readonly inclusion: Latencies;
  readonly consistency: Latencies;
  readonly verifiedProofs: number;
}

const HEX = '0123456789abcdef';
const fakeHash = (seed: number): string => Array.from({ length: 64 }, (_, index) => HEX[(seed * 31 + index * 7) % 16]).join('');

/** A recorded event as the follower sees it, of the bench's usual size; hashes need not chain here. */
function syntheticEvent(index: number): RecordedEvent {
  const event = benchEvent(index);
  return {
    ...event,
    eventId: randomUUID(),
    streamId: `case-${index % 20_000}`,
    streamRevision: Math.floor(index / 20_000),
    globalPosition: index + 1,
    recordedAt: new Date(1_700_000_000_000 + index * 1000).toISOString(),
    previousHash: index < 20_000 ? null : fakeHash(index - 20_000),
    hash: fakeHash(index),
  };
}

function latencies(samples: number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (quantile: number): number => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
  return { runs: samples.length, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1] };
}

/**
 * Fills a Merkle log (integrity.db) with `leaves` events through MerkleLog.append, in batches as the
 * follower writes them, then times what GET /proofs/inclusion does (find the event's leaf by id, build
 * the audit path for the full tree size, base64 it) and what /proofs/consistency does, for random
 * events and sizes. Every proof is also verified against the root, outside the timing.
 */
export async function proofsAtScale(folder: string, leaves: number, runs: number, progress: (line: string) => void): Promise<ProofFigures> {
  // With the log's own index of event ids, as for EventStoreDB; the embedded store's path (its own index,
  // then the leaf at the position) is what the evidence bench times.
  const log = new MerkleLog(join(folder, 'proofs-integrity.db'), { eventIndex: true });
  const ids: string[] = [];
  const started = performance.now();
  const batch = 10_000;
  for (let first = 0; first < leaves; first += batch) {
    const events = Array.from({ length: Math.min(batch, leaves - first) }, (_, offset) => syntheticEvent(first + offset));
    for (const event of events) if ((event.globalPosition - 1) % 97 === 0) ids.push(event.eventId);
    log.append(events);
    if ((first / batch) % 20 === 0)
      progress(`  proofs: ${(first + events.length).toLocaleString('en-US')} of ${leaves.toLocaleString('en-US')} leaves logged`);
  }
  const buildSeconds = (performance.now() - started) / 1000;
  const root = log.root();
  const size = log.size;
  const { statSync } = await import('node:fs');
  const fileMB = statSync(join(folder, 'proofs-integrity.db')).size / 1e6;

  const inclusionSamples: number[] = [];
  const consistencySamples: number[] = [];
  let verified = 0;
  const warmUp = Math.min(200, runs);
  for (let run = 0; run < runs + warmUp; run += 1) {
    const eventId = ids[Math.floor(Math.random() * ids.length)];
    const t0 = performance.now();
    const leaf = log.leafOfEvent(eventId)!;
    const path = log.proofs.inclusionProof(leaf.leafIndex, size).map((hash) => hash.toString('base64'));
    const t1 = performance.now();
    const from = 1 + Math.floor(Math.random() * (size - 1));
    const consistency = log.proofs.consistencyProof(from, size).map((hash) => hash.toString('base64'));
    const t2 = performance.now();
    if (run >= warmUp) {
      inclusionSamples.push(t1 - t0);
      consistencySamples.push(t2 - t1);
    }
    if (run % 10 === 0) {
      if (
        !verifyInclusion(
          leaf.leafIndex,
          size,
          leaf.leafHash,
          path.map((hash) => Buffer.from(hash, 'base64')),
          root,
        )
      )
        throw new Error(`inclusion proof of leaf ${leaf.leafIndex} does not verify`);
      const older = log.proofs.root(from);
      if (
        !verifyConsistency(
          from,
          size,
          older,
          root,
          consistency.map((hash) => Buffer.from(hash, 'base64')),
        )
      )
        throw new Error(`consistency proof from ${from} does not verify`);
      verified += 2;
    }
  }
  log.close();
  return {
    leaves: size,
    buildSeconds,
    buildPerSecond: size / buildSeconds,
    fileMB,
    inclusion: latencies(inclusionSamples),
    consistency: latencies(consistencySamples),
    verifiedProofs: verified,
  };
}
