import type { CalendarDay } from '../calendar/calendar-day.js';
import type { CaseCategory, CaseClassification } from '../cases/case.events.js';
import type { Unjudged } from '../deadlines/judged-deadline.js';
import type { MeetingPlace } from '../policies/monthly-duty.js';
import type { MeetingKind } from '../meetings/meeting.events.js';
import type { ResponsibilityRole } from '../officials/official.events.js';
import type { ReviewOutcome } from '../reviews/review.events.js';
import type { VisitKind } from '../visits/visit.events.js';
import type { ReportPeriod, ReportRules } from './report-input.js';

/** A number and the ids of the events it was counted from: every figure of the report is drillable. */
export interface Figure {
  readonly count: number;
  readonly evidence: readonly string[];
}

export interface AssignmentInReport {
  readonly assignmentId: string;
  readonly unitId: string;
  readonly role: ResponsibilityRole;
  readonly from: CalendarDay;
  readonly to: CalendarDay | null;
  /** Whether the role carries the duties of the member in charge (ReportRules.rolesInCharge). */
  readonly inCharge: boolean;
  readonly evidence: readonly string[];
}

/**
 * How one month of the duty went for the member, over their own days in charge:
 * met: every part attended; missed: the days are over and a part was held without them;
 * no-meeting-held: the days are over, nothing missed, and some kind of meeting was not held at all in
 * them (the unit did not meet: not the member's miss); open: their days that month are not over;
 * no-rule: no monthly duty of the rule book covers those days, so the month is not judged.
 */
export type MonthStatus = 'met' | 'missed' | 'no-meeting-held' | 'open' | 'no-rule';

/** One part of the duty (a kind of meeting) in one month: attended, held without them, not held, or not over yet. */
export type DutyPartStatus = 'attended' | 'missed' | 'no-meeting-held' | 'open';

export interface DutyPartOfMonth {
  readonly kind: MeetingKind;
  readonly where: MeetingPlace;
  readonly status: DutyPartStatus;
  /** The meetings of the kind held for the unit in the member's days, attended by them or not. */
  readonly held: Figure;
  readonly attended: Figure;
  /** When no meeting was held: the units that did not meet (its Party committee, its cells; the unit itself when none is registered). */
  readonly notMetBy: readonly string[];
}

export interface MonthOfAttendance {
  /** YYYY-MM in Vietnam's calendar. */
  readonly month: string;
  /** The member's own days in charge that month (and under the duty), both included. */
  readonly from: CalendarDay;
  readonly to: CalendarDay;
  readonly daysInCharge: number;
  /** The rule book's duty the month is judged by; null when none covers those days (status no-rule). */
  readonly duty: { readonly dutyId: string; readonly reference: string; readonly needsCheck: boolean } | null;
  /** Whether a duty applied: every month with a duty in force is judged, whatever the number of days. */
  readonly required: boolean;
  readonly status: MonthStatus;
  readonly parts: readonly DutyPartOfMonth[];
  /** The party-committee and party-cell meetings the member attended in those days. */
  readonly committeeMeetings: Figure;
  readonly cellMeetings: Figure;
  /** The kinds held without the member (their miss); empty when met. */
  readonly missing: readonly MeetingKind[];
  /** The kinds not held at all in those days (not the member's miss). */
  readonly noMeetingHeld: readonly MeetingKind[];
  /** The meetings, the assignment, and the unit links (merges) the month rests on. */
  readonly evidence: readonly string[];
}

export interface AttendanceOfAssignment {
  readonly assignmentId: string;
  readonly unitId: string;
  readonly months: readonly MonthOfAttendance[];
  readonly monthsMissed: readonly string[];
}

export type VisitOutcome = 'conducted' | 'absent' | 'cancelled' | 'planned';
export type VisitCounts = Readonly<Record<VisitKind, Readonly<Record<VisitOutcome, Figure>>>>;

/** Visits to the unit of one assignment (its tree, on the visit's day, within the assignment). */
export interface VisitsOfAssignment {
  readonly assignmentId: string | null;
  readonly unitId: string | null;
  readonly counts: VisitCounts;
}

