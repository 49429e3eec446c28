import type Database from 'better-sqlite3';
import type { DomainEvent, Fact } from '../../domain-kit/decider.js';
import type { MeetingEvent } from '../../meetings/meeting.events.js';
import type { OfficialEvent } from '../../officials/official.events.js';
import type { UnitEvent } from '../../organisation/unit.events.js';
import type { ReviewEvent } from '../../reviews/review.events.js';
import type { VisitEvent } from '../../visits/visit.events.js';
import { LiveRead } from '../../projections/live-read.js';
import type { TableNames } from '../../projections/projection.js';
import { everyParent } from '../../organisation/unit-parents.js';
import { assignmentsFromFacts, meetingFromFacts, reviewFromFacts, unitFromFacts, visitFromFacts } from '../records-from-facts.js';
import type { AssignmentRecord, CaseRecord, MeetingRecord, ReportPeriod, ReviewRecord, UnitRecord, VisitRecord } from '../report-input.js';
import { categoryOf, responsibilityFactsProjection, type ResponsibilityFactsTable } from './responsibility-facts.projection.js';

/** The records the report folds for a group of officials, corrections applied. */
export interface ReportRecords {
  /** The officials asked for that are registered, with their name (from OfficialRegistered). */
  readonly officials: ReadonlyMap<string, { readonly fullName: string }>;
  readonly assignments: readonly AssignmentRecord[];
  readonly units: readonly UnitRecord[];
  readonly meetings: readonly MeetingRecord[];
  readonly visits: readonly VisitRecord[];
  readonly cases: readonly CaseRecord[];
  readonly reviews: readonly ReviewRecord[];
}

interface EventRow {
  global_position: number;
  stream_id: string;
  event_id: string;
  type: string;
  occurred_at: string;
  data: string;
}

/** An EventRow as an array, in the order of COLUMNS (better-sqlite3's raw mode: no object per row). */
type RawEventRow = [globalPosition: number, streamId: string, eventId: string, type: string, occurredAt: string, data: string];

type Prepare = (sql: string) => Database.Statement;
type Tables = TableNames<ResponsibilityFactsTable>;
const COLUMNS = 'global_position, stream_id, event_id, type, occurred_at, data';
const OFFICIAL_STREAM = 'official-';

/**
 * Selects, from the responsibility-facts projection, the streams a report of some officials needs and
 * folds them with records-from-facts.ts:
 * - every unit (a province has hundreds, and the tree is needed whole to follow parents and merges);
 * - the officials' own streams, and every stream indexed to them (meetings, visits, cases, reviews);
 * - the cases, meetings and visits of every unit under their assigned units (by parent or merge, at any
 *   time: the report itself applies the dates);
 * - the streams of the other officials assigned to those units or to units above them, so that a
 *   pre-emption names everyone in charge.
 * All in one read transaction: one snapshot, even while the projection writes or a rebuild swaps.
 */
export class ReportFactsQuery {
  private readonly live: LiveRead<ResponsibilityFactsTable>;

  constructor(db: Database.Database) {
    this.live = new LiveRead(db, responsibilityFactsProjection);
  }

  /**
   * With a period, the cases with no event on a day of it are left out (case_days): they can count in
   * no figure of a report of that period. Without one, every case is read.
   */
  recordsFor(officialIds: readonly string[], period?: ReportPeriod): ReportRecords {
    return this.live.read(
      (tables, prepare) => this.select(officialIds, period, tables, prepare),
      () => emptyRecords(),
    );
  }

  /** Every unit with the ids of the units under it (itself included), by parent or merge, at any time. */
  unitsUnder(unitId: string): { units: readonly UnitRecord[]; under: ReadonlySet<string> } {
    return this.live.read(
      (tables, prepare) => {
        const units = this.units(tables, prepare);
        return { units, under: descendantsOf([unitId], units) };
      },
      () => ({ units: [], under: new Set([unitId]) }),
    );
  }

  /** The officials with an assignment recorded to one of these units (ever; the caller applies the dates). */
  officialsAssignedTo(unitIds: Iterable<string>): string[] {
    return this.live.read(
      (tables, prepare) =>
        (
          prepare(
            `SELECT DISTINCT stream_id FROM "${tables.stream_units}" WHERE category = 'official' AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY stream_id`,
          ).all(JSON.stringify([...unitIds])) as { stream_id: string }[]
        ).map((row) => row.stream_id.slice(OFFICIAL_STREAM.length)),
      () => [],
    );
  }

