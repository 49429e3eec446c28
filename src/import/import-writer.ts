import type { EventStore } from '../ledger/event-store.port.js';
import { ConcurrencyError } from '../ledger/ledger.errors.js';
import { unitDecider, type UnitState } from '../organisation/unit.decider.js';
import { unitStream } from '../organisation/unit.events.js';
import { officialStream } from '../officials/official.events.js';
import type { ImportStream, ImportView } from './import-view.js';

const isUnitStream = (streamId: string): boolean => streamId.startsWith(unitStream(''));
const isOfficialStream = (streamId: string): boolean => streamId.startsWith(officialStream(''));

/** Another writer appended to a stream the import had read: what the import decided for it may no longer hold. */
export class ImportConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly writtenEvents: number,
  ) {
    super(
      `Another writer appended to ${streamId} since the import read it; nothing more was written (${writtenEvents} events were, each stream whole). ` +
        'Run the same import again: what it wrote is recognised and skipped, the rest is decided afresh.',
    );
  }
}

/** How many streams are appended at once, stream by stream: they share the store's group commit, and one group stays short so the service's own writes are not held up. */
const STREAMS_AT_ONCE = 256;
/**
 * How many events one transaction of a store with appendStreams holds at most: larger commits rewrite
 * each page of the event-id index fewer times (2,000-event transactions measured 30-50% cheaper per
 * event than the group commits of 256 streams), and some 2,500 events hold the file's write lock for
 * tens of milliseconds only.
 */
const EVENTS_PER_TRANSACTION = 2500;

/**
 * Appends what the view holds, each stream in one append with the revision the import read (so a
 * write by anyone else in between is a conflict, never a silent interleaving), in an order that keeps
 * the global feed meaningful for its readers: units first, parents before children, then officials,
 * then what names them (cases, visits, meetings). Where the store writes many streams in one
 * transaction (appendStreams), a wave is written some EVENTS_PER_TRANSACTION events at a time, each
 * batch whole or not at all; elsewhere STREAMS_AT_ONCE appends at a time. Either way the same events in
 * the same order, with the same revisions.
 */
export async function writeImport(store: EventStore, view: ImportView, onEvents?: (written: number) => void): Promise<number> {
  let written = 0;
  for (const wave of await wavesOf(view)) {
    const batches = store.appendStreams ? batchesOfEvents(wave) : batchesOfStreams(wave);
    for (const batch of batches) {
      written += await (store.appendStreams ? appendAtOnce(store, batch, written) : appendEach(store, batch, written));
      onEvents?.(written);
    }
  }
  return written;
}

/** The streams of a wave in order, cut where a batch would pass EVENTS_PER_TRANSACTION (a longer stream makes a batch of its own). */
function batchesOfEvents(wave: readonly ImportStream[]): ImportStream[][] {
  const batches: ImportStream[][] = [];
  let batch: ImportStream[] = [];
  let events = 0;
  for (const stream of wave) {
    if (batch.length > 0 && events + stream.pending.length > EVENTS_PER_TRANSACTION) {
      batches.push(batch);
      batch = [];
      events = 0;
    }
    batch.push(stream);
    events += stream.pending.length;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

function batchesOfStreams(wave: readonly ImportStream[]): ImportStream[][] {
  const batches: ImportStream[][] = [];
  for (let start = 0; start < wave.length; start += STREAMS_AT_ONCE) batches.push(wave.slice(start, start + STREAMS_AT_ONCE));
  return batches;
}

/** The events a batch wrote (none for a stream already holding them: a replay); a conflict stops the import. */
async function appendAtOnce(store: EventStore, batch: readonly ImportStream[], writtenBefore: number): Promise<number> {
  try {
    const results = await store.appendStreams!(
      batch.map((stream) => ({ streamId: stream.streamId, events: stream.pending, expectedRevision: stream.expected })),
    );
    return results.reduce((sum, result, index) => sum + (result.idempotentReplay ? 0 : batch[index].pending.length), 0);
  } catch (error) {
    if (error instanceof ConcurrencyError) throw new ImportConflictError(error.streamId, writtenBefore);
    throw error;
  }
}

async function appendEach(store: EventStore, batch: readonly ImportStream[], writtenBefore: number): Promise<number> {
  const results = await Promise.allSettled(batch.map((stream) => store.append(stream.streamId, stream.pending, stream.expected)));
  let written = 0;
  for (const [index, result] of results.entries()) {
    if (result.status === 'fulfilled') written += result.value.idempotentReplay ? 0 : batch[index].pending.length;
  }
  const failed = results.findIndex((result) => result.status === 'rejected');
  if (failed >= 0) {
    const reason = (results[failed] as PromiseRejectedResult).reason;
    if (reason instanceof ConcurrencyError) throw new ImportConflictError(batch[failed].streamId, writtenBefore + written);
    throw reason;
  }
  return written;
}

async function wavesOf(view: ImportView): Promise<ImportStream[][]> {
  const streams = view.toWrite();
  const units = streams.filter((stream) => isUnitStream(stream.streamId));
  const byDepth: ImportStream[][] = [];
  for (const stream of units) {
    const depth = await depthOf(view, stream.state as UnitState);
    (byDepth[depth] ??= []).push(stream);
  }
  const officials = streams.filter((stream) => isOfficialStream(stream.streamId));
  const rest = streams.filter((stream) => !isUnitStream(stream.streamId) && !isOfficialStream(stream.streamId));
  return [...byDepth.filter((wave) => wave !== undefined), officials, rest].filter((wave) => wave.length > 0);
}

async function depthOf(view: ImportView, state: UnitState): Promise<number> {
  let depth = 0;
  let current = state;
  while (current.status !== 'unregistered' && current.parentId !== null && depth < 32) {
    depth += 1;
    current = await view.state(unitStream(current.parentId), unitDecider);
  }
  return depth;
}
