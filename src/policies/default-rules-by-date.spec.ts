import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fact } from '../../test/support/given-when-then.js';
import { loadVietnamCalendar } from '../calendar/holiday-files.js';
import { caseHistoryOf } from '../cases/case-facts.js';
import type { CaseEvent } from '../cases/case.events.js';
import { computeDeadline } from '../deadlines/deadline-calculator.js';
import type { Fact } from '../domain-kit/decider.js';
import { caseTimeline, type TimelineFact } from '../timelines/case-timeline.js';
import { loadDefaultDuties, loadDefaultRules } from './default-rules.js';
import { RuleBook } from './rule-book.js';
import { POLICY_CATEGORIES, POLICY_STEPS, type PolicyCategory, type PolicyStep } from './policy.events.js';

/**
 * The shipped rules on any date since 2012-07-01: each date gets the rule of its own date, a date
 * before gets none, and each deadline is counted with the working days of its own year.
 */
const rules = loadDefaultRules();
const book = new RuleBook(rules, []);
const calendar = loadVietnamCalendar();
const { checks } = JSON.parse(readFileSync(join(process.cwd(), 'src/policies/default-rules.json'), 'utf8')) as {
  checks: Record<string, string>;
};

const ruleOn = (category: PolicyCategory, step: PolicyStep, day: string) => {
  const clockStartsAt = step === 'resolve' ? 'CaseAcknowledged' : 'CaseReceived';
  return book.inForce(category, step, clockStartsAt, `${day}T09:00:00+07:00`)?.rule.ruleId ?? null;
};

const endOf = (day: string) => `${day}T23:59:59.999+07:00`;
const caseFact = (event: CaseEvent, at: string): Fact<CaseEvent> => fact(event, at);
const received = (category: PolicyCategory, at: string) =>
  caseFact(
    {
      type: 'CaseReceived',
      data: {
        caseId: 'c1',
        unitId: 'gia-tan',
        category,
        channel: 'letter',
        summary: 's',
        reporter: {},
        sourceVisitId: null,
        referredFromUnitId: null,
      },
    },
    at,
  );
const acknowledged = (at: string) => caseFact({ type: 'CaseAcknowledged', data: { note: null } }, at);
const extended = (at: string) =>
  caseFact(
    {
      type: 'CaseDeadlineExtended',
      data: { previousDueAt: at, newDueAt: '2099-01-01T00:00:00+07:00', reason: 'verification', extensionNumber: 1 },
    },
    at,
  );
const markedComplex = (at: string) => caseFact({ type: 'CaseMarkedComplex', data: { complexity: 'complex', reason: 'two places' } }, at);

/** The deadline of one step of a case, under the shipped rule in force on the day its clock started. */
function deadlineOf(category: PolicyCategory, step: PolicyStep, facts: Fact<CaseEvent>[], asOf?: string) {
  const start = facts.find((candidate) => candidate.type === (step === 'resolve' ? 'CaseAcknowledged' : 'CaseReceived'))!;
  const sourced = book.inForce(category, step, start.type, start.occurredAt);
  if (!sourced) throw new Error(`no rule for ${category}/${step} on ${start.occurredAt}`);
  return computeDeadline({ rule: sourced.rule, moments: caseHistoryOf(facts)!.case.moments, calendar, ...(asOf ? { asOf } : {}) });
}

