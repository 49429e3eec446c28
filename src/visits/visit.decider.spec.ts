import type { ReceiveCaseCommand } from '../cases/case.decider.js';
import { visitDecider, type VisitCommand } from './visit.decider.js';
import type { VisitEvent } from './visit.events.js';
import { context, fact, spec } from '../../test/support/given-when-then.js';

const visits = spec(visitDecider);
const official = (officialId: string, status: 'active' | 'left' | 'unregistered' = 'active', leftAt: string | null = null) => ({
  officialId,
  status,
  leftAt,
});
const scheduled = fact<VisitEvent>(
  {
    type: 'VisitScheduled',
    data: {
      visitId: 'v1',
      kind: 'periodic',
      purpose: 'Inspect production',
      place: null,
      unitId: 'gia-loc',
      participants: ['nguyen-van-a', 'tran-thi-b'],
      plannedFor: '2017-03-09T08:00:00+07:00',
      publishedInCalendar: true,
    },
  },
  '2017-03-01T08:00:00+07:00',
);
const rescheduled = fact<VisitEvent>(
  {
    type: 'VisitRescheduled',
    data: { plannedFor: '2017-03-10T08:00:00+07:00', previousPlannedFor: '2017-03-09T08:00:00+07:00', reason: 'Flood' },
  },
  '2017-03-05T08:00:00+07:00',
);
const cancelled = fact<VisitEvent>({ type: 'VisitCancelled', data: { reason: 'Typhoon warning' } }, '2017-03-08T08:00:00+07:00');
const conducted = fact<VisitEvent>(
  {
    type: 'VisitConducted',
    data: {
      startedAt: '2017-03-09T08:00:00+07:00',
      endedAt: '2017-03-09T11:00:00+07:00',
      presentParticipants: ['nguyen-van-a'],
      others: 'Chủ tịch UBND xã',
    },
  },
  '2017-03-09T17:00:00+07:00',
);
/** The receipt of the case finding f1 opens: recorded with the finding, as case-1 will record it. */
const caseReceipt = {
  caseId: 'case-1',
  unitId: 'gia-tan',
  category: 'reflection' as const,
  channel: 'visit' as const,
  summary: 'Households were not told before the land was recovered',
  reporter: null,
  sourceVisitId: 'v1',
  referredFromUnitId: null,
};
const finding = fact<VisitEvent>(
  {
    type: 'VisitFindingRecorded',
    data: { findingId: 'f1', text: 'Land recovered without notice', severity: 'high', caseId: 'case-1', caseReceipt },
  },
  '2017-03-09T18:00:00+07:00',
);
/** A finding recorded before findings carried their case's receipt. */
const findingWithoutReceipt = fact<VisitEvent>(
  { type: 'VisitFindingRecorded', data: { findingId: 'f0', text: 'Old finding', severity: null, caseId: null } },
  '2017-03-09T18:00:00+07:00',
);
const at = (occurredAt = '2017-03-10T08:00:00+07:00') => context(occurredAt);

const schedule = (overrides: Partial<Extract<VisitCommand, { type: 'ScheduleVisit' }>> = {}): VisitCommand => ({
  type: 'ScheduleVisit',
  visitId: 'v1',
  kind: 'periodic',
  purpose: 'Inspect production',
  place: null,
  unit: { unitId: 'gia-loc', status: 'active' },
  participants: [official('nguyen-van-a'), official('tran-thi-b')],
  plannedFor: '2017-03-09T08:00:00+07:00',
  publishedInCalendar: true,
  ...overrides,
});
const conduct = (overrides: Partial<Extract<VisitCommand, { type: 'ConductVisit' }>> = {}): VisitCommand => ({
  type: 'ConductVisit',
  startedAt: '2017-03-09T08:00:00+07:00',
  endedAt: '2017-03-09T11:00:00+07:00',
  presentParticipants: [official('nguyen-van-a')],
  others: 'Chủ tịch UBND xã',
  ...overrides,
});
const recordFinding = (overrides: Partial<Extract<VisitCommand, { type: 'RecordVisitFinding' }>> = {}): VisitCommand => ({
  type: 'RecordVisitFinding',
  findingId: 'f1',
  text: 'Land recovered without notice',
  severity: 'high',
  openCase: openCase(),
  ...overrides,
});
function openCase(overrides: Partial<ReceiveCaseCommand> = {}): ReceiveCaseCommand {
  return {
    type: 'ReceiveCase',
    caseId: 'case-1',
    unit: { unitId: 'gia-tan', status: 'active' },
    category: 'reflection',
    channel: 'visit',
    summary: 'Households were not told before the land was recovered',
    reporter: null,
    location: null,
    sourceVisitId: 'v1',
    referredFrom: null,
    ...overrides,
  };
}

