import type { Decider, Fact } from '../domain-kit/decider.js';
import { decideCorrection, type CorrectableFields, type CorrectEvent } from '../domain-kit/corrections.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { assertNotBefore, assertNotInFuture } from '../domain-kit/occurred-at.js';
import { UNIT_KINDS, type UnitEvent, type UnitKind } from './unit.events.js';
import { unhandled } from '../domain-kit/exhaustive.js';
import { later } from '../domain-kit/time.js';
import { vietnamDayOf } from '../calendar/calendar-day.js';
import { parentOn, type UnitParentChange } from './unit-parents.js';
import { remoteAreaOn, type RemoteAreaChange } from './unit-remote-area.js';

/** What the application knows of another unit when a command names it. */
export interface UnitReference {
  readonly unitId: string;
  readonly status: UnitState['status'];
  /** The unit's kind, when registered (absent in references that do not need it). */
  readonly kind?: UnitKind;
}

export type UnitCommand =
  | {
      readonly type: 'RegisterUnit';
      readonly unitId: string;
      readonly name: string;
      readonly kind: UnitKind;
      readonly parent: UnitReference | null;
    }
  | { readonly type: 'RenameUnit'; readonly name: string }
  | { readonly type: 'MergeUnit'; readonly into: UnitReference }
  | { readonly type: 'AbolishUnit'; readonly reason: string }
  | {
      readonly type: 'MoveUnit';
      readonly to: UnitReference;
      /** The Vietnamese day (YYYY-MM-DD) from which the unit sits under `to`. */
      readonly effectiveOn: string;
      readonly legalBasis: string;
      /** Every unit above `to` on some day from effectiveOn on, as the unit directory reads the tree. */
      readonly aboveTarget: readonly string[];
    }
  | {
      readonly type: 'SetUnitRemoteArea';
      /** true: designated a remote or difficult area; false: the designation is lifted. */
      readonly remote: boolean;
      /** The Vietnamese day (YYYY-MM-DD) from which it holds. */
      readonly effectiveOn: string;
      readonly legalBasis: string;
    }
  | ({ readonly type: 'CorrectUnitEvent' } & CorrectEvent);

export type UnitState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'active' | 'merged' | 'abolished';
      readonly unitId: string;
      readonly name: string;
      readonly kind: UnitKind;
      /** The parent now: the one of the latest move, else the one registered. */
      readonly parentId: string | null;
      readonly registeredParentId: string | null;
      /** The moves to another parent, in the order of their effective days. */
      readonly moves: readonly UnitParentChange[];
      /** Its designations as a remote area and their liftings, in the order of their effective days. */
      readonly remoteArea: readonly RemoteAreaChange[];
      readonly registeredAt: string;
      readonly formerNames: readonly string[];
      readonly absorbedUnitIds: readonly string[];
      readonly mergedIntoUnitId: string | null;
      readonly lastOccurredAt: string;
      readonly facts: readonly Fact<UnitEvent>[];
    };

type Registered = Exclude<UnitState, { status: 'unregistered' }>;

const CORRECTABLE: CorrectableFields = {
  UnitRegistered: { name: isName, kind: (value) => typeof value === 'string' && (UNIT_KINDS as readonly string[]).includes(value) },
  UnitRenamed: { name: isName },
  UnitAbolished: { reason: isName },
  // A move's parent and day decide the tree of every later day: a wrong one is fixed by another move.
  UnitMoved: { legalBasis: isName },
  // Likewise a designation's day and flag decide the limits of every case received from then on.
  UnitRemoteAreaSet: { legalBasis: isName },
};

