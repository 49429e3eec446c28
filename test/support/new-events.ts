import { randomUUID } from 'node:crypto';
import type { JsonObject, NewEvent } from '../../src/ledger/event-store.port.js';

/** A literal event for tests: everything fixed but the id, unless the test says otherwise. */
export function newEvent(
  type = 'CaseReceived',
  data: JsonObject = { summary: 'Smell from the dye works' },
  eventId = randomUUID(),
): NewEvent {
  return {
    eventId,
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: 'user:clerk-1', correlationId: 'corr-1', causationId: null, occurredAt: '2026-03-09T08:00:00+07:00' },
  };
}

export function newEvents(count: number, type = 'CaseNoted'): NewEvent[] {
  return Array.from({ length: count }, (_, index) => newEvent(type, { index }));
}

/** A stream id no other test run will use, so the suite also runs against a non-empty real server. */
export function uniqueStream(category = 'case'): string {
  return `${category}-${randomUUID()}`;
}
