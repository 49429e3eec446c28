import { endOfVietnamDay, vietnamDayOf } from '../calendar/calendar-day.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { eventLink } from '../http/event-links.js';
import type { CaseTimeline, TimelineDeadline, TimelineDeadlineStep } from '../timelines/case-timeline.js';

export const ALERT_KINDS = ['approaching', 'breached'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** A deadline that needs someone's attention as of an instant: due soon, or past due and not done. */
export interface Alert {
  /**
   * Stable for one deadline in one state: the case, the step, the kind and the due instant. A due date
   * moved by an extension is a new alert; the same state asked again is the same alert (a webhook
   * receiver drops the repeat by it).
   */
  readonly alertId: string;
  readonly kind: AlertKind;
  readonly caseId: string;
  readonly category: string;
  readonly step: TimelineDeadlineStep;
  readonly clockStartedAt: string | null;
  readonly dueAt: string;
  /** Working days from asOf's day to the due day (0: due today); negative once breached. */
  readonly workingDaysLeft: number;
  /** Hours from asOf to the due instant; negative once breached. */
  readonly hoursLeft: number;
  /** Where the case is and who holds it as of asOf: whom the alert concerns. */
  readonly unitId: string;
  readonly officialId: string | null;
  readonly ruleId: string | null;
  readonly legalReference: string | null;
  readonly evidence: TimelineDeadline['evidence'];
  /** Every event behind the deadline, once: clock start, due-date setters, extensions, classification, rule, corrections. */
  readonly evidenceEventIds: readonly string[];
  readonly links: {
    readonly case: string;
    readonly timeline: string;
    /** Each event behind the deadline (clock start, extensions, rule, classification, corrections), opened as evidence. */
    readonly evidence: readonly string[];
  };
}

export interface AlertHorizon {
  readonly asOf: string;
  /** Approaching: due by the end of the N-th working day after asOf's day (0: by the end of asOf's day). */
  readonly withinWorkingDays: number;
  readonly calendar: WorkingDayCalendar;
}

/** The end of the window an approaching deadline falls in. Pure. */
export function approachingUntil(horizon: AlertHorizon): number {
  return Date.parse(endOfVietnamDay(horizon.calendar.addWorkingDays(vietnamDayOf(horizon.asOf), horizon.withinWorkingDays)));
}

/**
 * The alerts of one case's timeline as judged as of horizon.asOf: a deadline overdue (not done, past
 * due) is breached; one still open and due within the window is approaching. Met, missed, paused (a
 * suspended case's clock is stopped), superseded, unjudged and not-owed deadlines raise none. Pure.
 */
export function alertsOf(timeline: CaseTimeline, horizon: AlertHorizon, until = approachingUntil(horizon)): Alert[] {
  const asOfMs = Date.parse(horizon.asOf);
  const alerts: Alert[] = [];
  for (const deadline of timeline.deadlines) {
    if (deadline.dueAt === null) continue;
    const dueMs = Date.parse(deadline.dueAt);
    const kind: AlertKind | null =
      deadline.status === 'overdue' ? 'breached' : deadline.status === 'open' && dueMs >= asOfMs && dueMs <= until ? 'approaching' : null;
    if (kind === null) continue;
    const evidenceIds = [
      ...new Set(
        [
          deadline.evidence.clockStartEventId,
          ...deadline.evidence.dueSetByEventIds,
          ...deadline.evidence.extensionEventIds,
          ...deadline.evidence.classificationEventIds,
          ...deadline.evidence.ruleEventIds,
          ...deadline.evidence.correctionEventIds,
        ].filter((eventId): eventId is string => eventId !== null),
      ),
    ];
    alerts.push({
      alertId: `${timeline.caseId}:${deadline.step}:${kind}:${dueMs}`,
      kind,
      caseId: timeline.caseId,
      category: timeline.category,
      step: deadline.step,
      clockStartedAt: deadline.clockStartedAt,
      dueAt: deadline.dueAt,
      workingDaysLeft: horizon.calendar.workingDaysBetween(vietnamDayOf(horizon.asOf), vietnamDayOf(deadline.dueAt)),
      hoursLeft: Math.round((dueMs - asOfMs) / 36_000) / 100,
      unitId: deadline.unitId,
      officialId: deadline.officialId,
      ruleId: deadline.rule?.ruleId ?? null,
      legalReference: deadline.rule?.legalReference ?? null,
      evidence: deadline.evidence,
      evidenceEventIds: evidenceIds,
      links: {
        case: `/api/v1/cases/${timeline.caseId}`,
        timeline: `/api/v1/timelines/cases/${timeline.caseId}`,
        evidence: evidenceIds.map(eventLink),
      },
    });
  }
  return alerts;
}

/** Earliest due first, then by case and step: the order of the list and of its cursor. */
export function alertOrder(a: Alert, b: Alert): number {
  return Date.parse(a.dueAt) - Date.parse(b.dueAt) || compareText(sortKeyOf(a), sortKeyOf(b));
}

export function sortKeyOf(alert: Alert): string {
  return `${alert.caseId} ${alert.step}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