describe('visit decider', () => {
  describe('ScheduleVisit', () => {
    it('schedules a visit to an active unit with active participants', () => {
      visits
        .given([])
        .when(schedule(), at('2017-03-01T08:00:00+07:00'))
        .then([{ type: 'VisitScheduled', data: scheduled.data }]);
    });

    it('accepts a plan for the future', () => {
      visits
        .given([])
        .when(schedule({ plannedFor: '2030-01-01T08:00:00+07:00', participants: [official('nguyen-van-a')] }), at())
        .then([
          { type: 'VisitScheduled', data: { ...scheduled.data, plannedFor: '2030-01-01T08:00:00+07:00', participants: ['nguyen-van-a'] } },
        ]);
    });

    it.each([
      ['twice', [scheduled], {}, 'VISIT.ALREADY_SCHEDULED', 'conflict'],
      [
        'to an unknown unit',
        [],
        { unit: { unitId: 'nowhere', status: 'unregistered' as const } },
        'VISIT.UNIT_NOT_ACTIVE',
        'unprocessable',
      ],
      ['to a merged unit', [], { unit: { unitId: 'old', status: 'merged' as const } }, 'VISIT.UNIT_NOT_ACTIVE', 'unprocessable'],
      ['without participants', [], { participants: [] }, 'VISIT.NO_PARTICIPANTS', 'invalid'],
      [
        'with too many participants',
        [],
        { participants: Array.from({ length: 51 }, (_, i) => official(`o-${i}`)) },
        'VISIT.TOO_MANY_PARTICIPANTS',
        'invalid',
      ],
      ['with a participant twice', [], { participants: [official('a'), official('a')] }, 'VISIT.DUPLICATE_PARTICIPANT', 'invalid'],
      ['with an unknown official', [], { participants: [official('ghost', 'unregistered')] }, 'VISIT.PARTICIPANT_UNKNOWN', 'unprocessable'],
      [
        'with an official who left',
        [],
        { participants: [official('retired', 'left', '2017-01-01T00:00:00+07:00')] },
        'VISIT.PARTICIPANT_NOT_ACTIVE',
        'unprocessable',
      ],
      ['for an impossible date', [], { plannedFor: '2017-13-45T08:00:00+07:00' }, 'VISIT.INVALID_TIME', 'invalid'],
    ] as const)('refuses scheduling %s', (_, given, overrides, code, kind) => {
      visits.given(given).when(schedule(overrides), at()).thenRefused(code, kind);
    });

    it('refuses a scheduling fact dated in the future, even though the plan may be', () => {
      visits
        .given([])
        .when(schedule({ plannedFor: '2030-01-01T08:00:00+07:00' }), context('2027-06-01T00:00:00Z'))
        .thenRefused('OCCURRED_AT.IN_FUTURE', 'invalid');
    });
  });

  describe('RescheduleVisit', () => {
    it('moves the plan, remembering the previous date', () => {
      visits
        .given([scheduled])
        .when({ type: 'RescheduleVisit', plannedFor: '2017-03-10T08:00:00+07:00', reason: 'Flood' }, at('2017-03-05T08:00:00+07:00'))
        .then([{ type: 'VisitRescheduled', data: rescheduled.data }]);
      expect(visits.given([scheduled, rescheduled]).state).toMatchObject({
        plannedFor: '2017-03-10T08:00:00+07:00',
        reschedulings: [{ reason: 'Flood' }],
      });
    });

    it.each([
      ['an unscheduled visit', [], '2017-03-10T08:00:00+07:00', 'VISIT.NOT_FOUND'],
      ['to the same time', [scheduled], '2017-03-09T01:00:00Z', 'VISIT.SAME_PLANNED_FOR'],
      ['a cancelled visit', [scheduled, cancelled], '2017-03-10T08:00:00+07:00', 'VISIT.CANCELLED'],
      ['a conducted visit', [scheduled, conducted], '2017-03-10T08:00:00+07:00', 'VISIT.ALREADY_CONDUCTED'],
    ] as const)('refuses rescheduling %s', (_, given, plannedFor, code) => {
      visits.given(given).when({ type: 'RescheduleVisit', plannedFor, reason: 'x' }, at()).thenRefused(code);
    });

    it('refuses a fact dated before the last one recorded', () => {
      visits
        .given([scheduled])
        .when({ type: 'RescheduleVisit', plannedFor: '2017-03-10T08:00:00+07:00', reason: 'x' }, at('2017-02-01T00:00:00+07:00'))
        .thenRefused('OCCURRED_AT.BEFORE_PREVIOUS', 'conflict');
    });
  });

  describe('CancelVisit', () => {
    it('cancels a planned visit', () => {
      visits
        .given([scheduled, rescheduled])
        .when({ type: 'CancelVisit', reason: 'Typhoon warning' }, at())
        .then([{ type: 'VisitCancelled', data: { reason: 'Typhoon warning' } }]);
    });

    it.each([
      ['twice', [scheduled, cancelled], 'VISIT.CANCELLED'],
      ['a conducted visit', [scheduled, conducted], 'VISIT.ALREADY_CONDUCTED'],
    ] as const)('refuses cancelling %s', (_, given, code) => {
      visits.given(given).when({ type: 'CancelVisit', reason: 'x' }, at()).thenRefused(code, 'conflict');
    });
  });

  describe('ConductVisit', () => {
    it('records who was there and when', () => {
      visits
        .given([scheduled])
        .when(conduct(), at('2017-03-09T17:00:00+07:00'))
        .then([{ type: 'VisitConducted', data: conducted.data }]);
    });

    it('lets an official join who was not planned', () => {
      visits
        .given([scheduled])
        .when(conduct({ presentParticipants: [official('le-van-c')], others: null }), at())
        .then([{ type: 'VisitConducted', data: { ...conducted.data, presentParticipants: ['le-van-c'], others: null } }]);
    });

    it('names, when recorded late, an official who has left since the visit', () => {
      visits
        .given([scheduled])
        .when(conduct({ presentParticipants: [official('nguyen-van-a', 'left', '2017-03-09T12:00:00+07:00')] }), at())
        .then([{ type: 'VisitConducted', data: conducted.data }]);
    });

    it.each([
      ['twice', [scheduled, conducted], {}, 'VISIT.ALREADY_CONDUCTED', 'conflict'],
      ['a cancelled visit', [scheduled, cancelled], {}, 'VISIT.CANCELLED', 'conflict'],
      ['ending before it starts', [scheduled], { endedAt: '2017-03-09T07:00:00+07:00' }, 'VISIT.ENDS_BEFORE_START', 'invalid'],
      ['ending as it starts', [scheduled], { endedAt: '2017-03-09T08:00:00+07:00' }, 'VISIT.ENDS_BEFORE_START', 'invalid'],
      ['ending after the record of it', [scheduled], { endedAt: '2017-03-11T08:00:00+07:00' }, 'VISIT.ENDS_AFTER_RECORD', 'invalid'],
      ['with nobody present', [scheduled], { presentParticipants: [] }, 'VISIT.NO_PARTICIPANTS', 'invalid'],
      [
        'with an unknown official present',
        [scheduled],
        { presentParticipants: [official('ghost', 'unregistered')] },
        'VISIT.PARTICIPANT_UNKNOWN',
        'unprocessable',
      ],
      [
        'with an official who had left before it',
        [scheduled],
        { presentParticipants: [official('retired', 'left', '2017-03-01T00:00:00+07:00')] },
        'VISIT.PARTICIPANT_HAD_LEFT',
        'unprocessable',
      ],
      [
        'with an official present twice',
        [scheduled],
        { presentParticipants: [official('a'), official('a')] },
        'VISIT.DUPLICATE_PARTICIPANT',
        'invalid',
      ],
      ['at an impossible time', [scheduled], { startedAt: '2017-02-31T25:00:00Z' }, 'VISIT.INVALID_TIME', 'invalid'],
    ] as const)('refuses conducting %s', (_, given, overrides, code, kind) => {
      visits.given(given).when(conduct(overrides), at()).thenRefused(code, kind);
    });
  });

  describe('RecordVisitFinding', () => {
    it("records a finding of a conducted visit with the whole receipt of the case it opens, as the case's rules decide it", () => {
      visits
        .given([scheduled, conducted])
        .when(recordFinding(), at('2017-03-09T18:00:00+07:00'))
        .then([{ type: 'VisitFindingRecorded', data: finding.data }]);
      expect(visits.given([scheduled, conducted, finding]).state).toMatchObject({
        findings: [{ findingId: 'f1', caseId: 'case-1', caseLink: 'opened', recordedAt: finding.occurredAt }],
      });
    });

    it('keeps the receipt out of the state: the case shows it', () => {
      const state = visits.given([scheduled, conducted, finding]).state;
      expect(JSON.stringify(state.status === 'not-scheduled' ? {} : state.findings)).not.toContain('caseReceipt');
    });

    it('records nothing new for a faithful repeat of the same finding, also of one recorded before receipts were carried', () => {
      visits.given([scheduled, conducted, finding]).when(recordFinding(), at()).then([]);
      visits
        .given([scheduled, conducted, findingWithoutReceipt])
        .when(recordFinding({ findingId: 'f0', text: 'Old finding', severity: null, openCase: null }), at())
        .then([]);
    });

    it("refuses a finding whose case the case's own rules refuse, recording nothing", () => {
      visits
        .given([scheduled, conducted])
        .when(recordFinding({ openCase: openCase({ summary: 'x', channel: 'referral' }) }), at())
        .thenRefused('CASE.REFERRING_UNIT_REQUIRED', 'invalid');
    });

    it.each([
      ['of a planned visit', [scheduled], {}, 'VISIT.NOT_CONDUCTED'],
      ['of a cancelled visit', [scheduled, cancelled], {}, 'VISIT.NOT_CONDUCTED'],
      ['reusing a finding id for other content', [scheduled, conducted, finding], { text: 'Something else' }, 'VISIT.FINDING_ID_REUSED'],
      [
        'reusing a finding id for another case receipt',
        [scheduled, conducted, finding],
        { openCase: openCase({ summary: 'Another matter' }) },
        'VISIT.FINDING_ID_REUSED',
      ],
    ] as const)('refuses a finding %s', (_, given, overrides, code) => {
      visits.given(given).when(recordFinding(overrides), at()).thenRefused(code, 'conflict');
    });

    it('records a finding that opens no case', () => {
      visits
        .given([scheduled, conducted])
        .when(recordFinding({ findingId: 'f2', severity: null, openCase: null }), at())
        .then([
          {
            type: 'VisitFindingRecorded',
            data: { findingId: 'f2', text: 'Land recovered without notice', severity: null, caseId: null, caseReceipt: null },
          },
        ]);
    });

    it('refuses a finding whose case would go to a unit that is not active', () => {
      visits
        .given([scheduled, conducted])
        .when(recordFinding({ openCase: openCase({ unit: { unitId: 'old', status: 'abolished' } }) }), at())
        .thenRefused('VISIT.CASE_UNIT_NOT_ACTIVE', 'unprocessable');
    });
  });

  describe('RecordVisitFinding about an existing case', () => {
    const existing = { caseId: 'case-9', received: true, lastOccurredAt: '2017-03-05T08:00:00+07:00' };
    const about = (overrides: Partial<Extract<VisitCommand, { type: 'RecordVisitFinding' }>> = {}) =>
      recordFinding({ findingId: 'f9', openCase: null, concernsCase: existing, ...overrides });
    const linkedData = {
      findingId: 'f9',
      text: 'Land recovered without notice',
      severity: 'high' as const,
      caseId: 'case-9',
      caseReceipt: null,
    };

    it('names the case and carries no receipt, so the case stream records the link from it', () => {
      visits
        .given([scheduled, conducted])
        .when(about(), at('2017-03-09T18:00:00+07:00'))
        .then([{ type: 'VisitFindingRecorded', data: linkedData }]);
      const linked = fact<VisitEvent>({ type: 'VisitFindingRecorded', data: linkedData }, '2017-03-09T18:00:00+07:00');
      expect(visits.given([scheduled, conducted, linked]).state).toMatchObject({
        findings: [{ findingId: 'f9', caseId: 'case-9', caseLink: 'concerns' }],
      });
      // A faithful repeat records nothing, even once the case has moved on.
      visits
        .given([scheduled, conducted, linked])
        .when(about({ concernsCase: { ...existing, lastOccurredAt: '2017-03-20T08:00:00+07:00' } }), at('2017-03-21T08:00:00+07:00'))
        .then([]);
    });

    it.each([
      [
        'a case never received',
        about({ concernsCase: { caseId: 'case-0', received: false, lastOccurredAt: null } }),
        'VISIT.FINDING_CASE_UNKNOWN',
        'unprocessable',
      ],
      [
        "dated before the case's last fact",
        about({ concernsCase: { ...existing, lastOccurredAt: '2017-03-10T08:00:00+07:00' } }),
        'VISIT.FINDING_BEFORE_CASE_FACT',
        'conflict',
      ],
      ['that also opens a case', about({ openCase: openCase() }), 'VISIT.FINDING_CASE_AMBIGUOUS', 'invalid'],
    ] as const)('refuses a finding about %s', (_, command, code, kind) => {
      visits.given([scheduled, conducted]).when(command, at('2017-03-09T18:00:00+07:00')).thenRefused(code, kind);
    });
  });

  describe('corrections', () => {
    const registeredOfficials = [official('nguyen-van-a'), official('tran-thi-b')];
    const correct = (eventId: string, fields: Record<string, unknown>, officials = registeredOfficials): VisitCommand => ({
      type: 'CorrectVisitEvent',
      eventId,
      reason: 'Recorded wrongly',
      fields: fields as never,
      officials,
    });

    it('corrects the purpose, and the fold reads the corrected value', () => {
      visits
        .given([scheduled])
        .when(correct(scheduled.eventId, { purpose: 'Check the recovery of land' }), at())
        .then([
          {
            type: 'EventCorrected',
            data: { correctedEventId: scheduled.eventId, reason: 'Recorded wrongly', fields: { purpose: 'Check the recovery of land' } },
          },
        ]);
      const correction = fact<VisitEvent>(
        {
          type: 'EventCorrected',
          data: { correctedEventId: scheduled.eventId, reason: 'x', fields: { purpose: 'Check the recovery of land' } },
        },
        '2017-03-10T08:00:00+07:00',
      );
      expect(visits.given([scheduled, correction]).state).toMatchObject({ purpose: 'Check the recovery of land' });
    });

    it('corrects the conduct times and who was present', () => {
      const fields = { startedAt: '2017-03-09T09:00:00+07:00', presentParticipants: ['nguyen-van-a', 'tran-thi-b'] };
      visits
        .given([scheduled, conducted])
        .when(correct(conducted.eventId, fields), at())
        .then([{ type: 'EventCorrected', data: { correctedEventId: conducted.eventId, reason: 'Recorded wrongly', fields } }]);
    });

    it.each([
      ['an unknown event', '00000000-0000-4000-8000-999999999999', { purpose: 'X' }, 'CORRECTION.UNKNOWN_EVENT'],
      ['a field that cannot be corrected', undefined, { unitId: 'elsewhere' }, 'CORRECTION.FIELD_NOT_CORRECTABLE'],
      ['an invalid value', undefined, { kind: 'occasional' }, 'CORRECTION.INVALID_VALUE'],
      ['nothing', undefined, {}, 'CORRECTION.EMPTY'],
    ])('refuses correcting %s', (_, eventId, fields, code) => {
      visits
        .given([scheduled])
        .when(correct(eventId ?? scheduled.eventId, fields), at())
        .thenRefused(code);
    });

    it('refuses a correction that makes the visit end before it started', () => {
      visits
        .given([scheduled, conducted])
        .when(correct(conducted.eventId, { startedAt: '2017-03-09T12:00:00+07:00' }), at())
        .thenRefused('VISIT.ENDS_BEFORE_START', 'invalid');
    });

    it('refuses present participants the ledger does not know', () => {
      visits
        .given([scheduled, conducted])
        .when(
          correct(conducted.eventId, { presentParticipants: ['nguyen-van-a', 'ghost'] }, [
            official('nguyen-van-a'),
            official('ghost', 'unregistered'),
          ]),
          at(),
        )
        .thenRefused('VISIT.PARTICIPANT_UNKNOWN', 'unprocessable');
    });

    it('refuses present participants named twice', () => {
      visits
        .given([scheduled, conducted])
        .when(correct(conducted.eventId, { presentParticipants: ['a', 'a'] }), at())
        .thenRefused('CORRECTION.INVALID_VALUE');
    });
  });
});
