import { fact } from '../../test/support/given-when-then.js';
import { loadVietnamCalendar } from '../calendar/holiday-files.js';
import { caseHistoryOf } from '../cases/case-facts.js';
import type { CaseEvent } from '../cases/case.events.js';
import type { Fact } from '../domain-kit/decider.js';
import { loadDefaultRules } from '../policies/default-rules.js';
import { RuleBook } from '../policies/rule-book.js';
import { computeDeadline } from './deadline-calculator.js';
import { runningAllowances } from './extension-allowance.js';

const rules = new RuleBook(loadDefaultRules());
const calendar = loadVietnamCalendar();
const on = (day: string, event: CaseEvent) => fact<CaseEvent>(event, `2025-03-${day}T08:00:00+07:00`);
const receivedDenunciation = on('03', {
  type: 'CaseReceived',
  data: {
    caseId: 'c1',
    unitId: 'gia-tan',
    category: 'denunciation',
    channel: 'letter',
    summary: 's',
    reporter: null,
    sourceVisitId: null,
    referredFromUnitId: null,
  },
});
const accepted = on('05', { type: 'CaseAcknowledged', data: { note: null } });
const complex = on('06', { type: 'CaseMarkedComplex', data: { complexity: 'complex', reason: 'two communes' } });
const extended = (day: string) =>
  on(day, {
    type: 'CaseDeadlineExtended',
    data: { previousDueAt: '2025-03-31T17:00:00+07:00', newDueAt: '2025-04-30T17:00:00+07:00', reason: 'decision', extensionNumber: 1 },
  });
const facts = (...stream: Fact<CaseEvent>[]) => caseHistoryOf(stream)!.case;

describe('runningAllowances', () => {
  it("gives the allowance of the handling rule whose clock runs: the acceptance's, then the resolution's", () => {
    expect(runningAllowances(rules, facts(receivedDenunciation), '2025-03-04T08:00:00+07:00')).toEqual([
      { ruleId: 'denunciation-accept-2019', step: 'acknowledge', allowed: 1, used: 0 },
    ]);
    expect(runningAllowances(rules, facts(receivedDenunciation, accepted, complex), '2025-03-07T08:00:00+07:00')).toEqual([
      { ruleId: 'denunciation-resolve-2019', step: 'resolve', allowed: 1, used: 0 },
    ]);
  });

  it('counts the extensions over the same window as the calculator, so what it allows the calculator counts', () => {
    const stream = [receivedDenunciation, accepted, complex, extended('10')];
    expect(runningAllowances(rules, facts(...stream), '2025-03-11T08:00:00+07:00')).toEqual([
      { ruleId: 'denunciation-resolve-2019', step: 'resolve', allowed: 1, used: 1 },
    ]);
    const resolve = rules.inForce('denunciation', 'resolve', 'CaseAcknowledged', accepted.occurredAt)!.rule;
    expect(computeDeadline({ rule: resolve, moments: facts(...stream).moments, calendar }).extensions).toEqual([
      expect.objectContaining({ eventId: stream[3].eventId, judgement: 'counted' }),
    ]);
  });

  it('is empty when no rule of the rule book runs for the handling', () => {
    const incident = on('03', { ...receivedDenunciation, data: { ...receivedDenunciation.data, category: 'incident' } } as CaseEvent);
    expect(runningAllowances(rules, facts(incident), '2025-03-04T08:00:00+07:00')).toEqual([]);
  });
});
