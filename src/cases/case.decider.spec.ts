import { caseDecider, type CaseCommand, type UnitLineage } from './case.decider.js';
import type { CaseCategory, CaseEvent } from './case.events.js';
import { context, fact, spec } from '../../test/support/given-when-then.js';
import type { Fact } from '../domain-kit/decider.js';
import { loadDefaultRules } from '../policies/default-rules.js';
import { RuleBook } from '../policies/rule-book.js';

const cases = spec(caseDecider);
const at = (occurredAt = '2017-03-09T08:00:00+07:00') => context(occurredAt);
const active = (unitId: string) => ({ unitId, status: 'active' as const });
/** The commune, under the district gia-loc, under the province hai-duong. */
const communeLineage: UnitLineage = { unitId: 'gia-tan', ancestorIds: ['gia-loc', 'hai-duong'] };
const districtLineage: UnitLineage = { unitId: 'gia-loc', ancestorIds: ['hai-duong'] };

/** The reporter as CaseIntake seals it (AES-256-GCM under the subject's key): the decider only carries it. */
const sealedReporter = {
  subjectId: 'reporter-case-1',
  alg: 'A256GCM' as const,
  iv: 'AAECAwQFBgcICQoL',
  ciphertext: 'c2VhbGVkIHJlcG9ydGVy',
  tag: 'AAECAwQFBgcICQoLDA0ODw==',
};

const receivedData = {
  caseId: 'case-1',
  unitId: 'gia-tan',
  category: 'reflection' as const,
  channel: 'hotline' as const,
  summary: 'Smell from the dye works',
  reporter: sealedReporter,
  sourceVisitId: null,
  referredFromUnitId: null,
};
const receivedCase = fact<CaseEvent>({ type: 'CaseReceived', data: receivedData }, '2017-03-01T08:00:00+07:00');
const on = (day: string, event: CaseEvent) => fact<CaseEvent>(event, `2017-03-${day}T08:00:00+07:00`);
const acknowledged = on('02', { type: 'CaseAcknowledged', data: { note: null } });
const assigned = on('02', { type: 'CaseAssigned', data: { officialId: 'official-1', unitId: null, dueAt: '2017-03-31T17:00:00+07:00' } });
const extended = on('03', {
  type: 'CaseDeadlineExtended',
  data: { previousDueAt: '2017-03-31T17:00:00+07:00', newDueAt: '2017-04-30T17:00:00+07:00', reason: 'Verification', extensionNumber: 1 },
});
const especiallyComplex = on('02', {
  type: 'CaseMarkedComplex',
  data: { complexity: 'especially-complex', reason: 'Two districts concerned' },
});
const escalated = on('04', { type: 'CaseEscalated', data: { fromUnitId: 'gia-tan', toUnitId: 'gia-loc', reason: 'Beyond the commune' } });
const resolved = on('05', { type: 'CaseResolved', data: { outcome: 'Works fined and filters installed' } });
const closed = on('06', { type: 'CaseClosed', data: { note: null } });

