import { fact } from '../../test/support/given-when-then.js';
import { loadVietnamCalendar } from '../calendar/holiday-files.js';
import { caseHistoryOf, type CaseMoment } from '../cases/case-facts.js';
import type { CaseComplexity, CaseEvent } from '../cases/case.events.js';
import type { Fact } from '../domain-kit/decider.js';
import type { ResponsePolicyRule } from '../policies/policy.decider.js';
import { loadDefaultRules } from '../policies/default-rules.js';
import type { RemoteAreaChange } from '../organisation/unit-remote-area.js';
import { computeDeadline } from './deadline-calculator.js';

const calendar = loadVietnamCalendar();

function rule(overrides: Partial<ResponsePolicyRule>): ResponsePolicyRule {
  return {
    ruleId: 'rule',
    category: 'complaint',
    step: 'acknowledge',
    limit: 10,
    unit: 'calendar-days',
    clockStartsAt: 'CaseReceived',
    pauses: [],
    extensions: null,
    effectiveFrom: '2012-07-01',
    effectiveTo: null,
    legalReference: 'test',
    needsCheck: false,
    ...overrides,
  };
}

const complaintAcceptance = rule({ ruleId: 'complaint-accept-2012' });
const denunciationAcceptance = rule({
  ruleId: 'denunciation-accept',
  category: 'denunciation',
  limit: 7,
  unit: 'working-days',
  extensions: { max: 1, lengthDays: 3, complex: null, especiallyComplex: null },
});
const suspension = { pausedBy: 'CaseSuspended', resumedBy: 'CaseResumed', onResume: 'continue' } as const;
const denunciationResolution = rule({
  ruleId: 'denunciation-resolve',
  category: 'denunciation',
  step: 'resolve',
  limit: 30,
  clockStartsAt: 'CaseAcknowledged',
  pauses: [suspension],
  extensions: { max: 0, lengthDays: 30, complex: { max: 1, lengthDays: 30 }, especiallyComplex: { max: 2, lengthDays: 30 } },
});
const incidentReport = rule({ ruleId: 'incident-report-upward', category: 'incident', step: 'report-upward', limit: 24, unit: 'hours' });

const event = (caseEvent: CaseEvent, occurredAt: string): Fact<CaseEvent> => fact(caseEvent, occurredAt);
/** The history of these facts as the one fold gives it to the calculator. */
const history = (...facts: Fact<CaseEvent>[]): CaseMoment[] => [...caseHistoryOf(facts)!.case.moments];
/** CaseSuspended and CaseResumed are not case events yet: their moments as the fold will give them. */
const pause = (type: 'CaseSuspended' | 'CaseResumed', at: string) => ({ type, at, eventId: `${type}-${at}` }) as unknown as CaseMoment;
const received = (at: string) =>
  event(
    {
      type: 'CaseReceived',
      data: {
        caseId: 'c1',
        unitId: 'gia-tan',
        category: 'complaint',
        channel: 'letter',
        summary: 's',
        reporter: {},
        sourceVisitId: null,
        referredFromUnitId: null,
      },
    },
    at,
  );
const acknowledged = (at: string) => event({ type: 'CaseAcknowledged', data: { note: null } }, at);
const resolved = (at: string) => event({ type: 'CaseResolved', data: { outcome: 'done' } }, at);
const extended = (at: string, number: number) =>
  event(
    {
      type: 'CaseDeadlineExtended',
      data: { previousDueAt: at, newDueAt: '2099-01-01T00:00:00+07:00', reason: 'written decision', extensionNumber: number },
    },
    at,
  );
const markedComplex = (at: string, complexity: CaseComplexity) =>
  event({ type: 'CaseMarkedComplex', data: { complexity, reason: 'two communes' } }, at);
const reportedUpward = (at: string) =>
  event({ type: 'CaseReportedUpward', data: { officialId: 'o-1', toUnitId: 'gia-loc', fromUnitId: 'gia-tan', summary: null } }, at);
