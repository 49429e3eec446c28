import type { Decider } from '../domain-kit/decider.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { unhandled } from '../domain-kit/exhaustive.js';
import { assertNotBefore, assertNotInFuture } from '../domain-kit/occurred-at.js';
import type { MonthlyDutyEvent, MonthlyDutyRecorded } from './monthly-duty.events.js';

export type RecordedMonthlyDuty = MonthlyDutyRecorded['data'];

/** The days another recorded duty is in force (its retirement applied): effectiveFrom <= day < effectiveTo. */
export interface DutyPeriod {
  readonly dutyId: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
}

export type MonthlyDutyCommand =
  | ({
      readonly type: 'RecordMonthlyDuty';
      /** The other recorded duties as the rule book stands (an input: the decider reads nothing). */
      readonly otherDuties: readonly DutyPeriod[];
    } & RecordedMonthlyDuty)
  | { readonly type: 'RetireMonthlyDuty'; readonly effectiveTo: string; readonly reason: string };

export type MonthlyDutyState =
  | { readonly status: 'unrecorded' }
  | {
      readonly status: 'recorded' | 'retired';
      readonly duty: RecordedMonthlyDuty;
      readonly recordedAt: string;
      readonly retirement: { readonly effectiveTo: string; readonly reason: string; readonly retiredAt: string } | null;
      readonly lastOccurredAt: string;
    };

export const monthlyDutyDecider: Decider<MonthlyDutyCommand, MonthlyDutyEvent, MonthlyDutyState> = {
  initialState: { status: 'unrecorded' },

  decide(command, state, context) {
    assertNotInFuture(context.occurredAt, context.now);
    switch (command.type) {
      case 'RecordMonthlyDuty': {
        if (state.status !== 'unrecorded')
          throw new DomainError(
            'DUTY.ALREADY_RECORDED',
            `Duty ${command.dutyId} is already recorded; duties are never edited: record a new duty and retire this one.`,
            'conflict',
          );
        const { type: _, otherDuties, ...duty } = command;
        assertCoherent(duty);
        const overlapping = otherDuties.find((other) => other.dutyId !== duty.dutyId && overlaps(other, duty));
        if (overlapping)
          throw new DomainError(
            'DUTY.OVERLAP',
            `Recorded duty ${overlapping.dutyId} is in force on some of the same days (${overlapping.effectiveFrom} to ${overlapping.effectiveTo ?? 'open'}): retire it from ${duty.effectiveFrom} first.`,
            'conflict',
          );
        return [{ type: 'MonthlyDutyRecorded', data: duty }];
      }
      case 'RetireMonthlyDuty': {
        if (state.status === 'unrecorded') throw new DomainError('DUTY.NOT_FOUND', 'The duty was never recorded.', 'not-found');
        if (state.status === 'retired')
          throw new DomainError('DUTY.ALREADY_RETIRED', `The duty was already retired from ${state.retirement?.effectiveTo}.`, 'conflict');
        assertNotBefore(context.occurredAt, state.lastOccurredAt, 'the recording of the duty');
        const { effectiveFrom, effectiveTo } = state.duty;
        if (command.effectiveTo < effectiveFrom)
          throw new DomainError(
            'DUTY.RETIRED_BEFORE_EFFECTIVE',
            `The duty is in force from ${effectiveFrom}; it cannot be retired from ${command.effectiveTo}.`,
            'conflict',
          );
        if (effectiveTo !== null && command.effectiveTo >= effectiveTo)
          throw new DomainError(
            'DUTY.ALREADY_ENDS',
            `The duty already stops applying on ${effectiveTo}; retiring it from ${command.effectiveTo} would change nothing.`,
            'conflict',
          );
        return [{ type: 'MonthlyDutyRetired', data: { effectiveTo: command.effectiveTo, reason: command.reason } }];
      }
      default:
        return unhandled(command);
    }
  },

  evolve(state, fact) {
    switch (fact.type) {
      case 'MonthlyDutyRecorded':
        return { status: 'recorded', duty: fact.data, recordedAt: fact.occurredAt, retirement: null, lastOccurredAt: fact.occurredAt };
      case 'MonthlyDutyRetired':
        return state.status === 'unrecorded'
          ? state
          : { ...state, status: 'retired', retirement: { ...fact.data, retiredAt: fact.occurredAt }, lastOccurredAt: fact.occurredAt };
      default:
        return unhandled(fact);
    }
  },
};

/** Both periods hold a day: each starts before the other ends (an end is excluded, null is open). */
function overlaps(a: DutyPeriod, b: DutyPeriod): boolean {
  return (a.effectiveTo === null || b.effectiveFrom < a.effectiveTo) && (b.effectiveTo === null || a.effectiveFrom < b.effectiveTo);
}

/** What no well-formed request can fix by itself: the duty must require something, once per kind, on some days. */
function assertCoherent(duty: RecordedMonthlyDuty): void {
  if (duty.effectiveTo !== null && duty.effectiveTo <= duty.effectiveFrom)
    throw new DomainError(
      'DUTY.EFFECTIVE_PERIOD_EMPTY',
      `effectiveTo (${duty.effectiveTo}) must be after effectiveFrom (${duty.effectiveFrom}).`,
      'invalid',
    );
  if (duty.attend.length === 0)
    throw new DomainError('DUTY.NOTHING_TO_ATTEND', 'A duty names at least one kind of meeting to attend.', 'invalid');
  const kinds = duty.attend.map((part) => part.kind);
  const repeated = kinds.find((kind, index) => kinds.indexOf(kind) !== index);
  // The review reports one part per kind (committeeMeetings, cellMeetings): a kind twice would be counted twice.
  if (repeated) throw new DomainError('DUTY.KIND_REPEATED', `${repeated} is named twice in the duty.`, 'invalid');
}
