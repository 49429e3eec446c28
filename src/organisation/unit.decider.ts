import type { Decider, Fact } from '../domain-kit/decider.js';
import { decideCorrection, type CorrectableFields, type CorrectEvent } from '../domain-kit/corrections.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { assertNotBefore, assertNotInFuture } from '../domain-kit/occurred-at.js';
import { UNIT_KINDS, type UnitEvent, type UnitKind } from './unit.events.js';
import { unhandled } from '../domain-kit/exhaustive.js';
import { later } from '../domain-kit/time.js';

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
  | ({ readonly type: 'CorrectUnitEvent' } & CorrectEvent);

export type UnitState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'active' | 'merged' | 'abolished';
      readonly unitId: string;
      readonly name: string;
      readonly kind: UnitKind;
      readonly parentId: string | null;
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
