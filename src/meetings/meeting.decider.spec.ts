import { meetingDecider, type MeetingCommand } from './meeting.decider.js';
import type { MeetingEvent } from './meeting.events.js';
import type { OfficialReference } from '../officials/official.decider.js';
import type { JsonObject } from '../ledger/event-store.port.js';
import { context, fact, spec } from '../../test/support/given-when-then.js';

const meetings = spec(meetingDecider);
const at = (occurredAt = '2017-03-09T08:00:00+07:00') => context(occurredAt);
const serving = (officialId: string): OfficialReference => ({ officialId, status: 'active', leftAt: null });
const heldAt = '2017-03-09T08:00:00+07:00';

const record = (overrides: Partial<Extract<MeetingCommand, { type: 'RecordMeeting' }>> = {}): MeetingCommand => ({
  type: 'RecordMeeting',
  meetingId: 'm-1',
  unit: { unitId: 'xa-a', status: 'active' },
  kind: 'party-cell',
  heldAt,
  attendees: [serving('nguyen-van-a'), serving('tran-thi-b')],
  agendaSummary: null,
  ...overrides,
});
const held = fact<MeetingEvent>(
  {
    type: 'MeetingHeld',
    data: { meetingId: 'm-1', unitId: 'xa-a', kind: 'party-cell', heldAt, attendees: ['nguyen-van-a', 'tran-thi-b'], agendaSummary: null },
  },
  heldAt,
);
const correct = (fields: JsonObject, attendees: OfficialReference[] = []): MeetingCommand => ({
  type: 'CorrectMeetingEvent',
  eventId: held.eventId,
  reason: 'Minutes re-read',
  fields,
  attendees,
});

