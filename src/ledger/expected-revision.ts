import type { ExpectedRevision } from './event-store.port.js';
import { InvalidEventError, type ActualRevision } from './ledger.errors.js';

export function assertValidExpectedRevision(expected: ExpectedRevision): void {
  if (
    typeof expected === 'number'
      ? Number.isSafeInteger(expected) && expected >= 0
      : ['no-stream', 'stream-exists', 'any'].includes(expected)
  )
    return;
  throw new InvalidEventError(
    `Expected revision ${JSON.stringify(expected)} must be a revision number, 'no-stream', 'stream-exists' or 'any'`,
  );
}

/** EventStoreDB's meaning of each expectation. */
export function expectationHolds(expected: ExpectedRevision, actual: ActualRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return actual === 'no-stream';
    case 'stream-exists':
      return actual !== 'no-stream';
    default:
      return actual === expected;
  }
}

/** Where an idempotent repeat of an append must find its events for it to be "the same place". */
export function replayStartsAtExpectedPlace(expected: ExpectedRevision, firstRevision: number): boolean {
  switch (expected) {
    case 'any':
    case 'stream-exists':
      return true;
    case 'no-stream':
      return firstRevision === 0;
    default:
      return firstRevision === expected + 1;
  }
}
