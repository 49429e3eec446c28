import type { ReviewRecords } from '../responsibility/projection/review-facts.query.js';
import type { UnitRecord } from '../responsibility/review-input.js';

/**
 * The part of a group's records that can matter to one official's review: a superset, cut so that
 * evaluating a whole province does not scan every case once per official. Kept: the cases, meetings
 * and visits of any unit under one of the official's assigned units (by parent or by merge, at any
 * time: the review itself applies the dates), and everything that names the official. Everyone's
 * assignments and the unit tree stay whole, since a pre-emption names all who were in charge.
 */
export function recordsRelevantTo(officialId: string, records: ReviewRecords): ReviewRecords {
  const assigned = records.assignments.filter((assignment) => assignment.officialId === officialId).map((assignment) => assignment.unitId);
  const reach = unitsUnder(assigned, records.units);
  return {
    ...records,
    cases: records.cases.filter(
      (record) =>
        reach.has(record.unitId) ||
        record.assignments.some((assignment) => assignment.officialId === officialId) ||
        record.reportsUpward.some((report) => report.officialId === officialId),
    ),
    meetings: records.meetings.filter((meeting) => reach.has(meeting.unitId) || meeting.attendees.includes(officialId)),
    visits: records.visits.filter(
      (visit) => reach.has(visit.unitId) || visit.participants.includes(officialId) || (visit.conducted?.presentParticipants.includes(officialId) ?? false),
    ),
    reviews: records.reviews.filter((review) => review.officialId === officialId),
  };
}

/** The given units and every unit below them, following parents and merges (into a unit counts as under it). */
function unitsUnder(roots: readonly string[], units: readonly UnitRecord[]): Set<string> {
  const children = new Map<string, string[]>();
  const link = (parent: string, child: string) => children.set(parent, [...(children.get(parent) ?? []), child]);
  for (const unit of units) {
    if (unit.parentId !== null) link(unit.parentId, unit.unitId);
    if (unit.mergedInto !== null) link(unit.mergedInto.unitId, unit.unitId);
  }
  const reach = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const unitId = pending.pop()!;
    if (reach.has(unitId)) continue;
    reach.add(unitId);
    pending.push(...(children.get(unitId) ?? []));
  }
  return reach;
}
