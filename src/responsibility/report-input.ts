import type { CalendarDay } from '../calendar/calendar-day.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import type { CaseCategory, CaseClassification, UpperLevelChannel } from '../cases/case.events.js';
import type { Deadline } from '../deadlines/deadline-calculator.js';
import type { MeetingKind } from '../meetings/meeting.events.js';
import type { ResponsibilityRole } from '../officials/official.events.js';
import type { UnitKind } from '../organisation/unit.events.js';
import type { UnitParentChange } from '../organisation/unit-parents.js';
import type { RemoteAreaChange } from '../organisation/unit-remote-area.js';
import type { RuleBook } from '../policies/rule-book.js';
import type { ReviewOutcome } from '../reviews/review.events.js';
import type { VisitKind } from '../visits/visit.events.js';

/*
 * What the report is computed from: facts already selected and folded by the caller (a projection),
 * with every EventCorrected applied, so each record carries its corrected values. `eventIds` lists the
 * events a record rests on, the establishing event first, then the corrections that changed it: they
 * become the evidence of every figure the record contributes to. Times are ISO-8601 instants with an
 * offset (occurredAt, never recordedAt: a fact recorded late counts when it happened); days are
 * Vietnamese calendar days (YYYY-MM-DD).
 */

/** Both days included, in Vietnam's calendar (UTC+07:00). */
export interface ReportPeriod {
  readonly from: CalendarDay;
  readonly to: CalendarDay;
}

/** One assignment as folded from ResponsibilityAssigned / ResponsibilityEnded (OfficialLeft ends them with ResponsibilityEnded). */
export interface AssignmentRecord {
  readonly officialId: string;
  readonly assignmentId: string;
  readonly unitId: string;
  readonly role: ResponsibilityRole;
  readonly from: CalendarDay;
  /** The actual last day: the end if it was ended, else the planned end, else null (open-ended). */
  readonly to: CalendarDay | null;
  readonly eventIds: readonly string[];
}

/** A unit with its parents over time; mergedInto from UnitMerged (on this unit) or UnitAbsorbed (on the continuing one). */
export interface UnitRecord {
  readonly unitId: string;
  readonly kind: UnitKind;
  /** The parent it was registered under; moves (UnitMoved) change it from their effective day on. */
  readonly parentId: string | null;
  readonly moves?: readonly UnitParentChange[];
  /** Its designations as a remote area (UnitRemoteAreaSet), which give the cases it receives the rules' remote-area limits. */
  readonly remoteArea?: readonly RemoteAreaChange[];
  readonly mergedInto: { readonly unitId: string; readonly at: string; readonly eventId: string } | null;
  readonly eventIds: readonly string[];
}

export interface MeetingRecord {
  readonly meetingId: string;
  readonly unitId: string;
  readonly kind: MeetingKind;
  readonly heldAt: string;
  readonly attendees: readonly string[];
  readonly eventIds: readonly string[];
}

export interface VisitRecord {
  readonly visitId: string;
  readonly kind: VisitKind;
  readonly unitId: string;
  /** The officials planned to go (VisitScheduled.participants). */
  readonly participants: readonly string[];
  /** The latest planned time (after any VisitRescheduled). */
  readonly plannedFor: string;
  readonly cancelled: { readonly at: string; readonly eventId: string } | null;
  readonly conducted: { readonly startedAt: string; readonly presentParticipants: readonly string[]; readonly eventId: string } | null;
  readonly eventIds: readonly string[];
}

export interface TimedFact {
  readonly at: string;
  readonly eventId: string;
}

export type CaseActKind = 'acknowledgement' | 'action';

export interface CaseRecord {
  readonly caseId: string;
  /** The unit that received it: the locality where the matter arose, whatever escalations followed. */
  readonly unitId: string;
  readonly category: CaseCategory;
  readonly received: TimedFact;
  /** Every classification in order, corrections applied: the one in force at the judged instant counts. */
  readonly classifications: readonly (TimedFact & { readonly value: CaseClassification })[];
  /** Every CaseAssigned, in order. */
  readonly assignments: readonly (TimedFact & {
    readonly officialId: string | null;
    readonly unitId: string | null;
    readonly dueAt: string;
  })[];
  readonly reportsUpward: readonly (TimedFact & { readonly officialId: string })[];
  readonly upperLevelInformed: readonly (TimedFact & { readonly unitId: string; readonly channel: UpperLevelChannel })[];
  /**
   * The acknowledgements and actions someone did as an official: the one a clerk named (byOfficialId),
   * else the official the recording token named (metadata.officialId). Acts naming neither are nobody's
   * in a report (a token's subject is a login, not an official). Absent in records folded before acts were read.
   */
  readonly acts?: readonly (TimedFact & { readonly kind: CaseActKind; readonly officialId: string })[];
  /** The latest CaseResolved, if any. */
  readonly resolved: TimedFact | null;
  /** computeDeadline's results for this case, if the caller judged it against the policies. */
  readonly deadlines?: readonly (Deadline & { readonly evidence?: readonly string[] })[];
}

export interface ReviewRecord {
  readonly reviewId: string;
  readonly officialId: string;
  readonly opened: TimedFact & { readonly grounds: string; readonly evidenceEventIds: readonly string[] };
  readonly concluded: (TimedFact & { readonly outcome: ReviewOutcome }) | null;
}

/**
 * How the report reads the duties of the member in charge; defaults in DEFAULT_REPORT_RULES. The time
 * allowed to report a matter upward and the monthly duty are not among them: they are rules of the
 * rule book (the `*-report-upward-*` rules, the duties), effective-dated like every other rule.
 */
export interface ReportRules {
  /** The roles that carry the duties of the member in charge (attendance, reporting, pre-emption). */
  readonly rolesInCharge: readonly ResponsibilityRole[];
  /** Which cases a pre-emption is looked for on. */
  readonly preemptionScope: 'must-report' | 'not-within-authority' | 'any';
}

export const DEFAULT_REPORT_RULES: ReportRules = {
  rolesInCharge: ['committee-member-in-charge'],
  preemptionScope: 'not-within-authority',
};

export interface ResponsibilityReportInput {
  readonly officialId: string;
  readonly period: ReportPeriod;
  /** When the report is made: months not yet over and reports not yet due are "open", not missed. */
  readonly asOf: string;
  /** The official's assignments, and those of other officials for the same units (to name co-responsible members). */
  readonly assignments: readonly AssignmentRecord[];
  readonly units: readonly UnitRecord[];
  readonly meetings: readonly MeetingRecord[];
  readonly visits: readonly VisitRecord[];
  readonly cases: readonly CaseRecord[];
  readonly reviews: readonly ReviewRecord[];
  /** The rule book the upward reports and the monthly duty are judged by (shipped defaults and recorded rules). */
  readonly ruleBook: RuleBook;
  /** The working days the rule book's limits are counted in. */
  readonly calendar: WorkingDayCalendar;
  readonly rules?: Partial<ReportRules>;
}