describe('case decider', () => {
  describe('ReceiveCase', () => {
    const receive = (overrides: Partial<Extract<CaseCommand, { type: 'ReceiveCase' }>> = {}): CaseCommand => ({
      type: 'ReceiveCase',
      caseId: 'case-1',
      unit: active('gia-tan'),
      category: 'reflection',
      channel: 'hotline',
      summary: 'Smell from the dye works',
      reporter: sealedReporter,
      sourceVisitId: null,
      referredFrom: null,
      ...overrides,
    });

    it('receives a case at an active unit', () => {
      cases
        .given([])
        .when(receive(), at())
        .then([{ type: 'CaseReceived', data: receivedData }]);
    });

    describe('a second-level complaint naming the first-level complaint it appeals', () => {
      const appeal = (firstLevel: NonNullable<Extract<CaseCommand, { type: 'ReceiveCase' }>['firstLevel']>) =>
        receive({ category: 'complaint-second-level', unit: active('gia-loc'), firstLevel });
      const complaint = { caseId: 'first-1', received: true as const, category: 'complaint' as const };
      const dueOn20th = '2017-03-20T23:59:59.999+07:00';

      it('is received once the first level has resolved it, and records which case it appeals', () => {
        cases
          .given([])
          .when(appeal({ ...complaint, resolvedAt: '2017-03-05T08:00:00+07:00', resolveDueAt: dueOn20th }), at())
          .then([
            {
              type: 'CaseReceived',
              data: { ...receivedData, unitId: 'gia-loc', category: 'complaint-second-level', firstLevelCaseId: 'first-1' },
            },
          ]);
      });

      it('is received when the first level let its resolution deadline pass unresolved', () => {
        cases
          .given([])
          .when(appeal({ ...complaint, resolvedAt: null, resolveDueAt: '2017-03-08T23:59:59.999+07:00' }), at())
          .then([
            {
              type: 'CaseReceived',
              data: { ...receivedData, unitId: 'gia-loc', category: 'complaint-second-level', firstLevelCaseId: 'first-1' },
            },
          ]);
      });

      it('is refused while the first level is still within its time, unresolved', () => {
        cases
          .given([])
          .when(appeal({ ...complaint, resolvedAt: null, resolveDueAt: dueOn20th }), at())
          .thenRefused('CASE.FIRST_LEVEL_PENDING', 'conflict');
        cases
          .given([])
          .when(appeal({ ...complaint, resolvedAt: null, resolveDueAt: null }), at())
          .thenRefused('CASE.FIRST_LEVEL_PENDING', 'conflict');
      });

      it('is refused for a case never received, or one that is not a complaint', () => {
        cases
          .given([])
          .when(appeal({ caseId: 'nothing', received: false }), at())
          .thenRefused('CASE.FIRST_LEVEL_NOT_FOUND', 'unprocessable');
        cases
          .given([])
          .when(appeal({ ...complaint, category: 'denunciation', resolvedAt: '2017-03-05T08:00:00+07:00', resolveDueAt: null }), at())
          .thenRefused('CASE.FIRST_LEVEL_NOT_A_COMPLAINT', 'unprocessable');
      });

      it('is refused on a case of another category than complaint-second-level', () => {
        cases
          .given([])
          .when(
            receive({ category: 'complaint', firstLevel: { ...complaint, resolvedAt: '2017-03-05T08:00:00+07:00', resolveDueAt: null } }),
            at(),
          )
          .thenRefused('CASE.FIRST_LEVEL_UNEXPECTED', 'invalid');
      });
    });

    it("records the hash of the submitter's status token, never more of it", () => {
      const statusTokenHash = 'a'.repeat(64);
      cases
        .given([])
        .when(receive({ statusTokenHash }), at())
        .then([{ type: 'CaseReceived', data: { ...receivedData, statusTokenHash } }]);
    });

    it('receives a referral naming the referring unit, and a case from a visit', () => {
      cases
        .given([])
        .when(receive({ channel: 'referral', referredFrom: { unitId: 'tu-ky', status: 'merged' }, sourceVisitId: 'visit-7' }), at())
        .then([
          { type: 'CaseReceived', data: { ...receivedData, channel: 'referral', referredFromUnitId: 'tu-ky', sourceVisitId: 'visit-7' } },
        ]);
    });

    it('carries an anonymous report without a reporter', () => {
      cases
        .given([])
        .when(receive({ reporter: null }), at())
        .then([{ type: 'CaseReceived', data: { ...receivedData, reporter: null } }]);
    });

    it('keeps the sealed reporter in the state, never a plaintext one', () => {
      expect(cases.given([receivedCase]).state).toMatchObject({ reporter: sealedReporter });
    });

    it('starts the timeline at the receipt', () => {
      expect(cases.given([receivedCase]).state).toMatchObject({
        status: 'open',
        currentUnitId: 'gia-tan',
        receivedAt: '2017-03-01T08:00:00+07:00',
        unitHistory: [{ unitId: 'gia-tan', since: '2017-03-01T08:00:00+07:00' }],
      });
    });

    it.each([
      ['twice', [receivedCase], receive(), 'CASE.ALREADY_RECEIVED', 'conflict'],
      ['at an unknown unit', [], receive({ unit: { unitId: 'nowhere', status: 'unregistered' } }), 'CASE.UNIT_NOT_ACTIVE', 'unprocessable'],
      ['at an abolished unit', [], receive({ unit: { unitId: 'old', status: 'abolished' } }), 'CASE.UNIT_NOT_ACTIVE', 'unprocessable'],
      ['a referral without its referring unit', [], receive({ channel: 'referral' }), 'CASE.REFERRING_UNIT_REQUIRED', 'invalid'],
      [
        'a referring unit on another channel',
        [],
        receive({ referredFrom: active('gia-loc') }),
        'CASE.REFERRING_UNIT_UNEXPECTED',
        'invalid',
      ],
      [
        'a referral from the unit itself',
        [],
        receive({ channel: 'referral', referredFrom: active('gia-tan') }),
        'CASE.REFERRED_TO_ITSELF',
        'invalid',
      ],
      [
        'a referral from an unknown unit',
        [],
        receive({ channel: 'referral', referredFrom: { unitId: 'x', status: 'unregistered' } }),
        'CASE.REFERRING_UNIT_UNKNOWN',
        'unprocessable',
      ],
    ] as const)('refuses receiving %s', (_, given, command, code, kind) => {
      cases.given(given).when(command, at()).thenRefused(code, kind);
    });

    it('refuses a receipt dated in the future', () => {
      cases.given([]).when(receive(), context('2027-01-01T00:00:00Z')).thenRefused('OCCURRED_AT.IN_FUTURE', 'invalid');
    });
  });

  describe('on an unknown case', () => {
    it.each<CaseCommand>([
      { type: 'AcknowledgeCase', note: null },
      { type: 'ResolveCase', outcome: 'x' },
      { type: 'ReopenCase', reason: 'x' },
      { type: 'CorrectCaseEvent', eventId: receivedCase.eventId, reason: 'x', fields: { summary: 'y' } },
    ])('refuses $type with CASE.NOT_FOUND', (command) => {
      cases.given([]).when(command, at()).thenRefused('CASE.NOT_FOUND', 'not-found');
    });
  });

  describe('occurredAt', () => {
    it('refuses a fact before the receipt', () => {
      cases
        .given([receivedCase])
        .when({ type: 'AcknowledgeCase', note: null }, at('2017-02-28T08:00:00+07:00'))
        .thenRefused('OCCURRED_AT.BEFORE_PREVIOUS', 'conflict');
    });

    it('refuses a fact before the previous fact', () => {
      cases
        .given([receivedCase, escalated])
        .when({ type: 'RecordCaseAction', description: 'Called the works' }, at('2017-03-03T08:00:00+07:00'))
        .thenRefused('OCCURRED_AT.BEFORE_PREVIOUS', 'conflict');
    });

    it('refuses a fact in the future', () => {
      cases
        .given([receivedCase])
        .when({ type: 'AcknowledgeCase', note: null }, context('2026-11-29T00:00:00Z'))
        .thenRefused('OCCURRED_AT.IN_FUTURE', 'invalid');
    });

    it('accepts a fact at the same time as the previous one', () => {
      cases
        .given([receivedCase])
        .when({ type: 'AcknowledgeCase', note: null }, at('2017-03-01T08:00:00+07:00'))
        .then([{ type: 'CaseAcknowledged', data: { note: null } }]);
    });
  });

  describe('AcknowledgeCase', () => {
    it('acknowledges once', () => {
      cases
        .given([receivedCase])
        .when({ type: 'AcknowledgeCase', note: 'Called back' }, at())
        .then([{ type: 'CaseAcknowledged', data: { note: 'Called back' } }]);
      expect(cases.given([receivedCase, acknowledged]).state).toMatchObject({ acknowledgedAt: '2017-03-02T08:00:00+07:00' });
    });

    it.each([
      ['twice', [receivedCase, acknowledged], 'CASE.ALREADY_ACKNOWLEDGED'],
      ['a resolved case', [receivedCase, resolved], 'CASE.RESOLVED'],
      ['a closed case', [receivedCase, resolved, closed], 'CASE.CLOSED'],
    ])('refuses acknowledging %s', (_, given, code) => {
      cases.given(given).when({ type: 'AcknowledgeCase', note: null }, at('2017-03-10T08:00:00+07:00')).thenRefused(code, 'conflict');
    });
  });

  describe('the official a clerk records for', () => {
    it('names the official who acknowledged or acted, and leaves the fact as before without one', () => {
      cases
        .given([receivedCase])
        .when({ type: 'AcknowledgeCase', note: null, byOfficialId: 'official-1' }, at())
        .then([{ type: 'CaseAcknowledged', data: { note: null, byOfficialId: 'official-1' } }]);
      cases
        .given([receivedCase])
        .when({ type: 'RecordCaseAction', description: 'Met the works owner', byOfficialId: 'official-1' }, at())
        .then([{ type: 'CaseActionRecorded', data: { description: 'Met the works owner', byOfficialId: 'official-1' } }]);
      cases
        .given([receivedCase])
        .when({ type: 'RecordCaseAction', description: 'Met the works owner', byOfficialId: null }, at())
        .then([{ type: 'CaseActionRecorded', data: { description: 'Met the works owner' } }]);
    });
  });

  describe('ClassifyCase', () => {
    const mustReport = on('02', { type: 'CaseClassified', data: { classification: 'must-report', reason: 'Pollution near a school' } });

    it('classifies, and may reclassify differently as the matter becomes clearer', () => {
      cases
        .given([receivedCase])
        .when({ type: 'ClassifyCase', classification: 'must-report', reason: 'Pollution near a school' }, at())
        .then([{ type: 'CaseClassified', data: { classification: 'must-report', reason: 'Pollution near a school' } }]);
      cases
        .given([receivedCase, mustReport])
        .when({ type: 'ClassifyCase', classification: 'within-authority', reason: 'Commune can fine' }, at())
        .then([{ type: 'CaseClassified', data: { classification: 'within-authority', reason: 'Commune can fine' } }]);
      expect(cases.given([receivedCase, mustReport]).state).toMatchObject({
        classification: 'must-report',
        classifiedAt: '2017-03-02T08:00:00+07:00',
      });
    });

    it.each([
      ['the same way twice', [receivedCase, mustReport], 'CASE.ALREADY_CLASSIFIED'],
      ['a resolved case', [receivedCase, resolved], 'CASE.RESOLVED'],
    ])('refuses classifying %s', (_, given, code) => {
      cases.given(given).when({ type: 'ClassifyCase', classification: 'must-report', reason: 'x' }, at()).thenRefused(code, 'conflict');
    });
  });

  describe('AssignCase', () => {
    const assign = (overrides: Partial<Extract<CaseCommand, { type: 'AssignCase' }>> = {}): CaseCommand => ({
      type: 'AssignCase',
      officialId: 'official-1',
      unit: null,
      dueAt: '2017-03-31T17:00:00+07:00',
      ...overrides,
    });

    it('assigns to an official, or to a unit, with a due date', () => {
      cases
        .given([receivedCase])
        .when(assign(), at())
        .then([{ type: 'CaseAssigned', data: { officialId: 'official-1', unitId: null, dueAt: '2017-03-31T17:00:00+07:00' } }]);
      cases
        .given([receivedCase])
        .when(assign({ officialId: null, unit: active('gia-tan') }), at())
        .then([{ type: 'CaseAssigned', data: { officialId: null, unitId: 'gia-tan', dueAt: '2017-03-31T17:00:00+07:00' } }]);
      expect(cases.given([receivedCase, assigned]).state).toMatchObject({
        assignee: { officialId: 'official-1', unitId: null },
        dueAt: '2017-03-31T17:00:00+07:00',
      });
    });

    it('reassigns keeping or shortening the due date', () => {
      cases
        .given([receivedCase, assigned])
        .when(assign({ officialId: 'official-2' }), at())
        .then([{ type: 'CaseAssigned', data: { officialId: 'official-2', unitId: null, dueAt: '2017-03-31T17:00:00+07:00' } }]);
    });

    it.each([
      ['to nobody', [receivedCase], assign({ officialId: null }), 'CASE.ASSIGNEE_REQUIRED', 'invalid'],
      ['to an official and a unit at once', [receivedCase], assign({ unit: active('gia-tan') }), 'CASE.ASSIGNEE_REQUIRED', 'invalid'],
      [
        'to a merged unit',
        [receivedCase],
        assign({ officialId: null, unit: { unitId: 'old', status: 'merged' } }),
        'CASE.UNIT_NOT_ACTIVE',
        'unprocessable',
      ],
      [
        'due before the assignment',
        [receivedCase],
        assign({ dueAt: '2017-03-09T07:00:00+07:00' }),
        'CASE.DUE_NOT_AFTER_OCCURRED_AT',
        'invalid',
      ],
      [
        'with a later due date than the current one',
        [receivedCase, assigned],
        assign({ dueAt: '2017-04-30T17:00:00+07:00' }),
        'CASE.DUE_LATER_THAN_CURRENT',
        'conflict',
      ],
      ['a resolved case', [receivedCase, resolved], assign(), 'CASE.RESOLVED', 'conflict'],
      ['a closed case', [receivedCase, resolved, closed], assign(), 'CASE.CLOSED', 'conflict'],
    ] as const)('refuses assigning %s', (_, given, command, code, kind) => {
      cases.given(given).when(command, at()).thenRefused(code, kind);
    });
  });

  describe('RecordCaseAction', () => {
    it('records what was done, the first action starting the clock', () => {
      cases
        .given([receivedCase])
        .when({ type: 'RecordCaseAction', description: 'Inspected the works' }, at())
        .then([{ type: 'CaseActionRecorded', data: { description: 'Inspected the works' } }]);
      const first = on('02', { type: 'CaseActionRecorded', data: { description: 'a' } });
      const second = on('03', { type: 'CaseActionRecorded', data: { description: 'b' } });
      expect(cases.given([receivedCase, first, second]).state).toMatchObject({
        firstActionAt: '2017-03-02T08:00:00+07:00',
        actionCount: 2,
      });
    });

    it('refuses an action on a closed case', () => {
      cases
        .given([receivedCase, resolved, closed])
        .when({ type: 'RecordCaseAction', description: 'x' }, at('2017-03-10T08:00:00+07:00'))
        .thenRefused('CASE.CLOSED', 'conflict');
    });
  });

  describe('MarkCaseComplex', () => {
    const complex = on('02', { type: 'CaseMarkedComplex', data: { complexity: 'complex', reason: 'Many complainants' } });

    it('marks complex, then especially complex', () => {
      cases
        .given([receivedCase])
        .when({ type: 'MarkCaseComplex', complexity: 'complex', reason: 'Many complainants' }, at())
        .then([{ type: 'CaseMarkedComplex', data: { complexity: 'complex', reason: 'Many complainants' } }]);
      cases
        .given([receivedCase, complex])
        .when({ type: 'MarkCaseComplex', complexity: 'especially-complex', reason: 'Two districts' }, at())
        .then([{ type: 'CaseMarkedComplex', data: { complexity: 'especially-complex', reason: 'Two districts' } }]);
    });

    it.each([
      ['the same twice', [receivedCase, complex], 'complex' as const, 'CASE.ALREADY_MARKED_COMPLEX'],
      ['down from especially complex', [receivedCase, especiallyComplex], 'complex' as const, 'CASE.COMPLEXITY_DOWNGRADE'],
      ['a resolved case', [receivedCase, resolved], 'complex' as const, 'CASE.RESOLVED'],
    ])('refuses marking %s', (_, given, complexity, code) => {
      cases.given(given).when({ type: 'MarkCaseComplex', complexity, reason: 'x' }, at()).thenRefused(code, 'conflict');
    });
  });

  describe('ReportCaseUpward', () => {
    const report = (toUnitId: string, lineage = communeLineage): CaseCommand => ({
      type: 'ReportCaseUpward',
      officialId: 'official-1',
      to: active(toUnitId),
      lineage,
      summary: null,
    });

    it('reports to any unit above the current one, the first report starting the clock', () => {
      cases
        .given([receivedCase])
        .when(report('hai-duong'), at())
        .then([
          { type: 'CaseReportedUpward', data: { officialId: 'official-1', toUnitId: 'hai-duong', fromUnitId: 'gia-tan', summary: null } },
        ]);
      const reported = on('02', {
        type: 'CaseReportedUpward',
        data: { officialId: 'official-1', toUnitId: 'gia-loc', fromUnitId: 'gia-tan', summary: null },
      });
      expect(cases.given([receivedCase, reported]).state).toMatchObject({ reportedUpwardAt: '2017-03-02T08:00:00+07:00' });
    });

    it('reports a resolved case (a late report is still a report)', () => {
      cases
        .given([receivedCase, resolved])
        .when(report('gia-loc'), at())
        .then([
          { type: 'CaseReportedUpward', data: { officialId: 'official-1', toUnitId: 'gia-loc', fromUnitId: 'gia-tan', summary: null } },
        ]);
    });

    it.each([
      ['to a unit not above', [receivedCase], report('tu-ky'), 'CASE.REPORT_NOT_UPWARD', 'conflict'],
      ['to the unit itself', [receivedCase], report('gia-tan'), 'CASE.REPORT_NOT_UPWARD', 'conflict'],
      ['with the lineage of a unit the case left', [receivedCase, escalated], report('hai-duong'), 'CASE.UNIT_CHANGED', 'conflict'],
      ['a closed case', [receivedCase, resolved, closed], report('gia-loc'), 'CASE.CLOSED', 'conflict'],
    ] as const)('refuses reporting %s', (_, given, command, code, kind) => {
      cases.given(given).when(command, at()).thenRefused(code, kind);
    });

    it('refuses reporting to an abolished unit above', () => {
      cases
        .given([receivedCase])
        .when(
          {
            type: 'ReportCaseUpward',
            officialId: 'official-1',
            to: { unitId: 'gia-loc', status: 'abolished' },
            lineage: communeLineage,
            summary: null,
          },
          at(),
        )
        .thenRefused('CASE.UNIT_NOT_ACTIVE', 'unprocessable');
    });
  });

  describe('RecordUpperLevelInformed', () => {
    const informed = (unitId: string, lineage = communeLineage): CaseCommand => ({
      type: 'RecordUpperLevelInformed',
      unitId,
      channel: 'media',
      note: 'Read it in the provincial paper',
      lineage,
    });

    it("takes the District Standing Committee, attached to the district above the commune, as an upper level; not the commune's own Party committee", () => {
      const atLocality = (unitId: string, localityId: string): CaseCommand => ({ ...informed(unitId), localityId }) as CaseCommand;
      cases
        .given([receivedCase])
        .when(atLocality('btv-huyen-uy-gia-loc', 'gia-loc'), at())
        .then([
          {
            type: 'UpperLevelInformed',
            data: { unitId: 'btv-huyen-uy-gia-loc', channel: 'media', note: 'Read it in the provincial paper' },
          },
        ]);
      cases.given([receivedCase]).when(atLocality('dang-uy-gia-tan', 'gia-tan'), at()).thenRefused('CASE.NOT_UPPER_LEVEL', 'conflict');
      cases
        .given([receivedCase])
        .when(
          {
            type: 'ReportCaseUpward',
            officialId: 'official-1',
            to: active('huyen-uy-gia-loc'),
            toLocalityId: 'gia-loc',
            lineage: communeLineage,
            summary: null,
          },
          at(),
        )
        .then([
          {
            type: 'CaseReportedUpward',
            data: { officialId: 'official-1', toUnitId: 'huyen-uy-gia-loc', fromUnitId: 'gia-tan', summary: null },
          },
        ]);
    });

    it('records that the upper level learned first, even before any upward report', () => {
      cases
        .given([receivedCase])
        .when(informed('hai-duong'), at())
        .then([{ type: 'UpperLevelInformed', data: { unitId: 'hai-duong', channel: 'media', note: 'Read it in the provincial paper' } }]);
      const notice = on('02', { type: 'UpperLevelInformed', data: { unitId: 'hai-duong', channel: 'media', note: null } });
      expect(cases.given([receivedCase, notice]).state).toMatchObject({
        upperLevelInformedAt: '2017-03-02T08:00:00+07:00',
        reportedUpwardAt: null,
      });
    });

    it.each([
      ['by a unit not above', [receivedCase], informed('tu-ky'), 'CASE.NOT_UPPER_LEVEL'],
      ['with a stale lineage', [receivedCase, escalated], informed('hai-duong'), 'CASE.UNIT_CHANGED'],
      ['on a closed case', [receivedCase, resolved, closed], informed('hai-duong'), 'CASE.CLOSED'],
    ] as const)('refuses a notice %s', (_, given, command, code) => {
      cases.given(given).when(command, at()).thenRefused(code, 'conflict');
    });
  });

  describe('EscalateCase', () => {
    const escalate = (toUnitId: string, lineage = communeLineage): CaseCommand => ({
      type: 'EscalateCase',
      to: active(toUnitId),
      lineage,
      reason: 'Beyond the commune',
    });

    it('escalates to a unit above, which becomes the current unit and starts a new handling period', () => {
      cases
        .given([receivedCase])
        .when(escalate('gia-loc'), at())
        .then([{ type: 'CaseEscalated', data: { fromUnitId: 'gia-tan', toUnitId: 'gia-loc', reason: 'Beyond the commune' } }]);
      expect(cases.given([receivedCase, assigned, extended, escalated]).state).toMatchObject({
        currentUnitId: 'gia-loc',
        receivedUnitId: 'gia-tan',
        unitHistory: [
          { unitId: 'gia-tan', since: '2017-03-01T08:00:00+07:00' },
          { unitId: 'gia-loc', since: '2017-03-04T08:00:00+07:00' },
        ],
        assignee: null,
        dueAt: null,
        extensions: 0,
      });
    });

    it('escalates again from the new unit', () => {
      cases
        .given([receivedCase, escalated])
        .when(escalate('hai-duong', districtLineage), at())
        .then([{ type: 'CaseEscalated', data: { fromUnitId: 'gia-loc', toUnitId: 'hai-duong', reason: 'Beyond the commune' } }]);
    });

    it.each([
      ['to a unit not above', [receivedCase], escalate('tu-ky'), 'CASE.ESCALATION_NOT_UPWARD', 'conflict'],
      ['back down', [receivedCase, escalated], escalate('gia-tan', districtLineage), 'CASE.ESCALATION_NOT_UPWARD', 'conflict'],
      ['to the current unit', [receivedCase], escalate('gia-tan'), 'CASE.ESCALATION_NOT_UPWARD', 'conflict'],
      ['with a stale lineage', [receivedCase, escalated], escalate('hai-duong'), 'CASE.UNIT_CHANGED', 'conflict'],
      ['a resolved case', [receivedCase, resolved], escalate('gia-loc'), 'CASE.RESOLVED', 'conflict'],
    ] as const)('refuses escalating %s', (_, given, command, code, kind) => {
      cases.given(given).when(command, at()).thenRefused(code, kind);
    });

    it('refuses escalating to a merged unit above', () => {
      cases
        .given([receivedCase])
        .when({ type: 'EscalateCase', to: { unitId: 'gia-loc', status: 'merged' }, lineage: communeLineage, reason: 'x' }, at())
        .thenRefused('CASE.UNIT_NOT_ACTIVE', 'unprocessable');
    });
  });

  describe('ExtendCaseDeadline', () => {
    // The law's allowance comes from the rule book: the shipped rules here, as the service loads them.
    const rules = new RuleBook(loadDefaultRules());
    const extend = (newDueAt: string): CaseCommand => ({ type: 'ExtendCaseDeadline', newDueAt, reason: 'Verification', rules });
    const day = (date: string, event: CaseEvent) => fact<CaseEvent>(event, `2025-${date}T08:00:00+07:00`);
    const receipt = (category: CaseCategory) => day('03-03', { type: 'CaseReceived', data: { ...receivedData, category } });
    const accepted = day('03-04', { type: 'CaseAcknowledged', data: { note: null } });
    const assignedTo = (date: string, dueAt: string) =>
      day(date, { type: 'CaseAssigned', data: { officialId: 'official-1', unitId: null, dueAt: `2025-${dueAt}T17:00:00+07:00` } });
    const marked = (complexity: 'complex' | 'especially-complex') =>
      day('03-05', { type: 'CaseMarkedComplex', data: { complexity, reason: 'Two communes concerned' } });
    const extendedTo = (date: string, from: string, to: string, extensionNumber: number) =>
      day(date, {
        type: 'CaseDeadlineExtended',
        data: {
          previousDueAt: `2025-${from}T17:00:00+07:00`,
          newDueAt: `2025-${to}T17:00:00+07:00`,
          reason: 'Verification',
          extensionNumber,
        },
      });
    const extension = (from: string, to: string, extensionNumber: number) => [
      {
        type: 'CaseDeadlineExtended',
        data: {
          previousDueAt: `2025-${from}T17:00:00+07:00`,
          newDueAt: `2025-${to}T17:00:00+07:00`,
          reason: 'Verification',
          extensionNumber,
        },
      },
    ];
    const on20March = at('2025-03-20T08:00:00+07:00');
    const refusal = (given: Fact<CaseEvent>[], command: CaseCommand) => {
      try {
        caseDecider.decide(command, cases.given(given).state, on20March);
      } catch (error) {
        return error;
      }
      return null;
    };

    it('refuses extending a complaint not marked complex: complaint-resolve-2012 allows none', () => {
      const given = [receipt('complaint'), accepted, assignedTo('03-04', '03-31')];
      cases.given(given).when(extend('2025-04-15T17:00:00+07:00'), on20March).thenRefused('CASE.EXTENSIONS_EXHAUSTED', 'conflict');
      expect(refusal(given, extend('2025-04-15T17:00:00+07:00'))).toMatchObject({
        details: { ruleId: 'complaint-resolve-2012', step: 'resolve', allowed: 0, extensions: 0 },
      });
    });

    it('extends a complaint marked complex once (45 days, Law on Complaints art. 28), and not twice', () => {
      const given = [receipt('complaint'), accepted, marked('complex'), assignedTo('03-05', '03-31')];
      cases
        .given(given)
        .when(extend('2025-04-15T17:00:00+07:00'), on20March)
        .then(extension('03-31', '04-15', 1));
      cases
        .given([...given, extendedTo('03-19', '03-31', '04-15', 1)])
        .when(extend('2025-04-30T17:00:00+07:00'), on20March)
        .thenRefused('CASE.EXTENSIONS_EXHAUSTED', 'conflict');
    });

    it('extends an especially complex denunciation twice, not three times (Law on Denunciations art. 30)', () => {
      const given = [receipt('denunciation'), accepted, marked('especially-complex'), assignedTo('03-05', '03-31')];
      const first = extendedTo('03-10', '03-31', '04-30', 1);
      cases
        .given([...given, first])
        .when(extend('2025-05-30T17:00:00+07:00'), on20March)
        .then(extension('04-30', '05-30', 2));
      cases
        .given([...given, first, extendedTo('03-11', '04-30', '05-30', 2)])
        .when(extend('2025-06-30T17:00:00+07:00'), on20March)
        .thenRefused('CASE.EXTENSIONS_EXHAUSTED', 'conflict');
    });

    it("extends a denunciation's acceptance once, for verification, before it is accepted (art. 24)", () => {
      const given = [receipt('denunciation'), assignedTo('03-03', '03-10')];
      cases
        .given(given)
        .when(extend('2025-03-25T17:00:00+07:00'), at('2025-03-06T08:00:00+07:00'))
        .then(extension('03-10', '03-25', 1));
      expect(refusal([...given, extendedTo('03-06', '03-10', '03-25', 1)], extend('2025-03-30T17:00:00+07:00'))).toMatchObject({
        code: 'CASE.EXTENSIONS_EXHAUSTED',
        details: { ruleId: 'denunciation-accept-2019', step: 'acknowledge' },
      });
    });

    it("does not renew the law's allowance on escalation: the rule's clock runs on, as the timeline counts it", () => {
      const escalatedOn = day('03-12', {
        type: 'CaseEscalated',
        data: { fromUnitId: 'gia-tan', toUnitId: 'gia-loc', reason: 'Beyond the commune' },
      });
      const given = [
        receipt('complaint'),
        accepted,
        marked('complex'),
        assignedTo('03-05', '03-31'),
        extendedTo('03-10', '03-31', '04-15', 1),
        escalatedOn,
        assignedTo('03-13', '04-10'),
      ];
      expect(cases.given(given).state).toMatchObject({ currentUnitId: 'gia-loc', dueAt: '2025-04-10T17:00:00+07:00', extensions: 0 });
      cases.given(given).when(extend('2025-04-30T17:00:00+07:00'), on20March).thenRefused('CASE.EXTENSIONS_EXHAUSTED', 'conflict');
    });

    it('bounds nothing when no rule of the rule book runs for the handling (an incident: only its upward report has a limit)', () => {
      const given = [receipt('incident'), assignedTo('03-03', '03-10'), extendedTo('03-04', '03-10', '03-20', 1)];
      cases
        .given(given)
        .when(extend('2025-03-30T17:00:00+07:00'), at('2025-03-05T08:00:00+07:00'))
        .then(extension('03-20', '03-30', 2));
      expect(cases.given(given).state).toMatchObject({ dueAt: '2025-03-20T17:00:00+07:00', extensions: 1 });
    });

    it.each([
      ['without a due date', [receipt('incident')], extend('2025-04-30T17:00:00+07:00'), 'CASE.NO_DEADLINE', 'conflict'],
      [
        'to an earlier date',
        [receipt('incident'), assignedTo('03-03', '03-31')],
        extend('2025-03-25T17:00:00+07:00'),
        'CASE.EXTENSION_NOT_LATER',
        'invalid',
      ],
      [
        'a closed case',
        [receipt('incident'), assignedTo('03-03', '03-31'), day('03-10', resolved), day('03-11', closed)],
        extend('2025-04-30T17:00:00+07:00'),
        'CASE.CLOSED',
        'conflict',
      ],
    ] as const)('refuses extending %s', (_, given, command, code, kind) => {
      cases.given(given).when(command, on20March).thenRefused(code, kind);
    });

    it('refuses a new due date before the time of the extension', () => {
      cases
        .given([receipt('incident'), assignedTo('03-03', '03-31')])
        .when(extend('2025-04-10T17:00:00+07:00'), at('2025-04-20T08:00:00+07:00'))
        .thenRefused('CASE.DUE_NOT_AFTER_OCCURRED_AT', 'invalid');
    });
  });

  describe('ResolveCase, CloseCase, ReopenCase', () => {
    it('resolves an open case, closes a resolved one, reopens a closed one', () => {
      cases
        .given([receivedCase])
        .when({ type: 'ResolveCase', outcome: 'Fined' }, at())
        .then([{ type: 'CaseResolved', data: { outcome: 'Fined' } }]);
      cases
        .given([receivedCase, resolved])
        .when({ type: 'CloseCase', note: null }, at())
        .then([{ type: 'CaseClosed', data: { note: null } }]);
      cases
        .given([receivedCase, resolved, closed])
        .when({ type: 'ReopenCase', reason: 'The smell is back' }, at())
        .then([{ type: 'CaseReopened', data: { reason: 'The smell is back' } }]);
      cases
        .given([receivedCase, resolved])
        .when({ type: 'ReopenCase', reason: 'The reporter disputes it' }, at())
        .then([{ type: 'CaseReopened', data: { reason: 'The reporter disputes it' } }]);
    });

    it('keeps the timeline: resolved and closed, then open again with a new handling period', () => {
      expect(cases.given([receivedCase, resolved, closed]).state).toMatchObject({
        status: 'closed',
        resolvedAt: '2017-03-05T08:00:00+07:00',
        closedAt: '2017-03-06T08:00:00+07:00',
        outcome: 'Works fined and filters installed',
      });
      const reopened = on('07', { type: 'CaseReopened', data: { reason: 'Back' } });
      expect(cases.given([receivedCase, assigned, resolved, closed, reopened]).state).toMatchObject({
        status: 'open',
        reopenedAt: '2017-03-07T08:00:00+07:00',
        reopenCount: 1,
        resolvedAt: null,
        closedAt: null,
        dueAt: null,
      });
    });

    it.each([
      ['resolving a resolved case', [receivedCase, resolved], { type: 'ResolveCase', outcome: 'x' }, 'CASE.RESOLVED'],
      ['resolving a closed case', [receivedCase, resolved, closed], { type: 'ResolveCase', outcome: 'x' }, 'CASE.CLOSED'],
      ['closing an open case', [receivedCase], { type: 'CloseCase', note: null }, 'CASE.NOT_RESOLVED'],
      ['closing a closed case', [receivedCase, resolved, closed], { type: 'CloseCase', note: null }, 'CASE.CLOSED'],
      ['reopening an open case', [receivedCase], { type: 'ReopenCase', reason: 'x' }, 'CASE.ALREADY_OPEN'],
    ] as const)('refuses %s', (_, given, command, code) => {
      cases.given(given).when(command, at()).thenRefused(code, 'conflict');
    });
  });

  describe('SuspendCase, ResumeCase', () => {
    const ground = 'Law on Denunciations 25/2018/QH14 art. 34; Decision 15/QĐ-UBND';
    const suspend: CaseCommand = { type: 'SuspendCase', reason: 'Awaiting a court judgment', legalGround: ground };
    const resume = (dueAt: string | null = null): CaseCommand => ({
      type: 'ResumeCase',
      reason: 'Judgment delivered',
      legalGround: ground,
      dueAt,
    });
    const suspended = on('10', { type: 'CaseSuspended', data: { reason: 'Awaiting a court judgment', legalGround: ground } });
    const resumed = on('20', { type: 'CaseResumed', data: { reason: 'Judgment delivered', legalGround: ground, dueAt: null } });

    it('suspends an accepted case with its reason and legal ground, and resumes it', () => {
      cases
        .given([receivedCase, acknowledged])
        .when(suspend, at('2017-03-10T08:00:00+07:00'))
        .then([{ type: 'CaseSuspended', data: { reason: 'Awaiting a court judgment', legalGround: ground } }]);
      cases
        .given([receivedCase, acknowledged, suspended])
        .when(resume(), at('2017-03-20T08:00:00+07:00'))
        .then([{ type: 'CaseResumed', data: { reason: 'Judgment delivered', legalGround: ground, dueAt: null } }]);
    });

    it('keeps each pause in the history and the one in force in the present', () => {
      const state = cases.given([receivedCase, acknowledged, suspended]).state;
      expect(state).toMatchObject({
        status: 'open',
        suspension: { at: '2017-03-10T08:00:00+07:00', eventId: suspended.eventId, legalGround: ground },
      });
      expect(cases.given([receivedCase, acknowledged, suspended, resumed]).state).toMatchObject({
        suspension: null,
        suspensions: [
          {
            suspended: { at: '2017-03-10T08:00:00+07:00', eventId: suspended.eventId, reason: 'Awaiting a court judgment' },
            resumed: { at: '2017-03-20T08:00:00+07:00', eventId: resumed.eventId, reason: 'Judgment delivered' },
          },
        ],
        moments: expect.arrayContaining([
          expect.objectContaining({ type: 'CaseSuspended' }),
          expect.objectContaining({ type: 'CaseResumed' }),
        ]),
      });
    });

    it("moves the handler's due date on resumption when it gives one, which a reassignment could not", () => {
      const newDue = '2017-04-20T17:00:00+07:00';
      cases
        .given([receivedCase, acknowledged, assigned, suspended])
        .when(resume(newDue), at('2017-03-20T08:00:00+07:00'))
        .then([{ type: 'CaseResumed', data: { reason: 'Judgment delivered', legalGround: ground, dueAt: newDue } }]);
      const movedOn = on('20', { type: 'CaseResumed', data: { reason: 'Judgment delivered', legalGround: ground, dueAt: newDue } });
      expect(cases.given([receivedCase, acknowledged, assigned, suspended, movedOn]).state).toMatchObject({ dueAt: newDue, extensions: 0 });
    });

    it.each([
      ['suspending a suspended case', [receivedCase, acknowledged, suspended], suspend, 'CASE.ALREADY_SUSPENDED'],
      ['suspending a case not yet accepted', [receivedCase], suspend, 'CASE.NOT_ACKNOWLEDGED'],
      ['suspending a resolved case', [receivedCase, acknowledged, resolved], suspend, 'CASE.RESOLVED'],
      ['suspending a closed case', [receivedCase, acknowledged, resolved, closed], suspend, 'CASE.CLOSED'],
      ['resuming a case that is not suspended', [receivedCase, acknowledged], resume(), 'CASE.NOT_SUSPENDED'],
      ['resuming a case resumed already', [receivedCase, acknowledged, suspended, resumed], resume(), 'CASE.NOT_SUSPENDED'],
      [
        'a new due date for a case without one',
        [receivedCase, acknowledged, suspended],
        resume('2017-04-20T17:00:00+07:00'),
        'CASE.NO_DEADLINE',
      ],
      ['resolving a suspended case', [receivedCase, acknowledged, suspended], { type: 'ResolveCase', outcome: 'x' }, 'CASE.SUSPENDED'],
      [
        'escalating a suspended case',
        [receivedCase, acknowledged, suspended],
        { type: 'EscalateCase', to: active('gia-loc'), lineage: communeLineage, reason: 'x' },
        'CASE.SUSPENDED',
      ],
      [
        'extending the deadline of a suspended case',
        [receivedCase, acknowledged, assigned, suspended],
        { type: 'ExtendCaseDeadline', newDueAt: '2017-04-30T17:00:00+07:00', reason: 'x', rules: new RuleBook(loadDefaultRules()) },
        'CASE.SUSPENDED',
      ],
    ] as const)('refuses %s', (_, given, command, code) => {
      cases.given(given).when(command, at('2017-03-25T08:00:00+07:00')).thenRefused(code, 'conflict');
    });

    it('refuses a resumption dated before its suspension', () => {
      cases
        .given([receivedCase, acknowledged, suspended])
        .when(resume(), at('2017-03-09T08:00:00+07:00'))
        .thenRefused('OCCURRED_AT.BEFORE_PREVIOUS');
    });

    it('lets the handler record actions and report upward while the handling is suspended', () => {
      cases
        .given([receivedCase, acknowledged, suspended])
        .when({ type: 'RecordCaseAction', description: 'Asked the court for its timetable' }, at('2017-03-12T08:00:00+07:00'))
        .then([{ type: 'CaseActionRecorded', data: { description: 'Asked the court for its timetable' } }]);
    });
  });

  describe('CorrectCaseEvent', () => {
    it('corrects the summary and category of the receipt, and the fold reads the corrected values', () => {
      const fields = { summary: 'Smell from the tannery', category: 'complaint' };
      cases
        .given([receivedCase])
        .when({ type: 'CorrectCaseEvent', eventId: receivedCase.eventId, reason: 'Misheard', fields }, at())
        .then([{ type: 'EventCorrected', data: { correctedEventId: receivedCase.eventId, reason: 'Misheard', fields } }]);
      const correction = on('09', { type: 'EventCorrected', data: { correctedEventId: receivedCase.eventId, reason: 'Misheard', fields } });
      expect(cases.given([receivedCase, correction]).state).toMatchObject({ summary: 'Smell from the tannery', category: 'complaint' });
    });

    it("corrects the due date of an assignment, and a closed case's record", () => {
      cases
        .given([receivedCase, assigned])
        .when({ type: 'CorrectCaseEvent', eventId: assigned.eventId, reason: 'Typo', fields: { dueAt: '2017-03-30T17:00:00+07:00' } }, at())
        .then([
          {
            type: 'EventCorrected',
            data: { correctedEventId: assigned.eventId, reason: 'Typo', fields: { dueAt: '2017-03-30T17:00:00+07:00' } },
          },
        ]);
      cases
        .given([receivedCase, resolved, closed])
        .when({ type: 'CorrectCaseEvent', eventId: resolved.eventId, reason: 'Typo', fields: { outcome: 'Fined' } }, at())
        .then([{ type: 'EventCorrected', data: { correctedEventId: resolved.eventId, reason: 'Typo', fields: { outcome: 'Fined' } } }]);
    });

    it.each([
      ['an unknown event', '00000000-0000-4000-8000-999999999999', { summary: 'x' }, 'CORRECTION.UNKNOWN_EVENT'],
      ['the unit of the receipt', undefined, { unitId: 'tu-ky' }, 'CORRECTION.FIELD_NOT_CORRECTABLE'],
      ['an unknown category', undefined, { category: 'gossip' }, 'CORRECTION.INVALID_VALUE'],
      ['the channel to referral', undefined, { channel: 'referral' }, 'CORRECTION.INVALID_VALUE'],
      ['an empty summary', undefined, { summary: ' ' }, 'CORRECTION.INVALID_VALUE'],
      ['nothing', undefined, {}, 'CORRECTION.EMPTY'],
    ])('refuses correcting %s', (_, eventId, fields, code) => {
      cases
        .given([receivedCase])
        .when({ type: 'CorrectCaseEvent', eventId: eventId ?? receivedCase.eventId, reason: 'x', fields }, at())
        .thenRefused(code);
    });

    it.each([
      ['an event type without correctable fields', () => closed, { note: 'x' }, 'CORRECTION.NOT_CORRECTABLE'],
      ['a due date without offset', () => assigned, { dueAt: '2017-03-30T17:00:00' }, 'CORRECTION.INVALID_VALUE'],
    ])('refuses correcting %s', (_, target, fields, code) => {
      cases
        .given([receivedCase, assigned, resolved, closed])
        .when({ type: 'CorrectCaseEvent', eventId: target().eventId, reason: 'x', fields }, at())
        .thenRefused(code);
    });
  });
});
