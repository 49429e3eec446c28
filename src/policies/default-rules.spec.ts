import { policyDecider, type PolicyCommand, type ResponsePolicyRule } from './policy.decider.js';
import { context, fact } from '../../test/support/given-when-then.js';
import { loadVietnamCalendar } from '../calendar/holiday-files.js';
import { CASE_EVENT_TYPES, PAUSE_EVENT_TYPES, STEP_COMPLETED_BY } from '../cases/case-event-catalogue.js';
import { caseHistoryOf } from '../cases/case-facts.js';
import type { CaseEvent } from '../cases/case.events.js';
import type { Fact } from '../domain-kit/decider.js';
import { computeDeadline } from '../deadlines/deadline-calculator.js';
import { loadDefaultRules } from './default-rules.js';
import { ruleInForce } from './rule-in-force.js';

const rules = loadDefaultRules();
const versions = rules.map((rule) => ({ rule, retirement: null }));
const receipt = (category: ResponsePolicyRule['category']): CaseEvent => ({
  type: 'CaseReceived',
  data: {
    caseId: 'c1',
    unitId: 'u1',
    category,
    channel: 'letter',
    summary: 's',
    reporter: {},
    sourceVisitId: null,
    referredFromUnitId: null,
  },
});
const moments = (...facts: Fact<CaseEvent>[]) => caseHistoryOf(facts)!.case.moments;

/** The rules LEGAL-DEADLINES.md marks "check" (and the upward-report setting, which no text fixes). */
const EXPECTED_NEEDS_CHECK: Record<string, boolean> = {
  'complaint-accept-2012': true,
  'complaint-accept-2026': true,
  'complaint-resolve-2012': true,
  'complaint-resolve-2026': true,
  'complaint-second-level-accept-2012': true,
  'complaint-second-level-accept-2026': true,
  'complaint-second-level-resolve-2012': true,
  'complaint-second-level-resolve-2026': true,
  'complaint-second-level-report-upward-2017': true,
  'denunciation-accept-2012': true,
  'denunciation-resolve-2012': true,
  'denunciation-accept-2019': false,
  'denunciation-resolve-2019': true,
  'petition-answer-2014': false,
  'reflection-answer-2014': false,
  'proposal-answer-2014': false,
  'incident-report-upward-2017': true,
  'complaint-report-upward-2017': true,
  'denunciation-report-upward-2017': true,
  'petition-report-upward-2017': true,
  'reflection-report-upward-2017': true,
  'proposal-report-upward-2017': true,
};

describe('default response policy rules', () => {
  const calendar = loadVietnamCalendar();

  it.each(rules.map((rule) => [rule.ruleId, rule]))('%s is a coherent rule', (_, rule) => {
    const command: PolicyCommand = { type: 'RecordResponsePolicyRule', ...rule };
    expect(policyDecider.decide(command, policyDecider.initialState, context('2026-01-01T00:00:00Z'))).toHaveLength(1);
  });

  it('has one rule id per rule', () => {
    expect(new Set(rules.map((rule) => rule.ruleId)).size).toBe(rules.length);
  });

  it('flags exactly the rules the research marks "check"', () => {
    expect(Object.fromEntries(rules.map((rule) => [rule.ruleId, rule.needsCheck]))).toEqual(EXPECTED_NEEDS_CHECK);
  });

  it.each(rules.map((rule) => [rule.ruleId, rule]))('%s names events the calculator knows', (_, rule) => {
    const known: readonly string[] = CASE_EVENT_TYPES;
    const pausing: readonly string[] = PAUSE_EVENT_TYPES;
    expect(known).toContain(rule.clockStartsAt);
    expect(STEP_COMPLETED_BY[rule.step]).not.toContain(rule.clockStartsAt);
    for (const pause of rule.pauses) expect([pausing.includes(pause.pausedBy), pausing.includes(pause.resumedBy)]).toEqual([true, true]);
    expect(rule.legalReference.length).toBeGreaterThan(10);
  });

  it.each(rules.map((rule) => [rule.ruleId, rule]))('%s gives a deadline for a case whose clock starts in its period', (_, rule) => {
    // The first day of its period: the working-day calendar covers every year since 1995.
    const day = rule.effectiveFrom;
    const receivedAt = `${day}T09:00:00+07:00`;
    const history = moments(
      fact<CaseEvent>(receipt(rule.category), receivedAt),
      fact<CaseEvent>({ type: 'CaseAcknowledged', data: { note: null } }, `${day}T10:00:00+07:00`),
    );
    expect(ruleInForce(versions, rule.category, rule.step, receivedAt)?.ruleId).toBe(rule.ruleId);
    const deadline = computeDeadline({ rule, moments: history, calendar });
    expect(deadline.clockStartedAt).not.toBeNull();
    expect(Date.parse(deadline.dueAt ?? '')).toBeGreaterThan(Date.parse(deadline.clockStartedAt ?? ''));
    if (rule.unit !== 'hours') expect(deadline.dueAt).toMatch(/T23:59:59\.999\+07:00$/);
  });

  it('leaves no gap and no overlap between the rules of one category and step', () => {
    const groups = new Map<string, ResponsePolicyRule[]>();
    for (const rule of rules) groups.set(`${rule.category}/${rule.step}`, [...(groups.get(`${rule.category}/${rule.step}`) ?? []), rule]);
    for (const [group, members] of groups) {
      const ordered = [...members].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
      const periods = ordered.map((rule) => [rule.effectiveFrom, rule.effectiveTo]);
      const expected = ordered.map((rule, index) => [rule.effectiveFrom, ordered[index + 1]?.effectiveFrom ?? null]);
      expect({ group, periods }).toEqual({ group, periods: expected });
    }
  });

  it('changes complaint acceptance on 2026-07-01: 10 calendar days, then 7 working days', () => {
    const received = (at: string) => moments(fact<CaseEvent>(receipt('complaint'), at));
    const before = '2026-06-30T09:00:00+07:00';
    const after = '2026-07-03T09:00:00+07:00';
    const oldRule = ruleInForce(versions, 'complaint', 'acknowledge', before);
    const newRule = ruleInForce(versions, 'complaint', 'acknowledge', after);
    expect([oldRule?.ruleId, newRule?.ruleId]).toEqual(['complaint-accept-2012', 'complaint-accept-2026']);
    expect(computeDeadline({ rule: oldRule!, moments: received(before), calendar }).dueAt).toBe('2026-07-10T23:59:59.999+07:00');
    expect(computeDeadline({ rule: newRule!, moments: received(after), calendar }).dueAt).toBe('2026-07-14T23:59:59.999+07:00');
  });

  it("restarts a complaint's resolution clock after a suspension from 2026-07-01 only", () => {
    expect(ruleInForce(versions, 'complaint', 'resolve', '2026-06-30T09:00:00+07:00')?.pauses).toEqual([]);
    expect(ruleInForce(versions, 'complaint', 'resolve', '2026-07-01T09:00:00+07:00')?.pauses).toEqual([
      { pausedBy: 'CaseSuspended', resumedBy: 'CaseResumed', onResume: 'restart' },
    ]);
    expect(ruleInForce(versions, 'denunciation', 'resolve', '2026-07-01T09:00:00+07:00')?.pauses).toEqual([
      { pausedBy: 'CaseSuspended', resumedBy: 'CaseResumed', onResume: 'continue' },
    ]);
  });
});
