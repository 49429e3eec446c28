import type { DomainEvent, Fact } from '../domain-kit/decider.js';
import type { CreateRebuildFold } from '../projections/projection.js';
import type { ListRow } from './list-row-folds.js';
import { factWithoutPersonalData, ListsBatchFold } from './lists-batch-fold.js';

/** One batch of a rebuild folded in the reader's thread: what the writing thread must store, in order. */
export interface ListsFoldedBatch {
  /** stream id, revision of the first fact, the facts as one JSON array. */
  readonly facts: [string, number, string][];
  /** Each row, and whether its stream is fresh (list-row-writer.ts). */
  readonly rows: [ListRow, boolean][];
}

/** The facts kept in memory between batches, by default: some 100 MB of a rebuild's reader thread. */
const RETAINED_FACTS = 100_000;

/**
 * The lists' fold for a rebuild's reader thread (loaded by feed-reader.worker.ts): the batch is
 * folded here as the live projection folds it (ListsBatchFold), and the writing thread gets only the
 * rows and the facts' texts. What the live projection reads back from its tables is kept here
 * instead: the facts of the streams seen last (most streams arrive whole or in a few neighbouring
 * batches), the others read again from the store's file up to the position before the batch, and the
 * findings about each case. `options.retainedFacts` bounds the facts kept.
 */
export const createRebuildFold: CreateRebuildFold = (history, options) => {
  const kept = new KeptStreams(typeof options.retainedFacts === 'number' ? options.retainedFacts : RETAINED_FACTS);
  const findings = new Map<string, Map<string, string>>();
  let after = 0;
  const fold = new ListsBatchFold({
    factsBefore: (streamId) => kept.facts(streamId) ?? history.streamUpTo(streamId, after).map(factWithoutPersonalData),
    findingsOf: (caseId) => textsByFindingId(findings.get(caseId)),
  });
  return (events, batchAfter) => {
    after = batchAfter;
    const batch: ListsFoldedBatch = { facts: [], rows: [] };
    fold.start();
    for (const event of events) fold.add(event);
    fold.finish({
      facts: (streamId, firstRevision, facts) => batch.facts.push([streamId, firstRevision, facts]),
      row(row, fresh) {
        batch.rows.push([row, fresh]);
        // As the writer's INSERT OR REPLACE keeps them: never removed, the latest text of each.
        if (row.kind === 'visit')
          for (const [caseId, findingId, text] of row.findings) {
            let ofCase = findings.get(caseId);
            if (!ofCase) findings.set(caseId, (ofCase = new Map()));
            ofCase.set(findingId, text);
          }
      },
    });
    for (const [streamId, facts] of fold.streams()) kept.keep(streamId, facts);
    return batch;
  };
};

/** In the order SQLite's `ORDER BY finding_id` gives them: by the bytes of their UTF-8. */
function textsByFindingId(ofCase: ReadonlyMap<string, string> | undefined): string[] {
  if (ofCase === undefined) return [];
  if (ofCase.size === 1) return [...ofCase.values()];
  return [...ofCase].sort(([a], [b]) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))).map(([, text]) => text);
}

/** The facts of the streams touched last, least recently touched dropped first beyond a number of facts. */
class KeptStreams {
  private readonly streams = new Map<string, readonly Fact<DomainEvent>[]>();
  private count = 0;

  constructor(private readonly limit: number) {}

  facts(streamId: string): readonly Fact<DomainEvent>[] | undefined {
    return this.streams.get(streamId);
  }

  keep(streamId: string, facts: readonly Fact<DomainEvent>[]): void {
    const before = this.streams.get(streamId);
    if (before) {
      this.count -= before.length;
      this.streams.delete(streamId);
    }
    this.streams.set(streamId, facts);
    this.count += facts.length;
    for (const [oldest, its] of this.streams) {
      if (this.count <= this.limit) break;
      this.streams.delete(oldest);
      this.count -= its.length;
    }
  }
}
