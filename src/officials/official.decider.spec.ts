import { officialDecider, type OfficialCommand } from './official.decider.js';
import type { OfficialEvent } from './official.events.js';
import { context, fact, spec } from '../../test/support/given-when-then.js';

const officials = spec(officialDecider);
const at = (occurredAt = '2017-03-09T08:00:00+07:00') => context(occurredAt);
const active = (unitId: string) => ({ unitId, status: 'active' as const });

const registered = fact<OfficialEvent>(
  {
    type: 'OfficialRegistered',
    data: { officialId: 'nguyen-van-a', fullName: 'Nguyễn Văn A', position: 'Huyện ủy viên', unitId: 'gia-loc' },
  },
  '2017-01-01T08:00:00+07:00',
);
const assigned = (assignmentId = 'a-1', from = '2017-01-01', to: string | null = null, unitId = 'xa-a') =>
  fact<OfficialEvent>(
    { type: 'ResponsibilityAssigned', data: { assignmentId, unitId, role: 'committee-member-in-charge', from, to } },
    '2017-01-02T08:00:00+07:00',
  );
const ended = (assignmentId = 'a-1', to = '2017-02-28') =>
  fact<OfficialEvent>({ type: 'ResponsibilityEnded', data: { assignmentId, to, reason: 'Reassigned' } }, '2017-03-01T08:00:00+07:00');
const left = fact<OfficialEvent>({ type: 'OfficialLeft', data: { reason: 'Retired', lastDay: '2017-03-01' } }, '2017-03-01T08:00:00+07:00');

const assign = (from: string, to: string | null = null, unitId = 'xa-a', assignmentId = 'a-2'): OfficialCommand => ({
  type: 'AssignResponsibility',
  assignmentId,
  unit: active(unitId),
  role: 'committee-member-in-charge',
  from,
  to,
});