const endOf = (day: string) => `${day}T23:59:59.999+07:00`;

describe('computeDeadline: counting days', () => {
  it.each([
    ['a month edge, last day on a Saturday: the next working day', '2026-03-25T09:00:00+07:00', '2026-04-06'],
    ['30/4–1/5 and the swapped Friday: the next working day after them', '2025-04-20T09:00:00+07:00', '2025-05-05'],
    ['a clock starting on a Tết holiday: calendar days still run', '2025-01-31T09:00:00+07:00', '2025-02-10'],
    ['late on Friday 24 January in Vietnam', '2025-01-24T16:00:00Z', '2025-02-03'],
    ['early on Saturday 25 January in Vietnam (still Friday in UTC)', '2025-01-24T18:00:00Z', '2025-02-04'],
  ])('10 calendar days: %s', (_, receivedAt, lastDay) => {
    expect(computeDeadline({ rule: complaintAcceptance, moments: history(received(receivedAt)), calendar })).toMatchObject({
      clockStartedAt: receivedAt,
      dueAt: endOf(lastDay),
      status: 'running',
    });
  });

  it.each([
    ['over Tết 2025 (25 January–2 February)', '2025-01-22T09:00:00+07:00', '2025-02-07'],
    ['a clock starting during Tết: counting starts after it', '2025-01-28T09:00:00+07:00', '2025-02-11'],
    ['over 2/9 and its adjacent day', '2025-08-27T09:00:00+07:00', '2025-09-09'],
    ['over a weekend and a month edge', '2026-03-27T09:00:00+07:00', '2026-04-07'],
    ['over the worked Saturday of 2026 (10 January)', '2026-01-05T09:00:00+07:00', '2026-01-13'],
  ])('7 working days: %s', (_, receivedAt, lastDay) => {
    expect(computeDeadline({ rule: denunciationAcceptance, moments: history(received(receivedAt)), calendar }).dueAt).toBe(endOf(lastDay));
  });
});

describe('computeDeadline: whether the step was met', () => {
  const receivedAt = '2025-03-03T08:00:00+07:00';

  it('met: done by the end of the last day, with its duration', () => {
    const deadline = computeDeadline({
      rule: complaintAcceptance,
      moments: history(received(receivedAt), acknowledged('2025-03-13T23:00:00+07:00')),
      calendar,
    });
    expect(deadline).toMatchObject({
      dueAt: endOf('2025-03-13'),
      status: 'met',
      met: true,
      completedAt: '2025-03-13T23:00:00+07:00',
      durationMs: (10 * 24 + 15) * 3600_000,
    });
  });

  it('missed: done the next day', () => {
    expect(
      computeDeadline({
        rule: complaintAcceptance,
        moments: history(received(receivedAt), acknowledged('2025-03-14T08:00:00+07:00')),
        calendar,
      }),
    ).toMatchObject({ status: 'missed', met: false });
  });

  it('overdue as of a date, ignoring what happened after it; running before the deadline', () => {
    const moments = history(received(receivedAt), acknowledged('2025-03-20T08:00:00+07:00'));
    expect(computeDeadline({ rule: complaintAcceptance, moments, calendar, asOf: '2025-03-15T00:00:00+07:00' })).toMatchObject({
      status: 'overdue',
      met: false,
      completedAt: null,
      durationMs: 12 * 24 * 3600_000 - 8 * 3600_000,
    });
    expect(computeDeadline({ rule: complaintAcceptance, moments, calendar, asOf: '2025-03-10T00:00:00+07:00' })).toMatchObject({
      status: 'running',
      met: null,
    });
  });

  it('not started without the starting event', () => {
    expect(computeDeadline({ rule: denunciationResolution, moments: history(received(receivedAt)), calendar })).toMatchObject({
      status: 'not-started',
      clockStartedAt: null,
      dueAt: null,
    });
  });
});

