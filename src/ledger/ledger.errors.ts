import type { ExpectedRevision } from './event-store.port.js';

/** The base of every error the store port raises: a stable code and a sentence a person understands. */
export abstract class LedgerError extends Error {
  abstract readonly code: string;
}

export type ActualRevision = number | 'no-stream';

export class ConcurrencyError extends LedgerError {
  readonly code = 'LEDGER.WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`Stream ${streamId} was expected at ${describe(expected)} but is at ${describe(actual)}; nothing was written.`);
    this.name = 'ConcurrencyError';
  }
}

export class EventIdReusedError extends LedgerError {
  readonly code = 'LEDGER.EVENT_ID_REUSED';
  constructor(
    readonly eventId: string,
    reason: string,
  ) {
    super(`Event id ${eventId} was already used ${reason}; nothing was written.`);
    this.name = 'EventIdReusedError';
  }
}

export class InvalidEventError extends LedgerError {
  readonly code = 'LEDGER.INVALID_EVENT';
  constructor(message: string) {
    super(`${message}; nothing was written.`);
    this.name = 'InvalidEventError';
  }
}

export class StoreUnavailableError extends LedgerError {
  readonly code = 'LEDGER.STORE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

function describe(revision: ExpectedRevision): string {
  return typeof revision === 'number' ? `revision ${revision}` : revision;
}
