import type { ResponsibilityRole } from './official.events.js';

/** One assignment of an official to a unit, as folded from ResponsibilityAssigned and ResponsibilityEnded. */
export interface ResponsibilityAssignment {
  readonly assignmentId: string;
  readonly unitId: string;
  readonly role: ResponsibilityRole;
  /** First day in charge. */
  readonly from: string;
  /** Last day in charge as planned when assigned; null when open-ended. */
  readonly to: string | null;
  /** Set once the assignment was ended: its actual last day and why. */
  readonly ended: { readonly to: string; readonly reason: string } | null;
}

/** Later than any calendar day, so an open-ended period compares as "forever". */
const FOREVER = '9999-12-31';

/** The last day of the assignment as things stand: its end if ended, else its planned end, else null. */
export function lastDayOf(assignment: Pick<ResponsibilityAssignment, 'to' | 'ended'>): string | null {
  return assignment.ended?.to ?? assignment.to;
}

/** Both periods include their first and last day, so one ending on the day the other starts overlaps. */
export function periodsOverlap(a: { from: string; to: string | null }, b: { from: string; to: string | null }): boolean {
  return a.from <= (b.to ?? FOREVER) && b.from <= (a.to ?? FOREVER);
}

/** The assignment already in place for the same unit and role during the given period, if any. */
export function overlappingAssignment(
  assignments: readonly ResponsibilityAssignment[],
  candidate: { assignmentId: string; unitId: string; role: ResponsibilityRole; from: string; to: string | null },
): ResponsibilityAssignment | undefined {
  return assignments.find(
    (other) =>
      other.assignmentId !== candidate.assignmentId &&
      other.unitId === candidate.unitId &&
      other.role === candidate.role &&
      periodsOverlap({ from: other.from, to: lastDayOf(other) }, candidate),
  );
}

/** What is wrong with a set of assignments (after a correction of their dates), or null when nothing is. */
export function inconsistencyOf(assignments: readonly ResponsibilityAssignment[]): string | null {
  for (const assignment of assignments) {
    if (assignment.to !== null && assignment.to < assignment.from)
      return `assignment ${assignment.assignmentId} would end (${assignment.to}) before it starts (${assignment.from})`;
    if (assignment.ended && assignment.ended.to < assignment.from)
      return `assignment ${assignment.assignmentId} would have ended (${assignment.ended.to}) before it started (${assignment.from})`;
    if (assignment.ended && assignment.to !== null && assignment.ended.to > assignment.to) {
      return `assignment ${assignment.assignmentId} would have ended (${assignment.ended.to}) after its planned end (${assignment.to})`;
    }
    const overlap = overlappingAssignment(assignments, { ...assignment, to: lastDayOf(assignment) });
    if (overlap) return `assignments ${assignment.assignmentId} and ${overlap.assignmentId} would overlap for the same unit and role`;
  }
  return null;
}