export const unitDecider: Decider<UnitCommand, UnitEvent, UnitState> = {
  initialState: { status: 'unregistered' },

  decide(command, state, context) {
    assertNotInFuture(context.occurredAt, context.now);
    if (command.type === 'RegisterUnit') return register(command, state);
    const unit = registered(state);
    assertNotBefore(context.occurredAt, unit.lastOccurredAt, 'the last recorded fact of this unit');
    switch (command.type) {
      case 'RenameUnit':
        assertActive(unit, 'renamed');
        if (command.name === unit.name) throw new DomainError('UNIT.SAME_NAME', `The unit is already named ${unit.name}.`, 'conflict');
        return [{ type: 'UnitRenamed', data: { name: command.name, previousName: unit.name } }];
      case 'MergeUnit':
        assertActive(unit, 'merged');
        if (command.into.unitId === unit.unitId)
          throw new DomainError('UNIT.MERGE_INTO_ITSELF', 'A unit cannot be merged into itself.', 'invalid');
        if (command.into.status !== 'active') {
          throw new DomainError(
            'UNIT.MERGE_TARGET_NOT_ACTIVE',
            `Unit ${command.into.unitId} is ${command.into.status}; merge into an active unit.`,
            'unprocessable',
          );
        }
        return [{ type: 'UnitMerged', data: { intoUnitId: command.into.unitId } }];
      case 'AbolishUnit':
        assertActive(unit, 'abolished');
        return [{ type: 'UnitAbolished', data: { reason: command.reason } }];
      case 'MoveUnit':
        return move(command, unit, context.occurredAt);
      case 'SetUnitRemoteArea':
        return setRemoteArea(command, unit, context.occurredAt);
      case 'CorrectUnitEvent':
        return decideCorrection(unit.facts, command, CORRECTABLE);
      default:
        return unhandled(command);
    }
  },

  evolve(state, fact) {
    if (fact.type === 'UnitRegistered') {
      const { unitId, name, kind, parentId } = fact.data;
      return {
        status: 'active',
        unitId,
        name,
        kind,
        parentId,
        registeredParentId: parentId,
        moves: [],
        remoteArea: [],
        registeredAt: fact.occurredAt,
        formerNames: [],
        absorbedUnitIds: [],
        mergedIntoUnitId: null,
        lastOccurredAt: fact.occurredAt,
        facts: [fact],
      };
    }
    if (state.status === 'unregistered') return state;
    const unit = { ...state, lastOccurredAt: later(state.lastOccurredAt, fact.occurredAt), facts: [...state.facts, fact] };
    switch (fact.type) {
      case 'UnitRenamed':
        return { ...unit, name: fact.data.name, formerNames: [...unit.formerNames, fact.data.previousName] };
      case 'UnitMerged':
        return { ...unit, status: 'merged', mergedIntoUnitId: fact.data.intoUnitId };
      case 'UnitAbsorbed':
        // Recorded by the merger's second step (merger-absorption.ts), not decided here.
        if (unit.absorbedUnitIds.includes(fact.data.fromUnitId)) return unit;
        return { ...unit, absorbedUnitIds: [...unit.absorbedUnitIds, fact.data.fromUnitId] };
      case 'UnitAbolished':
        return { ...unit, status: 'abolished' };
      case 'UnitMoved': {
        const change = { parentId: fact.data.toParentId, from: fact.data.effectiveOn, eventId: fact.eventId };
        return { ...unit, parentId: change.parentId, moves: [...unit.moves, change] };
      }
      case 'UnitRemoteAreaSet': {
        const { remote, effectiveOn, legalBasis } = fact.data;
        return { ...unit, remoteArea: [...unit.remoteArea, { remote, from: effectiveOn, legalBasis, eventId: fact.eventId }] };
      }
      case 'EventCorrected':
        return unit;
      default:
        return unhandled(fact);
    }
  },
};

function register(command: Extract<UnitCommand, { type: 'RegisterUnit' }>, state: UnitState): UnitEvent[] {
  if (state.status !== 'unregistered')
    throw new DomainError('UNIT.ALREADY_REGISTERED', `Unit ${command.unitId} is already registered.`, 'conflict');
  if (command.kind !== 'province' && command.parent === null) {
    throw new DomainError('UNIT.PARENT_REQUIRED', `A ${command.kind} belongs to a parent unit; give parentId.`, 'invalid');
  }
  if (command.parent && command.parent.status !== 'active') {
    const reason = command.parent.status === 'unregistered' ? 'is not registered' : `is ${command.parent.status}`;
    throw new DomainError('UNIT.PARENT_NOT_ACTIVE', `Parent unit ${command.parent.unitId} ${reason}.`, 'unprocessable');
  }
  if (command.kind === 'standing-committee' && command.parent?.kind !== 'party-committee') {
    throw new DomainError(
      'UNIT.STANDING_COMMITTEE_PARENT',
      `A standing committee sits under its Party committee; ${command.parent?.unitId ?? 'no unit'} is not a party-committee.`,
      'unprocessable',
    );
  }
  return [
    {
      type: 'UnitRegistered',
      data: { unitId: command.unitId, name: command.name, kind: command.kind, parentId: command.parent?.unitId ?? null },
    },
  ];
}