describe('computeDeadline: extensions', () => {
  const acknowledgedAt = '2025-03-03T08:00:00+07:00';
  const start = [received('2025-03-01T08:00:00+07:00'), acknowledged(acknowledgedAt)];

  it('30 days from acceptance, no extension for a case not marked complex', () => {
    const deadline = computeDeadline({
      rule: denunciationResolution,
      moments: history(...start, extended('2025-03-20T08:00:00+07:00', 1)),
      calendar,
    });
    expect(deadline).toMatchObject({ dueAt: endOf('2025-04-02'), extensionsAllowed: 0, extensions: [{ judgement: 'beyond-allowance' }] });
  });

  it('complex: one extension of 30 days counts, a second does not', () => {
    const moments = history(
      ...start,
      markedComplex('2025-03-05T08:00:00+07:00', 'complex'),
      extended('2025-03-20T08:00:00+07:00', 1),
      extended('2025-04-20T08:00:00+07:00', 2),
    );
    // 60 days: Friday 2 May 2025, a swapped day off, then the weekend: Monday 5 May.
    expect(computeDeadline({ rule: denunciationResolution, moments, calendar })).toMatchObject({
      complexity: 'complex',
      extensionsAllowed: 1,
      baseDueAt: endOf('2025-04-02'),
      dueAt: endOf('2025-05-05'),
      extensions: [{ judgement: 'counted', recordedNewDueAt: '2099-01-01T00:00:00+07:00' }, { judgement: 'beyond-allowance' }],
    });
  });

  it('especially complex: two extensions count', () => {
    const moments = history(
      ...start,
      markedComplex('2025-03-05T08:00:00+07:00', 'especially-complex'),
      extended('2025-03-20T08:00:00+07:00', 1),
      extended('2025-04-20T08:00:00+07:00', 2),
    );
    // 90 days: Sunday 1 June 2025, so Monday 2 June.
    expect(computeDeadline({ rule: denunciationResolution, moments, calendar })).toMatchObject({
      extensionsAllowed: 2,
      dueAt: endOf('2025-06-02'),
      extensions: [{ judgement: 'counted' }, { judgement: 'counted' }],
    });
  });

  it('an extension granted after the deadline passed does not count', () => {
    const moments = history(
      ...start,
      markedComplex('2025-03-05T08:00:00+07:00', 'complex'),
      extended('2025-04-03T08:00:00+07:00', 1),
      resolved('2025-04-20T08:00:00+07:00'),
    );
    expect(computeDeadline({ rule: denunciationResolution, moments, calendar })).toMatchObject({
      dueAt: endOf('2025-04-02'),
      extensions: [{ judgement: 'after-deadline' }],
      status: 'missed',
    });
  });

  it('the verification extension of a denunciation acceptance: 3 more working days', () => {
    const moments = history(
      received('2025-01-22T09:00:00+07:00'),
      extended('2025-02-05T09:00:00+07:00', 1),
      acknowledged('2025-02-12T09:00:00+07:00'),
    );
    expect(computeDeadline({ rule: denunciationAcceptance, moments, calendar })).toMatchObject({
      baseDueAt: endOf('2025-02-07'),
      dueAt: endOf('2025-02-12'),
      status: 'met',
    });
  });
});

describe('computeDeadline: what an extension extends', () => {
  it("extends the handling's steps only: the upward report's clock is not moved, nor its allowance judged", () => {
    const moments = history(received('2026-03-06T20:00:00+07:00'), extended('2026-03-07T08:00:00+07:00', 1));
    expect(
      computeDeadline({
        rule: rule({ ...incidentReport, extensions: { max: 1, lengthDays: 1, complex: null, especiallyComplex: null } }),
        moments,
        calendar,
      }),
    ).toMatchObject({
      dueAt: '2026-03-07T20:00:00.000+07:00',
      extensionsAllowed: 0,
      extensions: [],
    });
  });
});

