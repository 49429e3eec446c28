import type { Decider, Fact } from '../domain-kit/decider.js';
import { decideCorrection, type CorrectableFields, type CorrectEvent } from '../domain-kit/corrections.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { assertNotBefore, assertNotInFuture } from '../domain-kit/occurred-at.js';
import type { UnitReference } from '../organisation/unit.decider.js';
import type { OfficialReference } from '../officials/official.decider.js';
import { isOfficialId } from '../officials/official-id.js';
import { isOffsetDateTime } from '../domain-kit/offset-date-time.js';
import { MAX_ATTENDEES, MEETING_KINDS, type MeetingEvent, type MeetingKind } from './meeting.events.js';
import { unhandled } from '../domain-kit/exhaustive.js';
import { later } from '../domain-kit/time.js';

export type MeetingCommand =
  | {
      readonly type: 'RecordMeeting';
      readonly meetingId: string;
      readonly unit: UnitReference;
      readonly kind: MeetingKind;
      readonly heldAt: string;
      readonly attendees: readonly OfficialReference[];
      readonly agendaSummary: string | null;
    }
  /** attendees: what the application knows of each official named in fields.attendees, if corrected. */
  | ({ readonly type: 'CorrectMeetingEvent'; readonly attendees: readonly OfficialReference[] } & CorrectEvent);

export type MeetingState =
  | { readonly status: 'unrecorded' }
  | {
      readonly status: 'held';
      readonly meetingId: string;
      readonly unitId: string;
      readonly kind: MeetingKind;
      readonly heldAt: string;
      readonly attendees: readonly string[];
      readonly agendaSummary: string | null;
      readonly lastOccurredAt: string;
      readonly facts: readonly Fact<MeetingEvent>[];
    };

type Held = Exclude<MeetingState, { status: 'unrecorded' }>;

const CORRECTABLE: CorrectableFields = {
  MeetingHeld: {
    attendees: isAttendeeList,
    kind: (value) => typeof value === 'string' && (MEETING_KINDS as readonly string[]).includes(value),
    heldAt: isOffsetDateTime,
    agendaSummary: (value) => value === null || (typeof value === 'string' && value.trim().length > 0 && value.length <= 4000),
  },
};

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState> = {
  initialState: { status: 'unrecorded' },

  decide(command, state, context) {
    assertNotInFuture(context.occurredAt, context.now);
    switch (command.type) {
      case 'RecordMeeting':
        return record(command, state);
      case 'CorrectMeetingEvent': {
        const meeting = held(state);
        assertNotBefore(context.occurredAt, meeting.lastOccurredAt, 'the last recorded fact of this meeting');
        const events = decideCorrection(meeting.facts, command, CORRECTABLE);
        const heldAt = typeof command.fields.heldAt === 'string' ? command.fields.heldAt : meeting.heldAt;
        assertNotInFuture(heldAt, context.now);
        if (command.fields.attendees !== undefined) assertAttendeesServed(command.attendees, command.fields.attendees as string[], heldAt);
        return events;
      }
      default:
        return unhandled(command);
    }
  },

  evolve(state, fact) {
    switch (fact.type) {
      case 'MeetingHeld': {
        const { meetingId, unitId, kind, heldAt, attendees, agendaSummary } = fact.data;
        return {
          status: 'held',
          meetingId,
          unitId,
          kind,
          heldAt,
          attendees,
          agendaSummary,
          lastOccurredAt: fact.occurredAt,
          facts: [fact],
        };
      }
      case 'EventCorrected':
        return state.status === 'unrecorded'
          ? state
          : { ...state, lastOccurredAt: later(state.lastOccurredAt, fact.occurredAt), facts: [...state.facts, fact] };
      default:
        return unhandled(fact);
    }
  },
};

function record(command: Extract<MeetingCommand, { type: 'RecordMeeting' }>, state: MeetingState): MeetingEvent[] {
  if (state.status !== 'unrecorded')
    throw new DomainError('MEETING.ALREADY_RECORDED', `Meeting ${command.meetingId} is already recorded; correct it instead.`, 'conflict');
  if (command.unit.status !== 'active') {
    throw new DomainError(
      'MEETING.UNIT_NOT_ACTIVE',
      `Unit ${command.unit.unitId} ${command.unit.status === 'unregistered' ? 'is not registered' : `is ${command.unit.status}`}.`,
      'unprocessable',
      { unitId: command.unit.unitId },
    );
  }
  const attendees = command.attendees.map((attendee) => attendee.officialId);
  assertAttendeesServed(command.attendees, attendees, command.heldAt);
  const { meetingId, kind, heldAt, agendaSummary } = command;
  return [{ type: 'MeetingHeld', data: { meetingId, unitId: command.unit.unitId, kind, heldAt, attendees, agendaSummary } }];
}

/**
 * 1..200 distinct registered officials, none of whom had left when the meeting was held: a meeting
 * recorded late may name someone who has left since.
 */
function assertAttendeesServed(references: readonly OfficialReference[], attendees: readonly string[], heldAt: string): void {
  if (attendees.length < 1 || attendees.length > MAX_ATTENDEES)
    throw new DomainError('MEETING.ATTENDEES_COUNT', `A meeting has between 1 and ${MAX_ATTENDEES} attendees.`, 'invalid');
  const duplicate = attendees.find((officialId, index) => attendees.indexOf(officialId) !== index);
  if (duplicate)
    throw new DomainError('MEETING.DUPLICATE_ATTENDEE', `Official ${duplicate} is named twice among the attendees.`, 'invalid');
  const known = new Map(references.map((reference) => [reference.officialId, reference]));
  const unknown = attendees.filter((officialId) => known.get(officialId)?.status !== 'active' && known.get(officialId)?.status !== 'left');
  if (unknown.length > 0)
    throw new DomainError('MEETING.UNKNOWN_ATTENDEE', `Not registered officials: ${unknown.join(', ')}.`, 'unprocessable', {
      officialIds: unknown,
    });
  const gone = attendees.filter((officialId) => {
    const leftAt = known.get(officialId)?.leftAt;
    return (
      known.get(officialId)?.status === 'left' && (leftAt === null || leftAt === undefined || Date.parse(leftAt) <= Date.parse(heldAt))
    );
  });
  if (gone.length > 0)
    throw new DomainError('MEETING.ATTENDEE_LEFT', `Officials who had left before the meeting: ${gone.join(', ')}.`, 'unprocessable', {
      officialIds: gone,
    });
}

function isAttendeeList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= MAX_ATTENDEES &&
    value.every(isOfficialId) &&
    new Set(value).size === value.length
  );
}

function held(state: MeetingState): Held {
  if (state.status === 'unrecorded') throw new DomainError('MEETING.NOT_FOUND', 'The meeting is not recorded.', 'not-found');
  return state;
}
