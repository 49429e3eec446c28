/**
 * The answers the OpenAPI document does not describe yet, typed by hand from what the service returns
 * (see src/**\/http/*.view.ts and the read models). Each is used only through undocumented<View>() in
 * api/client.ts; once the document describes an operation's body, switch that call to documented()
 * and delete its view here.
 */

export interface EventReference {
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
}

export interface Evidence {
  readonly count: number;
  readonly evidence: readonly string[];
}

export type Redacted = { readonly redacted: true; readonly reason: 'role' | 'erased' | 'omitted'; readonly subjectId?: string };
export type Reporter =
  | null
  | Redacted
  | {
      readonly subjectId?: string;
      readonly name?: string;
      readonly phone?: string;
      readonly email?: string;
      readonly address?: string;
      readonly identityNumber?: string;
    };

export type CaseStatus = 'open' | 'resolved' | 'closed';

export interface CaseView {
  readonly status: CaseStatus;
  readonly caseId: string;
  readonly category: string;
  readonly channel: string;
  readonly summary: string;
  readonly reporter: Reporter;
  readonly location: { readonly address?: string; readonly addressId?: string; readonly lat?: number; readonly long?: number } | null;
  readonly sourceVisitId: string | null;
  readonly referredFromUnitId: string | null;
  readonly receivedUnitId: string;
  readonly currentUnitId: string;
  readonly unitHistory: readonly { readonly unitId: string; readonly since: string }[];
  readonly receivedAt: string;
  readonly acknowledgedAt: string | null;
  readonly classification: string | null;
  readonly complexity: string | null;
  readonly assignee: { readonly officialId: string | null; readonly unitId: string | null } | null;
  readonly dueAt: string | null;
  readonly extensions: number;
  readonly extensionsAllowed: number;
  readonly actionCount: number;
  readonly reportedUpwardAt: string | null;
  readonly upperLevelInformedAt: string | null;
  readonly escalatedAt: string | null;
  readonly resolvedAt: string | null;
  readonly outcome: string | null;
  readonly closedAt: string | null;
  readonly reopenCount: number;
  readonly lastOccurredAt: string;
  readonly events: readonly EventReference[];
  readonly correctedEventIds: readonly string[];
}

export interface HistoryStep {
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly streamRevision: number;
  readonly globalPosition: number;
  readonly hash: string;
  readonly data: Record<string, unknown>;
  readonly stateAfter: CaseView;
}

export interface CaseHistoryView {
  readonly caseId: string;
  readonly asOf: string;
  readonly by: 'recorded' | 'occurred';
  readonly state: CaseView | { readonly status: 'unreceived' };
  readonly steps: readonly HistoryStep[];
}

export type DeadlineStatus = 'met' | 'missed' | 'overdue' | 'open' | 'paused' | 'not-started' | 'no-rule' | 'superseded' | 'no-calendar';

export interface TimelineDeadline {
  readonly step: string;
  readonly rule: {
    readonly ruleId: string;
    readonly legalReference: string;
    readonly limit: number;
    readonly unit: string;
    readonly needsCheck: boolean;
    readonly source: 'default' | 'recorded';
    /** The remote-area limit was counted (the receiving unit was a remote area on the receipt day). */
    readonly remoteArea: boolean;
  } | null;
  readonly clockStartedAt: string | null;
  readonly dueAt: string | null;
  readonly completedAt: string | null;
  readonly status: DeadlineStatus;
  readonly durationHours: number | null;
  readonly unitId: string;
  readonly officialId: string | null;
  readonly evidence: {
    readonly clockStartEventId: string | null;
    readonly completedByEventId: string | null;
    readonly extensionEventIds: readonly string[];
    readonly dueSetByEventIds: readonly string[];
    readonly correctionEventIds: readonly string[];
    readonly ruleEventIds: readonly string[];
  };
}

export interface TimelineView {
  readonly caseId: string;
  readonly asOf: string;
  readonly steps: readonly { readonly step: string; readonly eventId: string; readonly occurredAt: string; readonly recordedAt: string }[];
  readonly deadlines: readonly TimelineDeadline[];
}

export interface AuditEntry {
  readonly globalPosition: number;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly aggregate: { readonly category: string; readonly id: string };
  readonly previousHash: string | null;
  readonly hash: string;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly nextAfter: number | null;
}

export interface OverdueItem {
  readonly caseId: string;
  readonly category: string;
  readonly step: string;
  readonly status: 'overdue' | 'missed';
  readonly dueAt: string;
  readonly completedAt: string | null;
  readonly hoursLate: number;
  readonly unitId: string;
  readonly officialId: string | null;
  readonly legalReference: string | null;
}

export interface AggregateGroup {
  readonly key: string;
  readonly count: number;
  readonly onTimeRate: number | null;
  /** How many cases the group's deadlines are of. */
  readonly cases: number;
  /** The API address of the deadlines the group's figures count, with their evidence. */
  readonly deadlines: string;
}

export interface AggregatesView {
  readonly asOf: string;
  readonly groupBy: 'unit' | 'official' | 'month';
  readonly groups: readonly AggregateGroup[];
}

export type MonthStatus = 'met' | 'missed' | 'no-meeting-held' | 'open' | 'no-rule';

