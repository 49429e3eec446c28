import type { DomainEvent, Fact } from '../domain-kit/decider.js';
import type { JsonObject, RecordedEvent } from '../ledger/event-store.port.js';
import { listRowOf, type FindingsOfCase, type ListKind, type ListRow } from './list-row-folds.js';

/** What came before a batch, as far as the lists know it. */
export interface ListsHistory {
  /** A stream's facts before this batch, in order (the lists' own, without personal data); none for a stream not seen. */
  factsBefore(streamId: string): readonly Fact<DomainEvent>[];
  /** The texts of the findings about a case recorded so far, the rows this batch wrote before included. */
  readonly findingsOf: FindingsOfCase;
}

/** Where a batch's fold puts what it made, in the order the lists must be written. */
export interface ListsBatchOutput {
  /** The facts the batch added to a stream, as one JSON array, keyed by the revision of the first. */
  facts(streamId: string, firstRevision: number, facts: string): void;
  /** A stream's row; `fresh` when the stream had no facts before the batch (so no row either). */
  row(row: ListRow, fresh: boolean): void;
}

const KINDS: Readonly<Record<string, ListKind>> = {
  'case-': 'case',
  'unit-': 'unit',
  'official-': 'official',
  'visit-': 'visit',
  'meeting-': 'meeting',
};

/** Visits first: their findings are part of the text of the cases they name. */
const ORDER: readonly ListKind[] = ['unit', 'official', 'visit', 'meeting', 'case'];

/**
 * One batch of the lists: every stream the batch touches is folded again once, at the end of the
 * batch, from all its facts, by its own fold (list-row-folds.ts), so a correction changes the row as
 * it changes the aggregate. The same steps whoever runs them: the live projection, with its history
 * in the read model and its rows written at once; a rebuild's reader thread, with its history kept
 * in memory and its rows sent to the thread that writes them.
 */
export class ListsBatchFold {
  private readonly touched = new Map<string, Touched>();

  constructor(private readonly history: ListsHistory) {}

  /** Forgets whatever a batch that failed left. */
  start(): void {
    this.touched.clear();
  }

  add(event: RecordedEvent): void {
    const kind = kindOf(event.streamId);
    if (kind === null) return;
    const fact = factWithoutPersonalData(event);
    // A stream whose first event in the batch is its first ever has nothing before it: no lookup.
    const entry = this.entryFor(event.streamId, kind, event.streamRevision === 0);
    if (entry.added.length === 0) entry.firstNewRevision = event.streamRevision;
    entry.added.push(fact);
    entry.facts.push(fact);
  }

  finish(output: ListsBatchOutput): void {
    for (const [streamId, entry] of this.touched)
      if (entry.added.length > 0) output.facts(streamId, entry.firstNewRevision, JSON.stringify(entry.added));
    const casesNamed = new Set<string>();
    for (const kind of ORDER) {
      if (kind === 'case') for (const caseId of casesNamed) this.entryFor(`case-${caseId}`, 'case', false);
      for (const entry of this.touched.values()) {
        if (entry.kind !== kind) continue;
        const row = listRowOf(kind, entry.facts, this.history.findingsOf);
        if (row === null) continue;
        output.row(row, entry.fresh);
        if (row.kind === 'visit') for (const [caseId] of row.findings) casesNamed.add(caseId);
      }
    }
  }

  /** Each stream the batch touched with all its facts so far (for a history kept in memory). */
  *streams(): Iterable<readonly [string, readonly Fact<DomainEvent>[]]> {
    for (const [streamId, entry] of this.touched) yield [streamId, entry.facts];
  }

  private entryFor(streamId: string, kind: ListKind, first: boolean): Touched {
    let entry = this.touched.get(streamId);
    if (!entry) {
      const facts = first ? [] : [...this.history.factsBefore(streamId)];
      entry = { kind, facts, fresh: facts.length === 0, firstNewRevision: -1, added: [] };
      this.touched.set(streamId, entry);
    }
    return entry;
  }
}

/**
 * A stream touched by the batch: its facts so far (loaded once), its kind, whether it began in this
 * batch (fresh: it has no rows yet, so there are none to clear before writing them), and the facts
 * this batch added (stored together at the end of the batch).
 */
interface Touched {
  readonly kind: ListKind;
  readonly facts: Fact<DomainEvent>[];
  readonly fresh: boolean;
  firstNewRevision: number;
  readonly added: Fact<DomainEvent>[];
}

export function kindOf(streamId: string): ListKind | null {
  const dash = streamId.indexOf('-');
  return dash < 0 ? null : (KINDS[streamId.slice(0, dash + 1)] ?? null);
}

/** The fact a fold reads, without the reporter of a case (nor of the case a finding opened). */
export function factWithoutPersonalData(event: RecordedEvent): Fact<DomainEvent> {
  let data: JsonObject = event.data;
  if (event.type === 'CaseReceived') {
    const { reporter: _reporter, ...rest } = data;
    data = rest;
  } else if (event.type === 'VisitFindingRecorded') {
    const { caseReceipt: _receipt, ...rest } = data;
    data = rest;
  }
  return { type: event.type, data, eventId: event.eventId, occurredAt: event.metadata.occurredAt };
}
