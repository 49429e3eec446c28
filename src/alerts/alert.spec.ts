import { loadVietnamCalendar } from '../calendar/holiday-files.js';
import type { CaseTimeline, TimelineDeadline } from '../timelines/case-timeline.js';
import { alertOrder, alertsOf } from './alert.js';

const calendar = loadVietnamCalendar();
const evidence: TimelineDeadline['evidence'] = {
  clockStartEventId: '00000000-0000-4000-8000-000000000001',
  completedByEventId: null,
  extensionEventIds: [],
  dueSetByEventIds: ['00000000-0000-4000-8000-000000000002'],
  correctionEventIds: [],
  ruleEventIds: [],
  classificationEventIds: [],
};
const deadline = (step: TimelineDeadline['step'], status: TimelineDeadline['status'], dueAt: string | null): TimelineDeadline => ({
  step,
  rule: null,
  clockStartedAt: '2026-03-02T09:00:00+07:00',
  dueAt,
  completedAt: null,
  status,
  unjudged: null,
  durationHours: null,
  extensionsAllowed: null,
  unitId: 'gia-tan',
  officialId: 'o-huong',
  evidence,
});
const timeline = (...deadlines: TimelineDeadline[]): CaseTimeline => ({
  caseId: 'c-1',
  category: 'reflection',
  receivedUnitId: 'gia-tan',
  currentUnitId: 'gia-tan',
  assignee: { officialId: 'o-huong', unitId: null },
  asOf: '2026-03-04T09:00:00+07:00',
  steps: [],
  deadlines,
});
// Wednesday 4 March 2026, 09:00 in Vietnam.
const horizon = (withinWorkingDays: number) => ({ asOf: '2026-03-04T09:00:00+07:00', withinWorkingDays, calendar });

describe('the alerts of a case timeline', () => {
  it('calls an open deadline due within N working days approaching, and an overdue one breached', () => {
    const alerts = alertsOf(
      timeline(
        deadline('assigned-due', 'open', '2026-03-06T17:00:00+07:00'),
        deadline('answer', 'overdue', '2026-03-03T23:59:59.999+07:00'),
      ),
      horizon(3),
    );
    expect(alerts.map((alert) => [alert.step, alert.kind, alert.workingDaysLeft, alert.hoursLeft])).toEqual([
      ['assigned-due', 'approaching', 2, 56],
      ['answer', 'breached', -1, -9],
    ]);
    expect(alerts[0]).toMatchObject({
      alertId: `c-1:assigned-due:approaching:${Date.parse('2026-03-06T17:00:00+07:00')}`,
      unitId: 'gia-tan',
      officialId: 'o-huong',
      evidenceEventIds: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'],
      links: {
        case: '/api/v1/cases/c-1',
        evidence: ['/api/v1/events/00000000-0000-4000-8000-000000000001', '/api/v1/events/00000000-0000-4000-8000-000000000002'],
      },
    });
  });

  it('counts working days, not calendar days: a Monday due date is within 3 working days of a Wednesday, not within 2', () => {
    const monday = timeline(deadline('assigned-due', 'open', '2026-03-09T17:00:00+07:00'));
    expect(alertsOf(monday, horizon(3)).map((alert) => alert.kind)).toEqual(['approaching']);
    expect(alertsOf(monday, horizon(2))).toEqual([]);
  });

  it('raises nothing for a deadline met, missed, paused, superseded, unjudged or not owed', () => {
    const quiet = timeline(
      deadline('acknowledge', 'met', '2026-03-05T23:59:59.999+07:00'),
      deadline('resolve', 'missed', '2026-03-03T23:59:59.999+07:00'),
      deadline('answer', 'paused', null),
      deadline('assigned-due', 'superseded', '2026-03-05T17:00:00+07:00'),
      deadline('report-upward', 'not-required', null),
      deadline('report-upward', 'no-calendar', null),
    );
    expect(alertsOf(quiet, horizon(60))).toEqual([]);
  });

  it('orders alerts earliest due first, then by case and step', () => {
    const alerts = alertsOf(
      timeline(
        deadline('resolve', 'open', '2026-03-06T17:00:00+07:00'),
        deadline('assigned-due', 'open', '2026-03-06T17:00:00+07:00'),
        deadline('answer', 'overdue', '2026-03-03T23:59:59.999+07:00'),
      ),
      horizon(3),
    ).sort(alertOrder);
    expect(alerts.map((alert) => alert.step)).toEqual(['answer', 'assigned-due', 'resolve']);
  });
});
