import { vietnamDayOf } from '../calendar/calendar-day.js';
import { VISIT_KINDS } from '../visits/visit.events.js';
import { unique } from './monthly-attendance.js';
import type { AssignmentRecord, ReportPeriod, VisitRecord } from './report-input.js';
import type { Figure, VisitCounts, VisitOutcome, VisitsOfAssignment } from './report-output.js';
import type { UnitTree } from './unit-tree.js';

const OUTCOMES: readonly VisitOutcome[] = ['conducted', 'absent', 'cancelled', 'planned'];
const FOREVER = '9999-12-31';

/**
 * The official's visits, per assignment: a visit is the official's when they were planned to go or were
 * present. Its day is the day it started if conducted, else its (latest) planned day; it is counted in
 * the period by that day, and under an assignment when its unit was in the assigned unit's tree that
 * day and the assignment ran. conducted: the official was there; absent: it took place without them;
 * cancelled; planned: neither cancelled nor conducted yet. Visits to no assigned unit are counted under
 * assignmentId null.
 */
export function visitsByAssignment(
  officialId: string,
  period: ReportPeriod,
  assignments: readonly AssignmentRecord[],
  visits: readonly VisitRecord[],
  tree: UnitTree,
): VisitsOfAssignment[] {
  const buckets = new Map<string | null, Map<string, Cell>>([
    ...assignments.map((a) => [a.assignmentId, new Map()] as const),
    [null, new Map()],
  ]);
  for (const visit of visits) {
    const present = visit.conducted?.presentParticipants.includes(officialId) ?? false;
    if (!present && !visit.participants.includes(officialId)) continue;
    const day = vietnamDayOf(visit.conducted?.startedAt ?? visit.plannedFor);
    if (day < period.from || day > period.to) continue;
    const outcome: VisitOutcome = visit.conducted ? (present ? 'conducted' : 'absent') : visit.cancelled ? 'cancelled' : 'planned';
    const evidence = [
      ...visit.eventIds,
      ...(visit.cancelled ? [visit.cancelled.eventId] : []),
      ...(visit.conducted ? [visit.conducted.eventId] : []),
    ];
    const owners = assignments
      .filter((a) => a.from <= day && day <= (a.to ?? FOREVER))
      .flatMap((a) => {
        const link = tree.linkTo(visit.unitId, a.unitId, day);
        return link ? [{ assignmentId: a.assignmentId, evidence: [...a.eventIds, ...link.treeEventIds] }] : [];
      });
    for (const owner of owners.length > 0 ? owners : [{ assignmentId: null, evidence: [] }]) {
      const cells = buckets.get(owner.assignmentId)!;
      const key = `${visit.kind}/${outcome}`;
      const cell = cells.get(key) ?? { visitIds: new Set<string>(), evidence: [] };
      cell.visitIds.add(visit.visitId);
      cell.evidence.push(...evidence, ...owner.evidence);
      cells.set(key, cell);
    }
  }
  return [...buckets].map(([assignmentId, cells]) => ({
    assignmentId,
    unitId: assignments.find((a) => a.assignmentId === assignmentId)?.unitId ?? null,
    counts: countsOf(cells),
  }));
}

interface Cell {
  readonly visitIds: Set<string>;
  readonly evidence: string[];
}

function countsOf(cells: Map<string, Cell>): VisitCounts {
  const figure = (key: string): Figure => {
    const cell = cells.get(key);
    return { count: cell?.visitIds.size ?? 0, evidence: unique(cell?.evidence ?? []) };
  };
  return Object.fromEntries(
    VISIT_KINDS.map((kind) => [kind, Object.fromEntries(OUTCOMES.map((outcome) => [outcome, figure(`${kind}/${outcome}`)]))]),
  ) as unknown as VisitCounts;
}