function move(command: Extract<UnitCommand, { type: 'MoveUnit' }>, unit: Registered, occurredAt: string): UnitEvent[] {
  assertActive(unit, 'moved');
  const { to, effectiveOn } = command;
  if (to.unitId === unit.unitId) throw new DomainError('UNIT.MOVE_UNDER_ITSELF', 'A unit cannot be moved under itself.', 'invalid');
  if (to.status !== 'active') {
    const reason = to.status === 'unregistered' ? 'is not registered' : `is ${to.status}`;
    throw new DomainError('UNIT.MOVE_TARGET_NOT_ACTIVE', `Unit ${to.unitId} ${reason}; move under an active unit.`, 'unprocessable');
  }
  if (unit.kind === 'standing-committee' && to.kind !== 'party-committee') {
    throw new DomainError(
      'UNIT.STANDING_COMMITTEE_PARENT',
      `A standing committee sits under its Party committee; ${to.unitId} is not a party-committee.`,
      'unprocessable',
    );
  }
  const registeredOn = vietnamDayOf(unit.registeredAt);
  if (effectiveOn < registeredOn) {
    throw new DomainError(
      'UNIT.MOVE_BEFORE_REGISTRATION',
      `Unit ${unit.unitId} was registered on ${registeredOn}; a move cannot take effect on ${effectiveOn}, before it.`,
      'unprocessable',
    );
  }
  if (effectiveOn > vietnamDayOf(occurredAt)) {
    throw new DomainError(
      'UNIT.MOVE_NOT_YET_EFFECTIVE',
      `The move takes effect on ${effectiveOn}, after the day it is recorded as decided; record it from that day on.`,
      'unprocessable',
    );
  }
  const lastMove = unit.moves[unit.moves.length - 1];
  if (lastMove && effectiveOn <= lastMove.from) {
    throw new DomainError(
      'UNIT.MOVE_OUT_OF_ORDER',
      `Unit ${unit.unitId} was already moved with effect from ${lastMove.from}; a later move must take effect after that day.`,
      'conflict',
    );
  }
  const fromParentId = parentOn({ parentId: unit.registeredParentId, moves: unit.moves }, effectiveOn);
  if (fromParentId === to.unitId) {
    throw new DomainError('UNIT.ALREADY_UNDER', `Unit ${unit.unitId} is already under ${to.unitId} on ${effectiveOn}.`, 'conflict');
  }
  if (command.aboveTarget.includes(unit.unitId)) {
    throw new DomainError(
      'UNIT.MOVE_MAKES_CYCLE',
      `Unit ${to.unitId} is under ${unit.unitId} on or after ${effectiveOn}; moving ${unit.unitId} under it would make a cycle.`,
      'conflict',
    );
  }
  return [{ type: 'UnitMoved', data: { fromParentId, toParentId: to.unitId, effectiveOn, legalBasis: command.legalBasis } }];
}

function setRemoteArea(command: Extract<UnitCommand, { type: 'SetUnitRemoteArea' }>, unit: Registered, occurredAt: string): UnitEvent[] {
  assertActive(unit, 'designated');
  const { remote, effectiveOn, legalBasis } = command;
  const registeredOn = vietnamDayOf(unit.registeredAt);
  if (effectiveOn < registeredOn) {
    throw new DomainError(
      'UNIT.REMOTE_AREA_BEFORE_REGISTRATION',
      `Unit ${unit.unitId} was registered on ${registeredOn}; its remote-area status cannot change on ${effectiveOn}, before it.`,
      'unprocessable',
    );
  }
  if (effectiveOn > vietnamDayOf(occurredAt)) {
    throw new DomainError(
      'UNIT.REMOTE_AREA_NOT_YET_EFFECTIVE',
      `The decision takes effect on ${effectiveOn}, after the day it is recorded as decided; record it from that day on.`,
      'unprocessable',
    );
  }
  const last = unit.remoteArea[unit.remoteArea.length - 1];
  if (last && effectiveOn <= last.from) {
    throw new DomainError(
      'UNIT.REMOTE_AREA_OUT_OF_ORDER',
      `Unit ${unit.unitId}'s remote-area status already changed with effect from ${last.from}; a later change must take effect after that day.`,
      'conflict',
    );
  }
  if (remoteAreaOn(unit.remoteArea, effectiveOn) === remote) {
    const already = remote ? 'already a remote area' : 'not a remote area';
    throw new DomainError('UNIT.REMOTE_AREA_UNCHANGED', `Unit ${unit.unitId} is ${already} on ${effectiveOn}.`, 'conflict');
  }
  return [{ type: 'UnitRemoteAreaSet', data: { remote, effectiveOn, legalBasis } }];
}

function registered(state: UnitState): Registered {
  if (state.status === 'unregistered') throw new DomainError('UNIT.NOT_FOUND', 'The unit is not registered.', 'not-found');
  return state;
}

function assertActive(unit: Registered, action: string): void {
  if (unit.status !== 'active')
    throw new DomainError(
      `UNIT.${unit.status.toUpperCase()}`,
      `Unit ${unit.unitId} is ${unit.status} and cannot be ${action}.`,
      'conflict',
    );
}

function isName(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= 200;
}
