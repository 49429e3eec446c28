import { fact } from '../../test/support/given-when-then.js';
import type { Fact } from '../domain-kit/decider.js';
import { caseHistoryOf, classificationAt, currentPeriodOf, dueAtOf, holdingAt } from './case-facts.js';
import type { CaseEvent } from './case.events.js';

const on = (day: string, event: CaseEvent, hour = '08') => fact<CaseEvent>(event, `2025-03-${day}T${hour}:00:00+07:00`);
const received = on('03', {
  type: 'CaseReceived',
  data: {
    caseId: 'c1',
    unitId: 'gia-tan',
    category: 'complaint',
    channel: 'letter',
    summary: 'Dye works',
    reporter: null,
    sourceVisitId: null,
    referredFromUnitId: null,
  },
});
const classified = on('03', { type: 'CaseClassified', data: { classification: 'within-authority', reason: 'local' } }, '09');
const assigned = on('04', { type: 'CaseAssigned', data: { officialId: 'o-1', unitId: null, dueAt: '2025-03-20T17:00:00+07:00' } });
const extended = on('05', {
  type: 'CaseDeadlineExtended',
  data: { previousDueAt: '2025-03-20T17:00:00+07:00', newDueAt: '2025-03-25T17:00:00+07:00', reason: 'verification', extensionNumber: 1 },
});
const escalated = on('06', { type: 'CaseEscalated', data: { fromUnitId: 'gia-tan', toUnitId: 'gia-loc', reason: 'beyond the commune' } });
const reassigned = on('07', { type: 'CaseAssigned', data: { officialId: 'o-2', unitId: null, dueAt: '2025-03-30T17:00:00+07:00' } });
const resolved = on('08', { type: 'CaseResolved', data: { outcome: 'done' } });
const reopened = on('09', { type: 'CaseReopened', data: { reason: 'again' } });
const history = (...stream: Fact<CaseEvent>[]) => caseHistoryOf(stream)!;

describe('the fold of a case history', () => {
  it('says where the case was and who held it at any instant: escalation and reopening leave it unheld', () => {
    const { case: facts } = history(received, assigned, escalated, reassigned, resolved, reopened);
    const at = (instant: string) => {
      const { unitId, assignee } = holdingAt(facts, instant);
      return [unitId, assignee?.officialId ?? null];
    };
    expect(at('2025-03-03T12:00:00+07:00')).toEqual(['gia-tan', null]);
    expect(at('2025-03-05T12:00:00+07:00')).toEqual(['gia-tan', 'o-1']);
    expect(at('2025-03-06T12:00:00+07:00')).toEqual(['gia-loc', null]);
    expect(at('2025-03-08T12:00:00+07:00')).toEqual(['gia-loc', 'o-2']);
    expect(at('2025-03-09T12:00:00+07:00')).toEqual(['gia-loc', null]);
  });

  it('starts a handling period at receipt, escalation and reopening, each with its own due dates and end', () => {
    const { case: facts } = history(received, assigned, extended, escalated, reassigned, resolved, reopened);
    expect(
      facts.periods.map((period) => [
        period.startedBy.type,
        period.unitId,
        dueAtOf(period),
        period.resolvedBy?.at ?? null,
        period.endedBy?.type ?? null,
      ]),
    ).toEqual([
      ['CaseReceived', 'gia-tan', '2025-03-25T17:00:00+07:00', null, 'CaseEscalated'],
      ['CaseEscalated', 'gia-loc', '2025-03-30T17:00:00+07:00', resolved.occurredAt, 'CaseReopened'],
      ['CaseReopened', 'gia-loc', null, null, null],
    ]);
    expect(currentPeriodOf(facts).dueDates).toEqual([]);
  });

  it('applies corrections once, at its input: the classification in force reads the corrected value from its time on', () => {
    const correction = on('10', {
      type: 'EventCorrected',
      data: { correctedEventId: classified.eventId, reason: 'serious after all', fields: { classification: 'must-report' } },
    });
    const corrected = history(received, classified, correction);
    expect(classificationAt(corrected.case, '2025-03-03T08:30:00+07:00')).toBeNull();
    expect(classificationAt(corrected.case, '2025-03-04T08:00:00+07:00')).toMatchObject({
      value: 'must-report',
      eventId: classified.eventId,
    });
    expect(corrected.correctionsOf(classified.eventId)).toEqual([correction.eventId]);
    expect(corrected.facts.map((each) => each.type)).toEqual(['CaseReceived', 'CaseClassified']);
  });

  it('has no history without a receipt, and ignores an event type it does not know', () => {
    expect(caseHistoryOf([assigned])).toBeNull();
    const unknown = { ...on('04', { type: 'CaseNoted', data: {} } as unknown as CaseEvent) };
    expect(history(received, unknown).case.moments.map((moment) => moment.type)).toEqual(['CaseReceived']);
  });
});
