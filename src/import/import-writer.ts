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

/** How many streams are appended at once: they share the store's group commit, and one group stays short so the service's own writes are not held up. */
const STREAMS_AT_ONCE = 256;

/**
 * Appends what the view holds, each stream in one append with the revision the import read (so a
 * write by anyone else in between is a conflict, never a silent interleaving), in an order that keeps
 * the global feed meaningful for its readers: units first, parents before children, then officials,
 * then what names them (cases, visits, meetings).
 */
export async function writeImport(store: EventStore, view: ImportView, onEvents?: (written: number) => void): Promise<number> {
  let written = 0;
  for (const wave of await wavesOf(view)) {
    for (let start = 0; start < wave.length; start += STREAMS_AT_ONCE) {
      const chunk = wave.slice(start, start + STREAMS_AT_ONCE);
      const results = await Promise.allSettled(chunk.map((stream) => store.append(stream.streamId, stream.pending, stream.expected)));
      for (const [index, result] of results.entries()) {
        if (result.status === 'fulfilled') written += result.value.idempotentReplay ? 0 : chunk[index].pending.length;
      }
      const failed = results.findIndex((result) => result.status === 'rejected');
      if (failed >= 0) {
        const reason = (results[failed] as PromiseRejectedResult).reason;
        if (reason instanceof ConcurrencyError) throw new ImportConflictError(chunk[failed].streamId, written);
        throw reason;
      }
      onEvents?.(written);
    }
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
