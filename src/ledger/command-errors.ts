import { LedgerError } from './ledger.errors.js';

/** The caller's If-Match named a revision the stream is no longer at (HTTP 412). */
export class PreconditionFailedError extends LedgerError {
  readonly code = 'PRECONDITION_FAILED';
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${streamId} is at revision ${actual}, not ${expected} as If-Match says; reload it and decide again. Nothing was written.`);
    this.name = 'PreconditionFailedError';
  }
}

/** The Idempotency-Key was already used for a different request (HTTP 422). */
export class IdempotencyKeyReusedError extends LedgerError {
  readonly code = 'IDEMPOTENCY_KEY.REUSED';
  constructor(readonly key: string) {
    super(
      `Idempotency-Key ${JSON.stringify(key)} was already used for a different request; use a new key for a new request. Nothing was written.`,
    );
    this.name = 'IdempotencyKeyReusedError';
  }
}