describe('meeting decider', () => {
  describe('RecordMeeting', () => {
    it('records a meeting of an active unit with serving attendees', () => {
      meetings
        .given([])
        .when(record({ agendaSummary: 'Tình hình an ninh' }), at())
        .then([
          {
            type: 'MeetingHeld',
            data: {
              meetingId: 'm-1',
              unitId: 'xa-a',
              kind: 'party-cell',
              heldAt,
              attendees: ['nguyen-van-a', 'tran-thi-b'],
              agendaSummary: 'Tình hình an ninh',
            },
          },
        ]);
    });

    it('accepts an attendee who left after the meeting (a late record)', () => {
      meetings
        .given([])
        .when(record({ attendees: [{ officialId: 'le-van-c', status: 'left', leftAt: '2017-04-01T00:00:00+07:00' }] }), at())
        .then([expect.objectContaining({ type: 'MeetingHeld' })]);
    });

    it.each([
      ['twice', [held], record(), 'MEETING.ALREADY_RECORDED', 'conflict' as const],
      [
        'for an unknown unit',
        [],
        record({ unit: { unitId: 'nowhere', status: 'unregistered' } }),
        'MEETING.UNIT_NOT_ACTIVE',
        'unprocessable' as const,
      ],
      [
        'for an abolished unit',
        [],
        record({ unit: { unitId: 'xa-a', status: 'abolished' } }),
        'MEETING.UNIT_NOT_ACTIVE',
        'unprocessable' as const,
      ],
      ['without attendees', [], record({ attendees: [] }), 'MEETING.ATTENDEES_COUNT', 'invalid' as const],
      [
        'with 201 attendees',
        [],
        record({ attendees: Array.from({ length: 201 }, (_, i) => serving(`o-${i}`)) }),
        'MEETING.ATTENDEES_COUNT',
        'invalid' as const,
      ],
      [
        'naming an attendee twice',
        [],
        record({ attendees: [serving('a'), serving('a')] }),
        'MEETING.DUPLICATE_ATTENDEE',
        'invalid' as const,
      ],
      [
        'with an unregistered attendee',
        [],
        record({ attendees: [serving('a'), { officialId: 'ghost', status: 'unregistered', leftAt: null }] }),
        'MEETING.UNKNOWN_ATTENDEE',
        'unprocessable' as const,
      ],
      [
        'with an attendee who had left',
        [],
        record({ attendees: [{ officialId: 'gone', status: 'left', leftAt: '2017-03-01T00:00:00+07:00' }] }),
        'MEETING.ATTENDEE_LEFT',
        'unprocessable' as const,
      ],
    ])('refuses recording %s', (_, given, command, code, kind) => {
      meetings.given(given).when(command, at()).thenRefused(code, kind);
    });

    it('refuses a meeting held in the future', () => {
      meetings
        .given([])
        .when(record({ heldAt: '2027-01-01T00:00:00Z' }), context('2027-01-01T00:00:00Z'))
        .thenRefused('OCCURRED_AT.IN_FUTURE', 'invalid');
    });
  });

  describe('corrections', () => {
    it('corrects the attendees, and the fold reads the corrected list', () => {
      meetings
        .given([held])
        .when(
          correct({ attendees: ['nguyen-van-a', 'pham-van-d'] }, [serving('nguyen-van-a'), serving('pham-van-d')]),
          at('2017-03-10T08:00:00+07:00'),
        )
        .then([
          {
            type: 'EventCorrected',
            data: { correctedEventId: held.eventId, reason: 'Minutes re-read', fields: { attendees: ['nguyen-van-a', 'pham-van-d'] } },
          },
        ]);
      const correction = fact<MeetingEvent>(
        { type: 'EventCorrected', data: { correctedEventId: held.eventId, reason: 'x', fields: { attendees: ['pham-van-d'] } } },
        '2017-03-10T08:00:00+07:00',
      );
      expect(meetings.given([held, correction]).state).toMatchObject({ attendees: ['pham-van-d'] });
    });

    it('corrects the time and the agenda', () => {
      meetings
        .given([held])
        .when(correct({ heldAt: '2017-03-08T14:00:00+07:00', agendaSummary: 'Thu hồi đất' }), at())
        .then([expect.objectContaining({ type: 'EventCorrected' })]);
    });

    it.each([
      [
        'an unregistered attendee',
        { attendees: ['ghost'] },
        [{ officialId: 'ghost', status: 'unregistered' as const, leftAt: null }],
        'MEETING.UNKNOWN_ATTENDEE',
        'unprocessable' as const,
      ],
      [
        'an attendee who had left',
        { attendees: ['gone'] },
        [{ officialId: 'gone', status: 'left' as const, leftAt: '2017-01-01T00:00:00Z' }],
        'MEETING.ATTENDEE_LEFT',
        'unprocessable' as const,
      ],
      ['an empty attendee list', { attendees: [] }, [], 'CORRECTION.INVALID_VALUE', 'invalid' as const],
      ['a duplicate attendee', { attendees: ['a', 'a'] }, [serving('a')], 'CORRECTION.INVALID_VALUE', 'invalid' as const],
      ['the unit', { unitId: 'xa-b' }, [], 'CORRECTION.FIELD_NOT_CORRECTABLE', 'invalid' as const],
      ['a time without offset', { heldAt: '2017-03-08T14:00:00' }, [], 'CORRECTION.INVALID_VALUE', 'invalid' as const],
      ['a time in the future', { heldAt: '2030-03-08T14:00:00Z' }, [], 'OCCURRED_AT.IN_FUTURE', 'invalid' as const],
    ])('refuses a correction with %s', (_, fields, references, code, kind) => {
      meetings.given([held]).when(correct(fields, references), at()).thenRefused(code, kind);
    });

    it('refuses correcting a meeting never recorded', () => {
      meetings
        .given([])
        .when(correct({ attendees: ['a'] }, [serving('a')]), at())
        .thenRefused('MEETING.NOT_FOUND', 'not-found');
    });

    it('refuses a correction dated before the meeting', () => {
      meetings
        .given([held])
        .when(correct({ agendaSummary: 'x' }), at('2017-03-01T08:00:00+07:00'))
        .thenRefused('OCCURRED_AT.BEFORE_PREVIOUS', 'conflict');
    });
  });
});
