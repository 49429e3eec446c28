import { vietnamDayOf, type CalendarDay } from '../calendar/calendar-day.js';
import type { MeetingKind } from '../meetings/meeting.events.js';
import type { AssignmentRecord, MeetingRecord, ReviewPeriod, ReviewRules } from './review-input.js';
import type { AttendanceOfAssignment, Figure, MonthOfAttendance, MonthStatus } from './review-output.js';
import type { UnitTree } from './unit-tree.js';
import { daysIncluded, earlier, firstDayOfMonth, lastDayOfMonth, later, monthsBetween } from './vietnam-months.js';

const FOREVER = '9999-12-31';

/**
 * The monthly duty of the member in charge: at least once a month, a meeting of the unit's Party
 * committee and a meeting of at least one Party cell in the unit. Months are Vietnamese calendar
 * months (a meeting at 2017-03-31T23:30+07:00 is March's). Every month that overlaps both the period
 * and the assignment is listed; a meeting counts when the official attended it on a day of that month
 * on which the assignment ran. A month is required when the assignment covers at least
 * `minimumDaysInChargeForMonthlyDuty` of its days (all of them if the month is shorter); a month whose
 * duty window (month ∩ assignment) has not ended as of `asOf` is open, not missed.
 */
export function attendanceOf(
  assignment: AssignmentRecord,
  input: { officialId: string; period: ReviewPeriod; asOf: string; meetings: readonly MeetingRecord[]; tree: UnitTree; rules: ReviewRules },
): AttendanceOfAssignment {
  const { period, rules } = input;
  const assignmentEnd = assignment.to ?? FOREVER;
  const first = later(period.from, assignment.from);
  const last = earlier(period.to, assignmentEnd);
  const today = vietnamDayOf(input.asOf);
  const attended = input.meetings
    .filter((meeting) => meeting.attendees.includes(input.officialId))
    .map((meeting) => ({ meeting, day: vietnamDayOf(meeting.heldAt) }));
  const months: MonthOfAttendance[] =
    first > last
      ? []
      : monthsBetween(first, last).map((month) => {
          const windowFrom = later(firstDayOfMonth(month), assignment.from);
          const windowTo = earlier(lastDayOfMonth(month), assignmentEnd);
          const daysInCharge = daysIncluded(windowFrom, windowTo);
          const inWindow = attended.filter(({ day }) => day >= windowFrom && day <= windowTo);
          const committee = counted(inWindow, 'party-committee', (meeting, day) =>
            input.tree.committeeLinkTo(meeting.unitId, assignment.unitId, day),
          );
          const cell = counted(inWindow, 'party-cell', (meeting, day) => input.tree.linkTo(meeting.unitId, assignment.unitId, day));
          const missing: MeetingKind[] = [
            ...(committee.figure.count === 0 ? (['party-committee'] as const) : []),
            ...(cell.figure.count === 0 ? (['party-cell'] as const) : []),
          ];
          const required =
            daysInCharge >= Math.min(rules.minimumDaysInChargeForMonthlyDuty, daysIncluded(firstDayOfMonth(month), lastDayOfMonth(month)));
          const status = statusOf(missing.length === 0, required, today > windowTo);
          return {
            month,
            daysInCharge,
            required,
            status,
            committeeMeetings: committee.figure,
            cellMeetings: cell.figure,
            missing,
            evidence: unique([
              ...assignment.eventIds,
              ...committee.figure.evidence,
              ...cell.figure.evidence,
              ...committee.links,
              ...cell.links,
            ]),
          };
        });
  return {
    assignmentId: assignment.assignmentId,
    unitId: assignment.unitId,
    months,
    monthsMissed: months.filter((month) => month.status === 'missed').map((month) => month.month),
  };
}

function statusOf(met: boolean, required: boolean, windowOver: boolean): MonthStatus {
  if (met) return 'met';
  if (!required) return 'not-required';
  return windowOver ? 'missed' : 'open';
}

function counted(
  meetings: readonly { meeting: MeetingRecord; day: CalendarDay }[],
  kind: MeetingKind,
  linkOf: (meeting: MeetingRecord, day: CalendarDay) => { mergeEventIds: readonly string[] } | null,
): { figure: Figure; links: string[] } {
  const links: string[] = [];
  const matching = meetings.filter(({ meeting, day }) => {
    if (meeting.kind !== kind) return false;
    const link = linkOf(meeting, day);
    if (link) links.push(...link.mergeEventIds);
    return link !== null;
  });
  return { figure: { count: matching.length, evidence: unique(matching.flatMap(({ meeting }) => meeting.eventIds)) }, links };
}

export function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