describe('the shipped rules, by date', () => {
  it('gives no rule for any step of any category before 2012-07-01', () => {
    for (const category of POLICY_CATEGORIES)
      for (const step of POLICY_STEPS) {
        expect({ category, step, rule: ruleOn(category, step, '2012-06-30') }).toEqual({ category, step, rule: null });
        expect({ category, step, rule: ruleOn(category, step, '1995-01-02') }).toEqual({ category, step, rule: null });
      }
  });

  it.each([
    ['complaint', 'acknowledge', '2012-06-30', null],
    ['complaint', 'acknowledge', '2012-07-01', 'complaint-accept-2012'],
    ['complaint', 'resolve', '2012-06-30', null],
    ['complaint', 'resolve', '2012-07-01', 'complaint-resolve-2012'],
    ['denunciation', 'acknowledge', '2012-06-30', null],
    ['denunciation', 'acknowledge', '2012-07-01', 'denunciation-accept-2012'],
    ['denunciation', 'resolve', '2012-07-01', 'denunciation-resolve-2012'],
    ['denunciation', 'acknowledge', '2018-12-31', 'denunciation-accept-2012'],
    ['denunciation', 'acknowledge', '2019-01-01', 'denunciation-accept-2019'],
    ['denunciation', 'resolve', '2018-12-31', 'denunciation-resolve-2012'],
    ['denunciation', 'resolve', '2019-01-01', 'denunciation-resolve-2019'],
    ['complaint', 'acknowledge', '2018-12-31', 'complaint-accept-2012'],
    ['complaint', 'acknowledge', '2019-01-01', 'complaint-accept-2012'],
    ['complaint', 'acknowledge', '2026-06-30', 'complaint-accept-2012'],
    ['complaint', 'acknowledge', '2026-07-01', 'complaint-accept-2026'],
    ['complaint', 'resolve', '2026-06-30', 'complaint-resolve-2012'],
    ['complaint', 'resolve', '2026-07-01', 'complaint-resolve-2026'],
    ['denunciation', 'resolve', '2026-07-01', 'denunciation-resolve-2019'],
    ['complaint-second-level', 'acknowledge', '2012-07-01', 'complaint-second-level-accept-2012'],
    ['complaint-second-level', 'acknowledge', '2026-07-01', 'complaint-second-level-accept-2026'],
    ['complaint-second-level', 'resolve', '2026-06-30', 'complaint-second-level-resolve-2012'],
    ['complaint-second-level', 'resolve', '2026-07-01', 'complaint-second-level-resolve-2026'],
    ['petition', 'answer', '2014-06-30', null],
    ['petition', 'answer', '2014-07-01', 'petition-answer-2014'],
  ] as const)('%s/%s on %s: %s', (category, step, day, ruleId) => {
    expect(ruleOn(category, step, day)).toBe(ruleId);
  });

  it('says, for every rule and duty marked needsCheck and for no other, what is unsure', () => {
    expect(Object.keys(checks).sort()).toEqual(
      [
        ...rules.filter((rule) => rule.needsCheck).map((rule) => rule.ruleId),
        ...loadDefaultDuties()
          .filter((duty) => duty.needsCheck)
          .map((duty) => duty.dutyId),
      ].sort(),
    );
    for (const reason of Object.values(checks)) expect(reason.length).toBeGreaterThan(30);
  });

  it('judges a case received before 2012-07-01 "no-rule" on every step, and fails nothing', () => {
    let position = 0;
    const recorded = (event: Fact<CaseEvent>): TimelineFact => ({
      ...event,
      recordedAt: event.occurredAt,
      globalPosition: ++position,
    });
    const timeline = caseTimeline({
      caseId: 'c1',
      facts: [received('denunciation', '2012-06-20T09:00:00+07:00'), acknowledged('2012-06-30T09:00:00+07:00')].map(recorded),
      rules: book,
      calendar,
      asOf: '2012-12-31T00:00:00+07:00',
    });
    expect(timeline?.deadlines.map((deadline) => [deadline.step, deadline.status])).toEqual([
      ['acknowledge', 'no-rule'],
      ['report-upward', 'no-rule'],
      ['resolve', 'no-rule'],
    ]);
  });

  it('keeps a deadline beyond the calendar (after 2100) unjudged, "no-calendar", rather than failing the timeline', () => {
    let position = 0;
    const recorded = (event: Fact<CaseEvent>): TimelineFact => ({
      ...event,
      recordedAt: event.occurredAt,
      globalPosition: ++position,
    });
    const timeline = caseTimeline({
      caseId: 'c1',
      facts: [received('denunciation', '2100-12-28T09:00:00+07:00')].map(recorded),
      rules: book,
      calendar,
      asOf: '2100-12-29T00:00:00+07:00',
    });
    expect(timeline?.deadlines.find((deadline) => deadline.step === 'acknowledge')?.status).toBe('no-calendar');
  });
});