describe('official decider', () => {
  describe('RegisterOfficial', () => {
    it('registers an official in an active home unit', () => {
      officials
        .given([])
        .when(
          {
            type: 'RegisterOfficial',
            officialId: 'nguyen-van-a',
            fullName: 'Nguyễn Văn A',
            position: 'Huyện ủy viên',
            unit: active('gia-loc'),
          },
          at(),
        )
        .then([
          {
            type: 'OfficialRegistered',
            data: { officialId: 'nguyen-van-a', fullName: 'Nguyễn Văn A', position: 'Huyện ủy viên', unitId: 'gia-loc' },
          },
        ]);
    });

    it.each([
      ['twice', [registered], active('gia-loc'), 'OFFICIAL.ALREADY_REGISTERED', 'conflict' as const],
      [
        'in an unknown unit',
        [],
        { unitId: 'nowhere', status: 'unregistered' as const },
        'OFFICIAL.UNIT_NOT_ACTIVE',
        'unprocessable' as const,
      ],
      ['in an abolished unit', [], { unitId: 'old', status: 'abolished' as const }, 'OFFICIAL.UNIT_NOT_ACTIVE', 'unprocessable' as const],
    ])('refuses registering %s', (_, given, unit, code, kind) => {
      officials
        .given(given)
        .when({ type: 'RegisterOfficial', officialId: 'nguyen-van-a', fullName: 'X', position: 'Y', unit }, at())
        .thenRefused(code, kind);
    });

    it('refuses a registration dated in the future', () => {
      officials
        .given([])
        .when(
          { type: 'RegisterOfficial', officialId: 'x', fullName: 'X', position: 'Y', unit: active('gia-loc') },
          context('2027-01-01T00:00:00Z'),
        )
        .thenRefused('OCCURRED_AT.IN_FUTURE', 'invalid');
    });
  });

  describe('ChangePosition', () => {
    it('changes the position, remembering the previous one', () => {
      officials
        .given([registered])
        .when({ type: 'ChangePosition', position: 'Phó Bí thư' }, at())
        .then([{ type: 'OfficialPositionChanged', data: { position: 'Phó Bí thư', previousPosition: 'Huyện ủy viên' } }]);
    });

    it.each([
      ['of an unregistered official', [], 'Phó Bí thư', 'OFFICIAL.NOT_FOUND'],
      ['to the same position', [registered], 'Huyện ủy viên', 'OFFICIAL.SAME_POSITION'],
      ['of an official who left', [registered, left], 'Phó Bí thư', 'OFFICIAL.LEFT'],
    ])('refuses a change %s', (_, given, position, code) => {
      officials.given(given).when({ type: 'ChangePosition', position }, at()).thenRefused(code);
    });

    it('refuses a fact dated before the last one recorded', () => {
      officials
        .given([registered])
        .when({ type: 'ChangePosition', position: 'Phó Bí thư' }, at('2016-12-31T00:00:00+07:00'))
        .thenRefused('OCCURRED_AT.BEFORE_PREVIOUS', 'conflict');
    });
  });

  describe('AssignResponsibility', () => {
    it('assigns the official to an active unit for a period', () => {
      officials
        .given([registered])
        .when(assign('2017-01-01', '2017-12-31'), at())
        .then([
          {
            type: 'ResponsibilityAssigned',
            data: { assignmentId: 'a-2', unitId: 'xa-a', role: 'committee-member-in-charge', from: '2017-01-01', to: '2017-12-31' },
          },
        ]);
    });

    it('allows a new period in the same unit and role once the earlier one ended', () => {
      officials
        .given([registered, assigned(), ended('a-1', '2017-02-28')])
        .when(assign('2017-03-01'), at())
        .then([
          {
            type: 'ResponsibilityAssigned',
            data: { assignmentId: 'a-2', unitId: 'xa-a', role: 'committee-member-in-charge', from: '2017-03-01', to: null },
          },
        ]);
    });

    it('allows the same unit in another role, and another unit in the same role, at the same time', () => {
      officials
        .given([registered, assigned()])
        .when({ ...assign('2017-03-01'), role: 'leader' } as OfficialCommand, at())
        .then([expect.objectContaining({ type: 'ResponsibilityAssigned' })]);
      officials
        .given([registered, assigned()])
        .when(assign('2017-03-01', null, 'xa-b'), at())
        .then([expect.objectContaining({ type: 'ResponsibilityAssigned' })]);
    });

    it.each([
      ['to an official who left', [registered, left], assign('2017-03-01'), 'OFFICIAL.LEFT', 'conflict' as const],
      ['overlapping an open assignment', [registered, assigned()], assign('2017-03-01'), 'ASSIGNMENT.OVERLAPS', 'conflict' as const],
      [
        'overlapping by one day',
        [registered, assigned('a-1', '2017-01-01', '2017-02-28')],
        assign('2017-02-28'),
        'ASSIGNMENT.OVERLAPS',
        'conflict' as const,
      ],
      [
        'starting before an existing one and running into it',
        [registered, assigned('a-1', '2017-03-01')],
        assign('2016-06-01', '2017-03-01'),
        'ASSIGNMENT.OVERLAPS',
        'conflict' as const,
      ],
      ['ending before it starts', [registered], assign('2017-03-01', '2017-02-01'), 'ASSIGNMENT.ENDS_BEFORE_START', 'invalid' as const],
      [
        'to an unknown unit',
        [registered],
        { ...assign('2017-03-01'), unit: { unitId: 'nowhere', status: 'unregistered' } } as OfficialCommand,
        'ASSIGNMENT.UNIT_NOT_ACTIVE',
        'unprocessable' as const,
      ],
      [
        'to a merged unit',
        [registered],
        { ...assign('2017-03-01'), unit: { unitId: 'xa-a', status: 'merged' } } as OfficialCommand,
        'ASSIGNMENT.UNIT_NOT_ACTIVE',
        'unprocessable' as const,
      ],
      [
        'with an id already used',
        [registered, assigned('a-2', '2010-01-01', '2010-12-31')],
        assign('2017-03-01'),
        'ASSIGNMENT.ALREADY_RECORDED',
        'conflict' as const,
      ],
      ['to an unregistered official', [], assign('2017-03-01'), 'OFFICIAL.NOT_FOUND', 'not-found' as const],
    ])('refuses assigning %s', (_, given, command, code, kind) => {
      officials.given(given).when(command, at()).thenRefused(code, kind);
    });
  });

  describe('EndResponsibility', () => {
    it('ends a running assignment on a day', () => {
      officials
        .given([registered, assigned()])
        .when({ type: 'EndResponsibility', assignmentId: 'a-1', to: '2017-02-28', reason: 'Reassigned' }, at())
        .then([{ type: 'ResponsibilityEnded', data: { assignmentId: 'a-1', to: '2017-02-28', reason: 'Reassigned' } }]);
    });

    it.each([
      ['an unknown assignment', [registered], 'a-9', '2017-02-28', 'ASSIGNMENT.UNKNOWN'],
      ['an assignment already ended', [registered, assigned(), ended()], 'a-1', '2017-02-28', 'ASSIGNMENT.ALREADY_ENDED'],
      ['before it started', [registered, assigned()], 'a-1', '2016-12-31', 'ASSIGNMENT.ENDS_BEFORE_START'],
      [
        'after its planned end',
        [registered, assigned('a-1', '2017-01-01', '2017-06-30')],
        'a-1',
        '2017-07-31',
        'ASSIGNMENT.ENDS_AFTER_PLANNED_END',
      ],
      ['for an official who left', [registered, assigned('a-1', '2017-01-01', '2017-02-01'), left], 'a-1', '2017-01-31', 'OFFICIAL.LEFT'],
    ])('refuses ending %s', (_, given, assignmentId, to, code) => {
      officials.given(given).when({ type: 'EndResponsibility', assignmentId, to, reason: 'x' }, at()).thenRefused(code, 'conflict');
    });
  });

  describe('RecordDeparture', () => {
    it('records the departure and ends every assignment still running on the last day', () => {
      officials
        .given([
          registered,
          assigned('a-1'),
          assigned('a-2', '2017-01-01', '2017-01-31', 'xa-b'),
          assigned('a-3', '2017-01-01', '2018-12-31', 'xa-c'),
        ])
        .when({ type: 'RecordDeparture', reason: 'Retired' }, at('2017-03-09T08:00:00+07:00'))
        .then([
          { type: 'OfficialLeft', data: { reason: 'Retired', lastDay: '2017-03-09' } },
          { type: 'ResponsibilityEnded', data: { assignmentId: 'a-1', to: '2017-03-09', reason: 'The official left: Retired' } },
          { type: 'ResponsibilityEnded', data: { assignmentId: 'a-3', to: '2017-03-09', reason: 'The official left: Retired' } },
        ]);
    });

    it('takes the last day when given', () => {
      officials
        .given([registered])
        .when({ type: 'RecordDeparture', reason: 'Transferred', lastDay: '2017-02-28' }, at())
        .then([{ type: 'OfficialLeft', data: { reason: 'Transferred', lastDay: '2017-02-28' } }]);
    });

    it.each([
      ['twice', [registered, left], 'OFFICIAL.LEFT'],
      ['while an assignment starts after the last day', [registered, assigned('a-1', '2017-06-01')], 'OFFICIAL.FUTURE_ASSIGNMENT'],
    ])('refuses a departure %s', (_, given, code) => {
      officials
        .given(given)
        .when({ type: 'RecordDeparture', reason: 'Retired', lastDay: '2017-03-31' }, at('2017-04-01T08:00:00+07:00'))
        .thenRefused(code, 'conflict');
    });

    it('folds into a left official without running assignments', () => {
      const endedOnLeaving = fact<OfficialEvent>(
        { type: 'ResponsibilityEnded', data: { assignmentId: 'a-1', to: '2017-03-01', reason: 'The official left: Retired' } },
        '2017-03-01T08:00:00+07:00',
      );
      expect(officials.given([registered, assigned(), left, endedOnLeaving]).state).toMatchObject({
        status: 'left',
        departure: { lastDay: '2017-03-01', reason: 'Retired' },
        assignments: [{ assignmentId: 'a-1', ended: { to: '2017-03-01' } }],
      });
    });
  });

  describe('corrections', () => {
    it('corrects the name of a registration and reads the corrected value', () => {
      const when: OfficialCommand = {
        type: 'CorrectOfficialEvent',
        eventId: registered.eventId,
        reason: 'Typo',
        fields: { fullName: 'Nguyễn Văn Á' },
      };
      officials
        .given([registered])
        .when(when, at())
        .then([
          { type: 'EventCorrected', data: { correctedEventId: registered.eventId, reason: 'Typo', fields: { fullName: 'Nguyễn Văn Á' } } },
        ]);
      const correction = fact<OfficialEvent>(
        { type: 'EventCorrected', data: { correctedEventId: registered.eventId, reason: 'Typo', fields: { fullName: 'Nguyễn Văn Á' } } },
        '2017-03-09T08:00:00+07:00',
      );
      expect(officials.given([registered, correction]).state).toMatchObject({ fullName: 'Nguyễn Văn Á' });
    });

    it('corrects the dates of an assignment, also for an official who left', () => {
      const assignment = assigned('a-1', '2017-01-01', '2017-02-01');
      officials
        .given([registered, assignment, left])
        .when({ type: 'CorrectOfficialEvent', eventId: assignment.eventId, reason: 'Wrong start', fields: { from: '2017-01-15' } }, at())
        .then([
          { type: 'EventCorrected', data: { correctedEventId: assignment.eventId, reason: 'Wrong start', fields: { from: '2017-01-15' } } },
        ]);
    });

    it.each([
      ['an end before the start', () => assigned('a-1', '2017-01-01', '2017-06-30'), { to: '2016-12-31' }],
      ['a period now overlapping another', () => assigned('a-1', '2016-01-01', '2016-12-31'), { to: '2017-01-01' }],
    ])('refuses a correction giving %s', (_, original, fields) => {
      const target = original();
      const other = assigned('a-2', '2017-01-01');
      officials
        .given([registered, target, other])
        .when({ type: 'CorrectOfficialEvent', eventId: target.eventId, reason: 'x', fields }, at())
        .thenRefused('CORRECTION.BREAKS_ASSIGNMENTS', 'conflict');
    });

    it.each([
      ['a field that cannot be corrected', { unitId: 'elsewhere' }, 'CORRECTION.FIELD_NOT_CORRECTABLE'],
      ['an invalid date', { from: '2017-02-30' }, 'CORRECTION.INVALID_VALUE'],
    ])('refuses correcting %s', (_, fields, code) => {
      const target = assigned();
      officials
        .given([registered, target])
        .when({ type: 'CorrectOfficialEvent', eventId: target.eventId, reason: 'x', fields }, at())
        .thenRefused(code, 'invalid');
    });
  });
});
