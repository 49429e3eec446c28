import { unitDecider } from './unit.decider.js';
import type { UnitEvent } from './unit.events.js';
import { context, fact, spec } from '../../test/support/given-when-then.js';

const units = spec(unitDecider);
const registered = (unitId = 'gia-loc', name = 'Huyện Gia Lộc') =>
  fact<UnitEvent>({ type: 'UnitRegistered', data: { unitId, name, kind: 'district', parentId: 'hai-duong' } }, '2017-01-01T00:00:00+07:00');
const at = (occurredAt = '2017-03-09T08:00:00+07:00') => context(occurredAt);

describe('unit decider', () => {
  describe('RegisterUnit', () => {
    it('registers a Standing Committee under its Party committee', () => {
      units
        .given([])
        .when(
          {
            type: 'RegisterUnit',
            unitId: 'btv-huyen-uy',
            name: 'Ban Thường vụ Huyện ủy',
            kind: 'standing-committee',
            parent: { unitId: 'huyen-uy', status: 'active', kind: 'party-committee' },
          },
          at(),
        )
        .then([
          {
            type: 'UnitRegistered',
            data: { unitId: 'btv-huyen-uy', name: 'Ban Thường vụ Huyện ủy', kind: 'standing-committee', parentId: 'huyen-uy' },
          },
        ]);
    });

    it('registers a district under an active parent', () => {
      units
        .given([])
        .when(
          {
            type: 'RegisterUnit',
            unitId: 'gia-loc',
            name: 'Huyện Gia Lộc',
            kind: 'district',
            parent: { unitId: 'hai-duong', status: 'active' },
          },
          at(),
        )
        .then([{ type: 'UnitRegistered', data: { unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong' } }]);
    });

    it('registers a province without a parent', () => {
      units
        .given([])
        .when({ type: 'RegisterUnit', unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', parent: null }, at())
        .then([{ type: 'UnitRegistered', data: { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', parentId: null } }]);
    });

    it.each([
      ['twice', [registered()], { unitId: 'hai-duong', status: 'active' as const }, 'district' as const, 'UNIT.ALREADY_REGISTERED'],
      ['without a parent', [], null, 'commune' as const, 'UNIT.PARENT_REQUIRED'],
      ['under an unknown parent', [], { unitId: 'nowhere', status: 'unregistered' as const }, 'commune' as const, 'UNIT.PARENT_NOT_ACTIVE'],
      ['under a merged parent', [], { unitId: 'old', status: 'merged' as const }, 'commune' as const, 'UNIT.PARENT_NOT_ACTIVE'],
      [
        'a standing committee under a district rather than its Party committee',
        [],
        { unitId: 'gia-loc', status: 'active' as const, kind: 'district' as const },
        'standing-committee' as const,
        'UNIT.STANDING_COMMITTEE_PARENT',
      ],
    ])('refuses registering %s', (_, given, parent, kind, code) => {
      units.given(given).when({ type: 'RegisterUnit', unitId: 'gia-loc', name: 'X', kind, parent }, at()).thenRefused(code);
    });

    it('refuses a fact dated in the future', () => {
      units
        .given([])
        .when({ type: 'RegisterUnit', unitId: 'x', name: 'X', kind: 'province', parent: null }, context('2027-01-01T00:00:00Z'))
        .thenRefused('OCCURRED_AT.IN_FUTURE', 'invalid');
    });
  });

  describe('RenameUnit', () => {
    it('renames, remembering the former name', () => {
      units
        .given([registered()])
        .when({ type: 'RenameUnit', name: 'Gia Lộc' }, at())
        .then([{ type: 'UnitRenamed', data: { name: 'Gia Lộc', previousName: 'Huyện Gia Lộc' } }]);
    });

    it.each([
      ['an unregistered unit', [], 'UNIT.NOT_FOUND'],
      ['to the same name', [registered()], 'UNIT.SAME_NAME'],
      [
        'a merged unit',
        [registered(), fact<UnitEvent>({ type: 'UnitMerged', data: { intoUnitId: 'tu-ky' } }, '2017-02-01T00:00:00+07:00')],
        'UNIT.MERGED',
      ],
      [
        'an abolished unit',
        [
          registered(),
          fact<UnitEvent>({ type: 'UnitAbolished', data: { reason: 'district level abolished' } }, '2017-02-01T00:00:00+07:00'),
        ],
        'UNIT.ABOLISHED',
      ],
    ])('refuses renaming %s', (_, given, code) => {
      units.given(given).when({ type: 'RenameUnit', name: 'Huyện Gia Lộc' }, at()).thenRefused(code);
    });

    it('refuses a fact dated before the last one recorded', () => {
      units
        .given([registered()])
        .when({ type: 'RenameUnit', name: 'Gia Lộc' }, at('2016-12-31T00:00:00+07:00'))
        .thenRefused('OCCURRED_AT.BEFORE_PREVIOUS', 'conflict');
    });
  });

  describe('MergeUnit, and the absorption that follows it', () => {
    it('merges into an active unit', () => {
      units
        .given([registered()])
        .when({ type: 'MergeUnit', into: { unitId: 'tu-ky', status: 'active' } }, at())
        .then([{ type: 'UnitMerged', data: { intoUnitId: 'tu-ky' } }]);
    });

    it.each([
      ['into itself', { unitId: 'gia-loc', status: 'active' as const }, 'UNIT.MERGE_INTO_ITSELF'],
      ['into an abolished unit', { unitId: 'tu-ky', status: 'abolished' as const }, 'UNIT.MERGE_TARGET_NOT_ACTIVE'],
    ])('refuses merging %s', (_, into, code) => {
      units.given([registered()]).when({ type: 'MergeUnit', into }, at()).thenRefused(code);
    });

    it('lists an absorbed unit once, even if the absorption was recorded twice', () => {
      const absorbed = fact<UnitEvent>({ type: 'UnitAbsorbed', data: { fromUnitId: 'commune-a' } }, '2017-02-01T00:00:00+07:00');
      const again = fact<UnitEvent>({ type: 'UnitAbsorbed', data: { fromUnitId: 'commune-a' } }, '2017-02-01T00:00:00+07:00');
      expect(units.given([registered(), absorbed, again]).state).toMatchObject({ absorbedUnitIds: ['commune-a'] });
    });
  });

  describe('MoveUnit', () => {
    const commune = fact<UnitEvent>(
      { type: 'UnitRegistered', data: { unitId: 'gia-tan', name: 'Xã Gia Tân', kind: 'commune', parentId: 'gia-loc' } },
      '2017-01-01T00:00:00+07:00',
    );
    const province = { unitId: 'hai-duong', status: 'active' as const, kind: 'province' as const };
    const moveUnderProvince = {
      type: 'MoveUnit' as const,
      to: province,
      effectiveOn: '2025-07-01',
      legalBasis: 'Nghị quyết 202/2025/QH15',
      aboveTarget: [],
    };
    const movedUnderProvince = fact<UnitEvent>(
      {
        type: 'UnitMoved',
        data: { fromParentId: 'gia-loc', toParentId: 'hai-duong', effectiveOn: '2025-07-01', legalBasis: 'Nghị quyết 202/2025/QH15' },
      },
      '2025-07-01T08:00:00+07:00',
    );

    it('moves a commune from its district to the province, naming the parent it leaves', () => {
      units
        .given([commune])
        .when(moveUnderProvince, at('2025-07-01T08:00:00+07:00'))
        .then([
          {
            type: 'UnitMoved',
            data: { fromParentId: 'gia-loc', toParentId: 'hai-duong', effectiveOn: '2025-07-01', legalBasis: 'Nghị quyết 202/2025/QH15' },
          },
        ]);
    });

    it('keeps the registered parent beside the moves, and shows the new parent as the parent now', () => {
      expect(units.given([commune, movedUnderProvince]).state).toMatchObject({
        parentId: 'hai-duong',
        registeredParentId: 'gia-loc',
        moves: [{ parentId: 'hai-duong', from: '2025-07-01', eventId: movedUnderProvince.eventId }],
      });
    });

    it.each([
      ['under itself', [commune], { ...moveUnderProvince, to: { unitId: 'gia-tan', status: 'active' as const } }, 'UNIT.MOVE_UNDER_ITSELF'],
      [
        'under an abolished unit',
        [commune],
        { ...moveUnderProvince, to: { unitId: 'tu-ky', status: 'abolished' as const } },
        'UNIT.MOVE_TARGET_NOT_ACTIVE',
      ],
      [
        'under an unregistered unit',
        [commune],
        { ...moveUnderProvince, to: { unitId: 'nowhere', status: 'unregistered' as const } },
        'UNIT.MOVE_TARGET_NOT_ACTIVE',
      ],
      ['under one of its own units', [commune], { ...moveUnderProvince, aboveTarget: ['gia-tan', 'gia-loc'] }, 'UNIT.MOVE_MAKES_CYCLE'],
      [
        'under the parent it already has',
        [commune],
        { ...moveUnderProvince, to: { unitId: 'gia-loc', status: 'active' as const } },
        'UNIT.ALREADY_UNDER',
      ],
      [
        'with effect before its registration',
        [commune],
        { ...moveUnderProvince, effectiveOn: '2016-12-31' },
        'UNIT.MOVE_BEFORE_REGISTRATION',
      ],
      [
        'with effect after the day it is decided',
        [commune],
        { ...moveUnderProvince, effectiveOn: '2025-07-02' },
        'UNIT.MOVE_NOT_YET_EFFECTIVE',
      ],
      [
        'with effect on or before an earlier move',
        [commune, movedUnderProvince],
        { ...moveUnderProvince, to: { unitId: 'gia-loc', status: 'active' as const } },
        'UNIT.MOVE_OUT_OF_ORDER',
      ],
      [
        'an abolished unit',
        [commune, fact<UnitEvent>({ type: 'UnitAbolished', data: { reason: 'merged communes' } }, '2025-06-30T00:00:00+07:00')],
        moveUnderProvince,
        'UNIT.ABOLISHED',
      ],
    ])('refuses moving %s', (_, given, command, code) => {
      units.given(given).when(command, at('2025-07-01T08:00:00+07:00')).thenRefused(code);
    });

    it('corrects the legal basis of a move, not its parent or its day', () => {
      units
        .given([commune, movedUnderProvince])
        .when(
          { type: 'CorrectUnitEvent', eventId: movedUnderProvince.eventId, reason: 'x', fields: { effectiveOn: '2025-08-01' } },
          at('2025-07-02T08:00:00+07:00'),
        )
        .thenRefused('CORRECTION.FIELD_NOT_CORRECTABLE');
    });
  });

  describe('SetUnitRemoteArea', () => {
    const commune = fact<UnitEvent>(
      { type: 'UnitRegistered', data: { unitId: 'son-dong', name: 'Xã Sơn Động', kind: 'commune', parentId: 'bac-giang' } },
      '2012-01-01T00:00:00+07:00',
    );
    const designate = {
      type: 'SetUnitRemoteArea' as const,
      remote: true,
      effectiveOn: '2013-01-01',
      legalBasis: 'Quyết định 2405/QĐ-TTg',
    };
    const designated = fact<UnitEvent>(
      { type: 'UnitRemoteAreaSet', data: { remote: true, effectiveOn: '2013-01-01', legalBasis: 'Quyết định 2405/QĐ-TTg' } },
      '2013-01-02T08:00:00+07:00',
    );
    const lift = { ...designate, remote: false, effectiveOn: '2021-06-04', legalBasis: 'Quyết định 861/QĐ-TTg' };

    it('designates a commune a remote area from a day, by its decision', () => {
      units
        .given([commune])
        .when(designate, at('2013-01-02T08:00:00+07:00'))
        .then([{ type: 'UnitRemoteAreaSet', data: { remote: true, effectiveOn: '2013-01-01', legalBasis: 'Quyết định 2405/QĐ-TTg' } }]);
    });

    it('lifts the designation from a later day', () => {
      units
        .given([commune, designated])
        .when(lift, at('2021-06-04T08:00:00+07:00'))
        .then([{ type: 'UnitRemoteAreaSet', data: { remote: false, effectiveOn: '2021-06-04', legalBasis: 'Quyết định 861/QĐ-TTg' } }]);
    });

    it('keeps every designation and lifting with its day, for the cases of each day', () => {
      expect(units.given([commune, designated]).state).toMatchObject({
        remoteArea: [{ remote: true, from: '2013-01-01', legalBasis: 'Quyết định 2405/QĐ-TTg', eventId: designated.eventId }],
      });
    });

    it.each([
      ['a designation in force already', [commune, designated], { ...designate, effectiveOn: '2014-01-01' }, 'UNIT.REMOTE_AREA_UNCHANGED'],
      ['a lifting of a unit never designated', [commune], lift, 'UNIT.REMOTE_AREA_UNCHANGED'],
      [
        'a change on or before the last one',
        [commune, designated],
        { ...lift, effectiveOn: '2013-01-01' },
        'UNIT.REMOTE_AREA_OUT_OF_ORDER',
      ],
      ['a change before its registration', [commune], { ...designate, effectiveOn: '2011-12-31' }, 'UNIT.REMOTE_AREA_BEFORE_REGISTRATION'],
      [
        'a change after the day it is decided',
        [commune],
        { ...designate, effectiveOn: '2021-06-05' },
        'UNIT.REMOTE_AREA_NOT_YET_EFFECTIVE',
      ],
      [
        'a change of an abolished unit',
        [commune, fact<UnitEvent>({ type: 'UnitAbolished', data: { reason: 'merged communes' } }, '2020-01-01T00:00:00+07:00')],
        designate,
        'UNIT.ABOLISHED',
      ],
    ])('refuses %s', (_, given, command, code) => {
      units.given(given).when(command, at('2021-06-04T08:00:00+07:00')).thenRefused(code);
    });
  });

  describe('corrections', () => {
    const original = registered('gia-loc', 'Huyện Gia Lôc');

    it('records a correction of a correctable field, and the fold reads the corrected value', () => {
      const when = { type: 'CorrectUnitEvent' as const, eventId: original.eventId, reason: 'Typo', fields: { name: 'Huyện Gia Lộc' } };
      units
        .given([original])
        .when(when, at())
        .then([
          { type: 'EventCorrected', data: { correctedEventId: original.eventId, reason: 'Typo', fields: { name: 'Huyện Gia Lộc' } } },
        ]);
      const correction = fact<UnitEvent>(
        { type: 'EventCorrected', data: { correctedEventId: original.eventId, reason: 'Typo', fields: { name: 'Huyện Gia Lộc' } } },
        '2017-03-09T08:00:00+07:00',
      );
      expect(units.given([original, correction]).state).toMatchObject({ name: 'Huyện Gia Lộc' });
    });

    it.each([
      ['an unknown event', '00000000-0000-4000-8000-999999999999', { name: 'X' }, 'CORRECTION.UNKNOWN_EVENT'],
      ['a field that cannot be corrected', undefined, { parentId: 'x' }, 'CORRECTION.FIELD_NOT_CORRECTABLE'],
      ['an invalid value', undefined, { kind: 'kingdom' }, 'CORRECTION.INVALID_VALUE'],
      ['nothing', undefined, {}, 'CORRECTION.EMPTY'],
    ])('refuses correcting %s', (_, eventId, fields, code) => {
      units
        .given([original])
        .when({ type: 'CorrectUnitEvent', eventId: eventId ?? original.eventId, reason: 'x', fields }, at())
        .thenRefused(code);
    });
  });
});
