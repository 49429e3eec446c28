import { everyParent } from '../organisation/unit-parents.js';
import type { ReportRecords } from '../responsibility/projection/report-facts.query.js';
import type { CaseRecord, MeetingRecord, VisitRecord } from '../responsibility/report-input.js';

/**
 * The part of a group's records that can matter to one official's review: a superset, cut so that
 * evaluating a whole province does not scan every case once per official. Kept: the cases, meetings
 * and visits of any unit under one of the official's assigned units (by a parent of any day or by merge, at any
 * time: the report itself applies the dates), and everything that names the official. Everyone's
 * assignments and the unit tree stay whole, since a pre-emption names all who were in charge.
 * Each kept list keeps the group's order (the report lists its items in the order it was given them).
 */
export function recordsRelevantTo(officialId: string, records: ReportRecords): ReportRecords {
  return new RelevantRecords(records).of(officialId);
}

/**
 * recordsRelevantTo for many officials of one group: the records are indexed once by unit and by the
 * officials they name, so each official's cut costs the size of their part, not of the group's.
 */
export class RelevantRecords {
  private readonly children = new Map<string, string[]>();
  private readonly assignedUnits = new Map<string, string[]>();
  private readonly cases: RecordIndex<CaseRecord>;
  private readonly meetings: RecordIndex<MeetingRecord>;
  private readonly visits: RecordIndex<VisitRecord>;

  constructor(private readonly records: ReportRecords) {
    for (const unit of records.units) {
      for (const parentId of everyParent(unit)) push(this.children, parentId, unit.unitId);
      if (unit.mergedInto !== null) push(this.children, unit.mergedInto.unitId, unit.unitId);
    }
    for (const assignment of records.assignments) push(this.assignedUnits, assignment.officialId, assignment.unitId);
    this.cases = new RecordIndex(
      records.cases,
      (record) => [record.unitId],
      (record) => [
        ...record.assignments.flatMap((assignment) => (assignment.officialId === null ? [] : [assignment.officialId])),
        ...record.reportsUpward.map((report) => report.officialId),
        ...(record.acts ?? []).map((act) => act.officialId),
      ],
    );
    this.meetings = new RecordIndex(
      records.meetings,
      (meeting) => [meeting.unitId],
      (meeting) => meeting.attendees,
    );
    this.visits = new RecordIndex(
      records.visits,
      (visit) => [visit.unitId],
      (visit) => [...visit.participants, ...(visit.conducted?.presentParticipants ?? [])],
    );
  }

  of(officialId: string): ReportRecords {
    const reach = this.unitsUnder(this.assignedUnits.get(officialId) ?? []);
    return {
      ...this.records,
      cases: this.cases.select(reach, officialId),
      meetings: this.meetings.select(reach, officialId),
      visits: this.visits.select(reach, officialId),
      reviews: this.records.reviews.filter((review) => review.officialId === officialId),
    };
  }

  /** The given units and every unit below them, following parents and merges (into a unit counts as under it). */
  private unitsUnder(roots: readonly string[]): Set<string> {
    const reach = new Set<string>();
    const pending = [...roots];
    while (pending.length > 0) {
      const unitId = pending.pop()!;
      if (reach.has(unitId)) continue;
      reach.add(unitId);
      pending.push(...(this.children.get(unitId) ?? []));
    }
    return reach;
  }
}

/** The positions of a list's records by the units they are in and by the officials they name. */
class RecordIndex<Item> {
  private readonly byUnit = new Map<string, number[]>();
  private readonly byOfficial = new Map<string, number[]>();

  constructor(
    private readonly items: readonly Item[],
    unitsOf: (item: Item) => readonly string[],
    officialsOf: (item: Item) => readonly string[],
  ) {
    items.forEach((item, position) => {
      for (const unitId of unitsOf(item)) push(this.byUnit, unitId, position);
      for (const officialId of officialsOf(item)) push(this.byOfficial, officialId, position);
    });
  }

  /** The records in one of the units or naming the official, in the list's order. */
  select(units: ReadonlySet<string>, officialId: string): Item[] {
    const positions = new Set<number>(this.byOfficial.get(officialId));
    for (const unitId of units) for (const position of this.byUnit.get(unitId) ?? []) positions.add(position);
    return [...positions].sort((a, b) => a - b).map((position) => this.items[position]);
  }
}

function push<Value>(map: Map<string, Value[]>, key: string, value: Value): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}