/** on-time / late: resolved by or after the due time; overdue: unresolved past it; open: not yet due. */
export type CaseTimeliness = 'on-time' | 'late' | 'overdue' | 'open';

export interface CasesHandled {
  readonly total: Figure;
  readonly byTimeliness: Readonly<Record<CaseTimeliness, Figure>>;
  readonly resolved: Figure;
  readonly cases: readonly {
    readonly caseId: string;
    readonly timeliness: CaseTimeliness;
    readonly judgedBy: 'deadline-calculator' | 'assignment-due-date';
    readonly dueAt: string | null;
    readonly evidence: readonly string[];
  }[];
}

/**
 * on-time / late: reported by the official; never: due and not reported by them; pending: not yet due;
 * no-rule: the rule book has no report-upward rule for the category on that day; no-calendar: the
 * count meets a year outside the working-day calendar (1995-2100). The last two are unjudged: neither late nor never.
 */
export type UpwardReportStatus = 'on-time' | 'late' | 'never' | 'pending' | 'no-rule' | 'no-calendar';

export interface MustReportMatter {
  readonly caseId: string;
  readonly unitId: string;
  readonly category: CaseCategory;
  readonly receivedAt: string;
  /** The report-upward rule of the rule book the deadline comes from. */
  readonly ruleId: string | null;
  /** Null when unjudged, or while the rule's clock is stopped. */
  readonly dueAt: string | null;
  readonly reportedAt: string | null;
  readonly status: UpwardReportStatus;
  /** Why the matter is unjudged (status no-rule or no-calendar), in a sentence; null when judged. */
  readonly unjudged: Unjudged | null;
  /** Reports upward made by other officials (they do not discharge this official's duty, but the reviewer should see them). */
  readonly reportedByOthers: readonly { readonly officialId: string; readonly at: string; readonly eventId: string }[];
  readonly assignmentId: string;
  readonly evidence: readonly string[];
}

export interface Preemption {
  readonly caseId: string;
  readonly unitId: string;
  readonly classification: CaseClassification | null;
  readonly upperLevelInformedAt: string;
  /** The first report upward by anyone, if it came at all (after the upper level knew). */
  readonly firstReportedAt: string | null;
  readonly assignmentId: string;
  /** The other officials in charge of the unit at that moment, each equally attributed. */
  readonly alsoInCharge: readonly string[];
  readonly evidence: readonly string[];
}

/** Acknowledgements and actions on cases the official did (named by a clerk, or by their own token). */
export interface CaseActs {
  readonly acknowledgements: Figure;
  readonly actions: Figure;
}

export interface ReportOfOfficial {
  readonly reviewId: string;
  readonly openedAt: string;
  readonly grounds: string;
  readonly concludedAt: string | null;
  readonly outcome: ReviewOutcome | null;
  readonly evidence: readonly string[];
}

export interface ResponsibilityReport {
  readonly officialId: string;
  readonly period: ReportPeriod;
  readonly asOf: string;
  readonly rules: ReportRules;
  readonly assignments: readonly AssignmentInReport[];
  readonly attendance: readonly AttendanceOfAssignment[];
  readonly monthsMissed: Figure;
  /** One entry per assignment in charge, plus one (assignmentId null) for visits elsewhere. */
  readonly visits: readonly VisitsOfAssignment[];
  readonly casesHandled: CasesHandled;
  readonly caseActs: CaseActs;
  readonly mustReport: {
    readonly matters: readonly MustReportMatter[];
    readonly late: Figure;
    readonly never: Figure;
    /** Matters that could not be judged (no rule, or a year outside the calendar): neither late nor never. */
    readonly unjudged: Figure;
  };
  readonly preemptions: { readonly matters: readonly Preemption[]; readonly total: Figure };
  readonly reviews: { readonly opened: Figure; readonly concluded: Figure; readonly items: readonly ReportOfOfficial[] };
}