describe('computeDeadline: pauses (no case event pauses yet: literal CaseSuspended/CaseResumed moments)', () => {
  const start = [received('2025-03-01T08:00:00+07:00'), acknowledged('2025-03-03T08:00:00+07:00')];
  const suspended = pause('CaseSuspended', '2025-03-10T08:00:00+07:00');
  const resumed = pause('CaseResumed', '2025-03-20T08:00:00+07:00');

  it('suspended time is not counted (Law on Denunciations art. 34): 11–20 March skipped', () => {
    // 30 days + 10 suspended days from 3 March: Saturday 12 April, so Monday 14 April.
    expect(computeDeadline({ rule: denunciationResolution, moments: [...history(...start), suspended, resumed], calendar })).toMatchObject({
      baseDueAt: endOf('2025-04-14'),
      pauses: [{ pausedAt: suspended.at, resumedAt: resumed.at, onResume: 'continue' }],
    });
  });

  it('a clock still stopped has no due date and cannot be overdue', () => {
    expect(
      computeDeadline({
        rule: denunciationResolution,
        moments: [...history(...start), suspended],
        calendar,
        asOf: '2025-06-01T00:00:00+07:00',
      }),
    ).toMatchObject({ status: 'paused', dueAt: null, met: null });
  });

  it('a rule that restarts the clock gives the whole limit again from the resumption (Law 136/2025 art. 11a)', () => {
    const restarting = rule({ ...denunciationResolution, pauses: [{ ...suspension, onResume: 'restart' }] });
    // 30 days from 20 March: Saturday 19 April, so Monday 21 April.
    expect(computeDeadline({ rule: restarting, moments: [...history(...start), suspended, resumed], calendar }).dueAt).toBe(
      endOf('2025-04-21'),
    );
  });

  it('a pause after the deadline changes nothing', () => {
    const late = pause('CaseSuspended', '2025-04-10T08:00:00+07:00');
    expect(computeDeadline({ rule: denunciationResolution, moments: [...history(...start), late], calendar }).dueAt).toBe(
      endOf('2025-04-02'),
    );
  });

  it('a limit in hours stops for the exact time', () => {
    const moments = [
      ...history(received('2025-03-03T08:00:00+07:00')),
      pause('CaseSuspended', '2025-03-03T10:00:00+07:00'),
      pause('CaseResumed', '2025-03-04T10:00:00+07:00'),
    ];
    expect(computeDeadline({ rule: rule({ ...incidentReport, pauses: [suspension] }), moments, calendar }).dueAt).toBe(
      '2025-03-05T08:00:00.000+07:00',
    );
  });
});

describe('computeDeadline: must-report upward within hours', () => {
  const receivedAt = '2026-03-06T20:00:00+07:00';

  it('24 hours exactly, weekends included', () => {
    const reported = reportedUpward('2026-03-07T19:59:00+07:00');
    expect(computeDeadline({ rule: incidentReport, moments: history(received(receivedAt), reported), calendar })).toMatchObject({
      dueAt: '2026-03-07T20:00:00.000+07:00',
      status: 'met',
      durationMs: 23 * 3600_000 + 59 * 60_000,
    });
  });

  it('missed by an hour', () => {
    const reported = reportedUpward('2026-03-07T21:00:00+07:00');
    expect(computeDeadline({ rule: incidentReport, moments: history(received(receivedAt), reported), calendar })).toMatchObject({
      status: 'missed',
      met: false,
    });
  });

  it('the clock is judged by the hour as of a time', () => {
    expect(
      computeDeadline({ rule: incidentReport, moments: history(received(receivedAt)), calendar, asOf: '2026-03-07T20:00:01+07:00' }).status,
    ).toBe('overdue');
  });
});