describe('deadlines counted with the working days of their own year', () => {
  it('a 2014 complaint: 10 days from Friday 24 January end on Monday 3 February, a Tết day, so on Thursday 6 February', () => {
    const facts = [received('complaint', '2014-01-24T09:00:00+07:00'), acknowledged('2014-02-05T10:00:00+07:00')];
    const accept = deadlineOf('complaint', 'acknowledge', facts);
    expect(accept).toMatchObject({ ruleId: 'complaint-accept-2012', dueAt: endOf('2014-02-06'), status: 'met' });
    // Resolution, 30 days from acceptance on 5 February: Friday 7 March, a working day.
    expect(deadlineOf('complaint', 'resolve', facts, '2014-03-10T09:00:00+07:00')).toMatchObject({
      ruleId: 'complaint-resolve-2012',
      dueAt: endOf('2014-03-07'),
      status: 'overdue',
    });
    // Complex, with its one extension: 45 days end on Saturday 22 March, so on Monday 24 March.
    const complex = [...facts, markedComplex('2014-02-10T09:00:00+07:00'), extended('2014-03-03T09:00:00+07:00')];
    expect(deadlineOf('complaint', 'resolve', complex)).toMatchObject({ dueAt: endOf('2014-03-24'), extensionsAllowed: 1 });
  });

  it('a 2014 complaint at the second level: art. 37, 45 days from acceptance, 60 if complex', () => {
    const facts = [received('complaint-second-level', '2014-01-24T09:00:00+07:00'), acknowledged('2014-02-05T10:00:00+07:00')];
    // 45 days from Wednesday 5 February end on Saturday 22 March, so on Monday 24 March.
    expect(deadlineOf('complaint-second-level', 'resolve', facts)).toMatchObject({
      ruleId: 'complaint-second-level-resolve-2012',
      dueAt: endOf('2014-03-24'),
      extensionsAllowed: 0,
    });
    // Complex, with its one extension: 60 days end on Sunday 6 April, so on Monday 7 April.
    const complex = [...facts, markedComplex('2014-02-10T09:00:00+07:00'), extended('2014-03-03T09:00:00+07:00')];
    expect(deadlineOf('complaint-second-level', 'resolve', complex)).toMatchObject({ dueAt: endOf('2014-04-07'), extensionsAllowed: 1 });
  });

  it('a 2017 denunciation: the 2011 law, 10 days to accept across Tết, 60 days to resolve across Hùng Kings’ day', () => {
    // Received Friday 20 January: the 10th day, Monday 30 January, is mùng 3; 31 January and 1 February compensate the weekend.
    const facts = [received('denunciation', '2017-01-20T09:00:00+07:00'), acknowledged('2017-02-05T10:00:00+07:00')];
    expect(deadlineOf('denunciation', 'acknowledge', facts)).toMatchObject({
      ruleId: 'denunciation-accept-2012',
      dueAt: endOf('2017-02-02'),
      status: 'missed',
      extensionsAllowed: 1,
    });
    // 60 days from Sunday 5 February end on Thursday 6 April, Hùng Kings' day (10/3 lunar): Friday 7 April.
    expect(deadlineOf('denunciation', 'resolve', facts)).toMatchObject({ ruleId: 'denunciation-resolve-2012', dueAt: endOf('2017-04-07') });
    // Art. 21 as the research notes read it: no extension for a case not marked complex...
    expect(deadlineOf('denunciation', 'resolve', [...facts, extended('2017-04-03T09:00:00+07:00')])).toMatchObject({
      dueAt: endOf('2017-04-07'),
      extensionsAllowed: 0,
      extensions: [expect.objectContaining({ judgement: 'beyond-allowance' })],
    });
    // ...and 90 days for a complex one, as one 30-day extension: they end on Saturday 6 May, so on Monday 8 May.
    const complex = [...facts, markedComplex('2017-02-06T09:00:00+07:00'), extended('2017-04-03T09:00:00+07:00')];
    expect(deadlineOf('denunciation', 'resolve', complex)).toMatchObject({ dueAt: endOf('2017-05-08'), extensionsAllowed: 1 });
  });

  it('a 2026 denunciation: 7 working days from Wednesday 11 February skip the nine days of Tết', () => {
    const facts = [received('denunciation', '2026-02-11T09:00:00+07:00'), acknowledged('2026-02-27T10:00:00+07:00')];
    // 12, 13, then 23, 24, 25, 26, 27 February.
    expect(deadlineOf('denunciation', 'acknowledge', facts)).toMatchObject({
      ruleId: 'denunciation-accept-2019',
      dueAt: endOf('2026-02-27'),
      status: 'met',
    });
    // 30 days from 27 February end on Sunday 29 March: Monday 30 March.
    expect(deadlineOf('denunciation', 'resolve', facts)).toMatchObject({ ruleId: 'denunciation-resolve-2019', dueAt: endOf('2026-03-30') });
  });

  it('a 2026 denunciation around National Day: the swapped Monday 31 August is a day off, Saturday 22 August a working day', () => {
    // From Tuesday 25 August: 26, 27, 28, then 3, 4, 7, 8 September (31 August swapped, 1-2 September National Day).
    expect(deadlineOf('denunciation', 'acknowledge', [received('denunciation', '2026-08-25T09:00:00+07:00')])).toMatchObject({
      dueAt: endOf('2026-09-08'),
    });
    // From Friday 21 August the worked Saturday counts: 22, 24, 25, 26, 27, 28, 3 September.
    expect(deadlineOf('denunciation', 'acknowledge', [received('denunciation', '2026-08-21T09:00:00+07:00')])).toMatchObject({
      dueAt: endOf('2026-09-03'),
    });
  });

  it('a complaint of 2026 takes the rule of its own date on either side of 2026-07-01', () => {
    expect(deadlineOf('complaint', 'acknowledge', [received('complaint', '2026-06-30T09:00:00+07:00')])).toMatchObject({
      ruleId: 'complaint-accept-2012',
      dueAt: endOf('2026-07-10'),
    });
    expect(deadlineOf('complaint', 'acknowledge', [received('complaint', '2026-07-01T09:00:00+07:00')])).toMatchObject({
      ruleId: 'complaint-accept-2026',
      dueAt: endOf('2026-07-10'),
    });
  });
});