  private select(officialIds: readonly string[], period: ReportPeriod | undefined, tables: Tables, prepare: Prepare): ReportRecords {
    const units = this.units(tables, prepare);
    const own = groupByStream(
      this.eventsOf(
        officialIds.map((id) => `${OFFICIAL_STREAM}${id}`),
        tables,
        prepare,
      ),
    );
    const officials = new Map<string, { fullName: string }>();
    const ownAssignments: AssignmentRecord[] = [];
    for (const [streamId, stream] of own) {
      const facts = stream as unknown as Fact<OfficialEvent>[];
      const officialId = streamId.slice(OFFICIAL_STREAM.length);
      const registered = facts.find((fact) => fact.type === 'OfficialRegistered');
      if (registered?.type === 'OfficialRegistered') officials.set(officialId, { fullName: registered.data.fullName });
      ownAssignments.push(...assignmentsFromFacts(officialId, facts));
    }
    const assigned = ownAssignments.map((assignment) => assignment.unitId);
    const under = descendantsOf(assigned, units);
    const above = ancestorsOf(assigned, units);
    const json = (values: Iterable<string>) => JSON.stringify([...values]);
    // A stream that is no case has no case_days row and is always kept; the whole ledger's span when no period.
    const span = [period?.to ?? '9999-12-31', period?.from ?? '0000-01-01'];
    const inSpan = `(days.stream_id IS NULL OR (days.first_day <= ? AND days.last_day >= ?))`;
    // The streams indexed to the officials, those of the units under them, and their colleagues' (own streams excepted).
    const found = prepare(
      `SELECT linked.stream_id FROM "${tables.stream_officials}" AS linked LEFT JOIN "${tables.case_days}" AS days ON days.stream_id = linked.stream_id
       WHERE linked.official_id IN (SELECT value FROM json_each(?)) AND ${inSpan}
       UNION ALL
       SELECT linked.stream_id FROM "${tables.stream_units}" AS linked LEFT JOIN "${tables.case_days}" AS days ON days.stream_id = linked.stream_id
       WHERE linked.unit_id IN (SELECT value FROM json_each(?)) AND linked.category IN ('case', 'meeting', 'visit') AND ${inSpan}
       UNION ALL
       SELECT stream_id FROM "${tables.stream_units}" WHERE unit_id IN (SELECT value FROM json_each(?)) AND category = 'official'`,
    )
      .pluck(true)
      .all(json(officialIds), ...span, json(under), ...span, json([...under, ...above])) as string[];
    // Duplicates removed here rather than by SQLite's UNION, which sorts every row (a province's is 200,000).
    const chosen = [...new Set(found.filter((streamId) => !own.has(streamId)))];
    const isCase = (streamId: string) => categoryOf(streamId) === 'case';
    // The cases as the projection folded them, one row each; the other streams' events, stream by stream
    // in the order of the clustered table, each folded as soon as it is read.
    const cases: InOrder<CaseRecord | null>[] = [];
    for (const [first, record] of prepare(
      `SELECT first_position, record FROM "${tables.case_records}" WHERE stream_id IN (SELECT value FROM json_each(?))`,
    )
      .raw(true)
      .iterate(json(chosen.filter(isCase))) as IterableIterator<[number, string]>) {
      cases.push({ first, record: JSON.parse(record) as CaseRecord });
    }
    const rows = prepare(
      `SELECT ${COLUMNS} FROM "${tables.events}" WHERE stream_id IN (SELECT value FROM json_each(?)) ORDER BY stream_id, global_position`,
    )
      .raw(true)
      .iterate(json(chosen.filter((streamId) => !isCase(streamId)))) as IterableIterator<RawEventRow>;

    const colleagues: InOrder<AssignmentRecord[]>[] = [];
    const meetings: InOrder<MeetingRecord | null>[] = [];
    const visits: InOrder<VisitRecord | null>[] = [];
    const reviews: InOrder<ReviewRecord | null>[] = [];
    for (const { streamId, first, facts } of streams(rows)) {
      const category = categoryOf(streamId);
      if (category === 'official')
        colleagues.push({
          first,
          record: assignmentsFromFacts(streamId.slice(OFFICIAL_STREAM.length), facts as unknown as Fact<OfficialEvent>[]),
        });
      else if (category === 'meeting') meetings.push({ first, record: meetingFromFacts(facts as unknown as Fact<MeetingEvent>[]) });
      else if (category === 'visit') visits.push({ first, record: visitFromFacts(facts as unknown as Fact<VisitEvent>[]) });
      else if (category === 'review') reviews.push({ first, record: reviewFromFacts(facts as unknown as Fact<ReviewEvent>[]) });
    }
    return {
      officials,
      assignments: [...ownAssignments, ...inLedgerOrder(colleagues).flat()],
      units,
      meetings: present(inLedgerOrder(meetings)),
      visits: present(inLedgerOrder(visits)),
      cases: present(inLedgerOrder(cases)),
      reviews: present(inLedgerOrder(reviews)),
    };
  }

