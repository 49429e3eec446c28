import { vietnamDayOf, type CalendarDay } from '../calendar/calendar-day.js';
import type { MeetingKind } from '../meetings/meeting.events.js';
import type { MeetingToAttend } from '../policies/monthly-duty.js';
import type { RuleBook } from '../policies/rule-book.js';
import type { AssignmentRecord, MeetingRecord, ReportPeriod } from './report-input.js';
import type { AttendanceOfAssignment, DutyPartOfMonth, DutyPartStatus, Figure, MonthOfAttendance, MonthStatus } from './report-output.js';
import type { UnitLink, UnitTree } from './unit-tree.js';
import { daysIncluded, earlier, firstDayOfMonth, lastDayOfMonth, later, monthsBetween } from './vietnam-months.js';

const FOREVER = '9999-12-31';

interface HeldMeeting {
  readonly meeting: MeetingRecord;
  readonly day: CalendarDay;
}

/**
 * The monthly duty of the member in charge, as the rule book's duty in force says (at least once a
 * month, a meeting of the unit's Party committee and of at least one Party cell in it). Months are
 * Vietnamese calendar months (a meeting at 2017-03-31T23:30+07:00 is March's). Every month that
 * overlaps both the period and the assignment is listed and judged over the member's own days in
 * charge that month, however few: a meeting counts when it was held on one of those days, and a kind
 * of meeting not held at all in them is "no meeting held" (the unit's, not the member's). So in a
 * month when charge passed from one member to another each answers for their own days. Days not over
 * as of `asOf` leave the month open, not missed.
 */
export function attendanceOf(
  assignment: AssignmentRecord,
  input: {
    officialId: string;
    period: ReportPeriod;
    asOf: string;
    meetings: readonly MeetingRecord[];
    tree: UnitTree;
    ruleBook: RuleBook;
  },
): AttendanceOfAssignment {
  const { period } = input;
  const assignmentEnd = assignment.to ?? FOREVER;
  const first = later(period.from, assignment.from);
  const last = earlier(period.to, assignmentEnd);
  const today = vietnamDayOf(input.asOf);
  const held = input.meetings.map((meeting) => ({ meeting, day: vietnamDayOf(meeting.heldAt) }));
  const months: MonthOfAttendance[] =
    first > last
      ? []
      : monthsBetween(first, last).map((month) => {
          const from = later(firstDayOfMonth(month), assignment.from);
          const to = earlier(lastDayOfMonth(month), assignmentEnd);
          return monthOf(month, from, to, { assignment, held, today, ...input });
        });
  return {
    assignmentId: assignment.assignmentId,
    unitId: assignment.unitId,
    months,
    monthsMissed: months.filter((month) => month.status === 'missed').map((month) => month.month),
  };
}

interface MonthContext {
  readonly assignment: AssignmentRecord;
  readonly officialId: string;
  readonly held: readonly HeldMeeting[];
  readonly today: CalendarDay;
  readonly tree: UnitTree;
  readonly ruleBook: RuleBook;
}

function monthOf(month: string, windowFrom: CalendarDay, windowTo: CalendarDay, context: MonthContext): MonthOfAttendance {
  const { assignment } = context;
  const inForce = context.ruleBook.monthlyDutyDuring(windowFrom, windowTo);
  const from = inForce?.from ?? windowFrom;
  const to = inForce?.to ?? windowTo;
  const over = context.today > to;
  const inDays = context.held.filter(({ day }) => day >= from && day <= to);
  const parts = (inForce?.duty.attend ?? []).map((part) => partOf(part, inDays, { ...context, from, over }));
  const attendedOf = (kind: MeetingKind): Figure => {
    const ofKind = parts.filter((part) => part.kind === kind);
    return figureOf(
      ofKind.flatMap((part) => part.attended.evidence),
      ofKind.reduce((sum, part) => sum + part.attended.count, 0),
    );
  };
  const evidence = unique([...assignment.eventIds, ...parts.flatMap((part) => [...part.held.evidence, ...part.links])]);
  return {
    month,
    from,
    to,
    daysInCharge: daysIncluded(from, to),
    duty: inForce && { dutyId: inForce.duty.dutyId, reference: inForce.duty.reference, needsCheck: inForce.duty.needsCheck },
    required: inForce !== null,
    status: inForce === null ? 'no-rule' : statusOf(parts.map((part) => part.status)),
    parts: parts.map(({ links: _, ...part }) => part),
    committeeMeetings: attendedOf('party-committee'),
    cellMeetings: attendedOf('party-cell'),
    missing: parts.filter((part) => part.status === 'missed').map((part) => part.kind),
    noMeetingHeld: parts.filter((part) => part.status === 'no-meeting-held').map((part) => part.kind),
    evidence,
  };
}

/** One kind of meeting in the member's days: the meetings of that kind held for the unit, and theirs among them. */
function partOf(
  part: MeetingToAttend,
  inDays: readonly HeldMeeting[],
  context: MonthContext & { from: CalendarDay; over: boolean },
): DutyPartOfMonth & { links: readonly string[] } {
  const { assignment, tree } = context;
  const links: string[] = [];
  const linkOf = (unitId: string, day: CalendarDay): UnitLink | null =>
    part.where === 'the-unit' ? tree.committeeLinkTo(unitId, assignment.unitId, day) : tree.linkTo(unitId, assignment.unitId, day);
  const ofUnit = inDays.filter(({ meeting, day }) => {
    if (meeting.kind !== part.kind) return false;
    const link = linkOf(meeting.unitId, day);
    if (link) links.push(...link.treeEventIds);
    return link !== null;
  });
  const attended = ofUnit.filter(({ meeting }) => meeting.attendees.includes(context.officialId));
  const status: DutyPartStatus =
    attended.length > 0 ? 'attended' : !context.over ? 'open' : ofUnit.length > 0 ? 'missed' : 'no-meeting-held';
  const meetingsFigure = (meetings: readonly HeldMeeting[]) =>
    figureOf(
      meetings.flatMap(({ meeting }) => meeting.eventIds),
      meetings.length,
    );
  return {
    kind: part.kind,
    where: part.where,
    status,
    held: meetingsFigure(ofUnit),
    attended: meetingsFigure(attended),
    notMetBy: status === 'no-meeting-held' ? unitsThatDidNotMeet(part, (unitId) => linkOf(unitId, context.from) !== null, context) : [],
    links,
  };
}

/** The units that should have met: those of the part's kind linked to the assigned unit, or the unit itself when none is registered. */
function unitsThatDidNotMeet(part: MeetingToAttend, linked: (unitId: string) => boolean, context: MonthContext): string[] {
  const units = context.tree.unitIdsOfKind(part.kind).filter(linked);
  return units.length > 0 ? units : [context.assignment.unitId];
}

/** Met when every part was attended; missed when one was held without the member; open while days remain; else no meeting held. */
function statusOf(parts: readonly DutyPartStatus[]): MonthStatus {
  if (parts.every((part) => part === 'attended')) return 'met';
  if (parts.includes('missed')) return 'missed';
  if (parts.includes('open')) return 'open';
  return 'no-meeting-held';
}

function figureOf(evidence: readonly string[], count?: number): Figure {
  const ids = unique(evidence);
  return { count: count ?? ids.length, evidence: ids };
}

export function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