describe('computeDeadline: remote areas (the shipped rules of 2012-2026)', () => {
  const shipped = (ruleId: string) => loadDefaultRules().find((candidate) => candidate.ruleId === ruleId)!;
  const complaintResolution = shipped('complaint-resolve-2012');
  // Received on Monday 3 March 2014, accepted on Wednesday 5 March: the days count from the 6th.
  const complaint2014 = [received('2014-03-03T09:00:00+07:00'), acknowledged('2014-03-05T09:00:00+07:00')];
  const asComplex = [markedComplex('2014-03-10T09:00:00+07:00', 'complex'), extended('2014-03-20T09:00:00+07:00', 1)];
  const designated = (from: string, remote = true): RemoteAreaChange => ({
    remote,
    from,
    legalBasis: 'Quyết định 2405/QĐ-TTg',
    eventId: `remote-${from}`,
  });
  const judged = (moments: CaseMoment[], receivingUnitRemoteArea?: RemoteAreaChange[], chosen = complaintResolution) =>
    computeDeadline({ rule: chosen, moments, calendar, receivingUnitRemoteArea });

  it('a complaint of a remote commune resolves in 45 days (Saturday 19 April 2014: the next working day)', () => {
    expect(judged(history(...complaint2014), [designated('2013-01-01')])).toMatchObject({
      limit: 45,
      remoteArea: true,
      dueAt: endOf('2014-04-21'),
    });
  });

  it('a complex complaint of a remote commune resolves in 60 days (Sunday 4 May 2014: the next working day)', () => {
    expect(judged(history(...complaint2014, ...asComplex), [designated('2013-01-01')])).toMatchObject({
      remoteArea: true,
      extensionsAllowed: 1,
      dueAt: endOf('2014-05-05'),
    });
  });

  it('the same complaints of a commune not designated resolve in 30 days, 45 if complex', () => {
    expect(judged(history(...complaint2014))).toMatchObject({ limit: 30, remoteArea: false, dueAt: endOf('2014-04-04') });
    expect(judged(history(...complaint2014, ...asComplex))).toMatchObject({ remoteArea: false, dueAt: endOf('2014-04-21') });
  });

  it('counts the receipt day: a designation effective on it applies, one effective the day after does not', () => {
    expect(judged(history(...complaint2014), [designated('2014-03-03')]).dueAt).toBe(endOf('2014-04-21'));
    expect(judged(history(...complaint2014), [designated('2014-03-04')])).toMatchObject({ remoteArea: false, dueAt: endOf('2014-04-04') });
  });

  it('a designation lifted before the receipt day no longer applies', () => {
    const lifted = [designated('2013-01-01'), designated('2014-01-01', false)];
    expect(judged(history(...complaint2014), lifted)).toMatchObject({ remoteArea: false, dueAt: endOf('2014-04-04') });
  });

  it('at the second level a remote complaint has 60 days, 70 if complex (one extension of 10 days)', () => {
    const secondLevel = shipped('complaint-second-level-resolve-2012');
    const remote = [designated('2013-01-01')];
    expect(judged(history(...complaint2014), remote, secondLevel).dueAt).toBe(endOf('2014-05-05'));
    expect(judged(history(...complaint2014, ...asComplex), remote, secondLevel).dueAt).toBe(endOf('2014-05-14'));
  });

  it('a denunciation of 2014 in a remote area has 30 days more: 90, 120 if complex', () => {
    const denunciationResolution2012 = shipped('denunciation-resolve-2012');
    const remote = [designated('2013-01-01')];
    expect(judged(history(...complaint2014), remote, denunciationResolution2012).dueAt).toBe(endOf('2014-06-03'));
    expect(judged(history(...complaint2014, ...asComplex), remote, denunciationResolution2012).dueAt).toBe(endOf('2014-07-03'));
  });

  it('a rule without remote-area limits counts its own limit in a remote area too', () => {
    expect(judged(history(received('2014-03-03T09:00:00+07:00')), [designated('2013-01-01')], complaintAcceptance)).toMatchObject({
      limit: 10,
      remoteArea: false,
    });
  });
});