  private units(tables: Tables, prepare: Prepare): UnitRecord[] {
    const rows = prepare(
      `SELECT ${COLUMNS} FROM "${tables.events}" WHERE stream_id >= 'unit-' AND stream_id < 'unit.' ORDER BY global_position`,
    ).all() as EventRow[];
    return [...groupByStream(rows).values()].flatMap((facts) => {
      const unit = unitFromFacts(facts as unknown as Fact<UnitEvent>[]);
      return unit ? [unit] : [];
    });
  }

  /** The events of the streams, stream by stream: the order of the by-stream index, so SQLite sorts nothing. */
  private eventsOf(streamIds: readonly string[], tables: Tables, prepare: Prepare): EventRow[] {
    if (streamIds.length === 0) return [];
    // The same statement serves select() in raw mode (statements are shared by their SQL): set the mode each time.
    return prepare(
      `SELECT ${COLUMNS} FROM "${tables.events}" WHERE stream_id IN (SELECT value FROM json_each(?)) ORDER BY stream_id, global_position`,
    )
      .raw(false)
      .all(JSON.stringify(streamIds)) as EventRow[];
  }
}

/** The units at or under the given ones, following parents (of any day) and merges downward (dates ignored: a superset). */
export function descendantsOf(unitIds: readonly string[], units: readonly UnitRecord[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const unit of units) {
    for (const above of [...everyParent(unit), unit.mergedInto?.unitId]) {
      if (above) children.set(above, [...(children.get(above) ?? []), unit.unitId]);
    }
  }
  const found = new Set<string>();
  const stack = [...unitIds];
  while (stack.length > 0) {
    const unitId = stack.pop()!;
    if (found.has(unitId)) continue;
    found.add(unitId);
    stack.push(...(children.get(unitId) ?? []));
  }
  return found;
}

/** The units above the given ones (not themselves), by parent (of any day) or merge. */
function ancestorsOf(unitIds: readonly string[], units: readonly UnitRecord[]): Set<string> {
  const byId = new Map(units.map((unit) => [unit.unitId, unit]));
  const found = new Set<string>();
  const stack = unitIds.flatMap((unitId) => parentsOf(byId.get(unitId)));
  while (stack.length > 0) {
    const unitId = stack.pop()!;
    if (found.has(unitId)) continue;
    found.add(unitId);
    stack.push(...parentsOf(byId.get(unitId)));
  }
  return found;
}

function parentsOf(unit: UnitRecord | undefined): string[] {
  if (!unit) return [];
  return [...everyParent(unit), unit.mergedInto?.unitId].filter((id): id is string => typeof id === 'string');
}

/**
 * The facts of each stream in the order of its events, the streams in the order of their first event
 * (the order of the ledger, whatever order the rows came in).
 */
function groupByStream(rows: readonly EventRow[]): Map<string, Fact<DomainEvent>[]> {
  const streams = new Map<string, { first: number; facts: Fact<DomainEvent>[] }>();
  // Each stream's rows come in the order of their positions: its first row is its first event.
  for (const row of rows) {
    let stream = streams.get(row.stream_id);
    if (!stream) {
      stream = { first: row.global_position, facts: [] };
      streams.set(row.stream_id, stream);
    }
    stream.facts.push({
      type: row.type,
      data: JSON.parse(row.data) as DomainEvent['data'],
      eventId: row.event_id,
      occurredAt: row.occurred_at,
    });
  }
  const inOrder = [...streams].sort(([, a], [, b]) => a.first - b.first);
  return new Map(inOrder.map(([streamId, stream]) => [streamId, stream.facts]));
}

/** A record with the position of the first event of its stream. */
interface InOrder<T> {
  readonly first: number;
  readonly record: T;
}

/** Records in the order their streams began in the ledger. */
function inLedgerOrder<T>(records: InOrder<T>[]): T[] {
  return records.sort((a, b) => a.first - b.first).map((entry) => entry.record);
}

function present<T>(records: readonly (T | null)[]): T[] {
  return records.filter((record): record is T => record !== null);
}

/** Rows that come stream by stream, each stream's in the order of its events, as one stream at a time. */
function* streams(rows: Iterable<RawEventRow>): Generator<{ streamId: string; first: number; facts: Fact<DomainEvent>[] }> {
  let current: { streamId: string; first: number; facts: Fact<DomainEvent>[] } | null = null;
  for (const [globalPosition, streamId, eventId, type, occurredAt, data] of rows) {
    if (current === null || current.streamId !== streamId) {
      if (current !== null) yield current;
      current = { streamId, first: globalPosition, facts: [] };
    }
    current.facts.push({ type, data: JSON.parse(data) as DomainEvent['data'], eventId, occurredAt });
  }
  if (current !== null) yield current;
}

function emptyRecords(): ReportRecords {
  return { officials: new Map(), assignments: [], units: [], meetings: [], visits: [], cases: [], reviews: [] };
}