export interface MonthOfAttendance {
  readonly month: string;
  readonly daysInCharge: number;
  readonly required: boolean;
  readonly status: MonthStatus;
  readonly committeeMeetings: Evidence;
  readonly cellMeetings: Evidence;
  readonly missing: readonly string[];
  /** The kinds of meeting not held at all in the member's days (the unit's, not the member's miss). */
  readonly noMeetingHeld: readonly string[];
  readonly parts: readonly { readonly kind: string; readonly status: string; readonly notMetBy: readonly string[] }[];
  readonly evidence: readonly string[];
}

export type VisitOutcome = 'conducted' | 'absent' | 'cancelled' | 'planned';

export interface ReviewView {
  readonly officialId: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly asOf: string;
  readonly assignments: readonly {
    readonly assignmentId: string;
    readonly unitId: string;
    readonly role: string;
    readonly from: string;
    readonly to: string | null;
    readonly inCharge: boolean;
    readonly evidence: readonly string[];
  }[];
  readonly attendance: readonly {
    readonly assignmentId: string;
    readonly unitId: string;
    readonly months: readonly MonthOfAttendance[];
    readonly monthsMissed: readonly string[];
  }[];
  readonly monthsMissed: Evidence;
  readonly visits: readonly {
    readonly assignmentId: string | null;
    readonly unitId: string | null;
    readonly counts: Readonly<Record<'periodic' | 'unscheduled', Readonly<Record<VisitOutcome, Evidence>>>>;
  }[];
  readonly casesHandled: {
    readonly total: Evidence;
    readonly byTimeliness: Readonly<Record<'on-time' | 'late' | 'overdue' | 'open', Evidence>>;
    readonly resolved: Evidence;
    readonly cases: readonly {
      readonly caseId: string;
      readonly timeliness: 'on-time' | 'late' | 'overdue' | 'open';
      readonly dueAt: string | null;
      readonly evidence: readonly string[];
    }[];
  };
  readonly mustReport: {
    readonly matters: readonly {
      readonly caseId: string;
      readonly unitId: string;
      readonly category: string;
      readonly receivedAt: string;
      readonly dueAt: string;
      readonly reportedAt: string | null;
      readonly status: 'on-time' | 'late' | 'never' | 'pending';
      readonly evidence: readonly string[];
    }[];
    readonly late: Evidence;
    readonly never: Evidence;
  };
  readonly preemptions: {
    readonly matters: readonly {
      readonly caseId: string;
      readonly unitId: string;
      readonly upperLevelInformedAt: string;
      readonly firstReportedAt: string | null;
      readonly alsoInCharge: readonly string[];
      readonly evidence: readonly string[];
    }[];
    readonly total: Evidence;
  };
}

export const INDICATORS = [
  'assignments',
  'monthsRequired',
  'monthsMet',
  'monthsMissed',
  'monthsNoMeetingHeld',
  'monthsUnjudged',
  'visitsConducted',
  'visitsCancelled',
  'casesHandled',
  'casesOnTime',
  'casesLate',
  'casesOverdue',
  'acknowledgements',
  'caseActions',
  'mustReportLate',
  'mustReportNever',
  'mustReportUnjudged',
  'preemptions',
  'reviewsOpened',
  'reviewsConcluded',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export interface EvaluationView {
  readonly year: number;
  readonly period: { readonly from: string; readonly to: string };
  readonly asOf: string;
  readonly officials: readonly {
    readonly officialId: string;
    readonly fullName: string;
    readonly indicators: Readonly<Record<Indicator, Evidence>>;
  }[];
}

export interface OfficialView {
  readonly status: string;
  readonly officialId: string;
  readonly fullName: string;
  readonly position: string;
  readonly unitId: string;
}

export interface UnitView {
  readonly status: string;
  readonly unitId: string;
  readonly name: string;
  readonly kind: string;
  readonly parentId: string | null;
}

export interface MeetingView {
  readonly meetingId: string;
  readonly unitId: string;
  readonly kind: string;
  readonly heldAt: string;
  readonly attendees: readonly string[];
  readonly agendaSummary: string | null;
}

export interface VisitView {
  readonly status: string;
  readonly visitId: string;
  readonly kind: string;
  readonly purpose: string;
  readonly unitId: string;
  readonly participants: readonly string[];
  readonly plannedFor: string;
  readonly findings: readonly { readonly findingId: string; readonly text: string; readonly caseId: string | null }[];
}

export interface CheckpointView {
  readonly origin: string;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly signedAt: string;
  readonly note: string;
  readonly verifierKey: string;
}

export interface InclusionProofView {
  readonly eventId: string;
  readonly globalPosition: number;
  readonly leafIndex: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly auditPath: readonly string[];
  readonly checkpoint: string | null;
}

export interface ConsistencyProofView {
  readonly fromSize: number;
  readonly toSize: number;
  readonly consistencyPath: readonly string[];
}

export interface IntegrityStatusView {
  readonly state: string;
  readonly treeSize: number;
  readonly position: number;
  readonly lastError: string | null;
  readonly checkpointError: string | null;
}

export interface VerificationReportView {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly streamsChecked: number;
  readonly lastGlobalPosition: number;
  readonly rootHash: string;
  readonly checkpointsMatched: readonly { readonly treeSize: number; readonly rootHash: string; readonly sources: readonly string[] }[];
  readonly eventsAfterLatestCheckpoint: number;
  readonly firstProblem: null | { readonly kind: string; readonly message: string; readonly globalPosition?: number };
}

/** A command's answer: the aggregate's new state, whatever it is; screens read only what they show. */
export type CommandAnswer = Record<string, unknown> & { readonly events?: readonly EventReference[] };
