import type { OfficialReference } from '../officials/official.decider.js';
import { isOfficialId } from '../officials/official-id.js';
import { MAX_PARTICIPANTS } from './visit.events.js';
import { isOffsetDateTime } from '../domain-kit/offset-date-time.js';

/** What the application knows of an official a visit names (status, and when they left), from OfficialDirectory. */
export type ParticipantReference = OfficialReference;

export const OFFSET_TIME = 'ISO-8601 with an offset, e.g. 2017-03-09T08:00:00+07:00';

/** A date-time with an offset that also names a real moment (the pattern alone lets month 13 through). */
export function isTime(value: unknown): value is string {
  return isOffsetDateTime(value);
}

export function isOfficialList(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= MAX_PARTICIPANTS &&
    value.every(isOfficialId) &&
    new Set(value).size === value.length
  );
}
