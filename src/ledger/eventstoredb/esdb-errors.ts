import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { LedgerError, StoreUnavailableError } from '../ledger.errors.js';

/** gRPC status codes that mean "the call did not get through", whoever raised them. */
const CONNECTION_STATUS_CODES = new Set([1 /* CANCELLED */, 4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

/**
 * Failures of the connection rather than of the request: worth retrying a subscription after,
 * and reported to callers as StoreUnavailableError. A cancellation here is one the server or the
 * network caused; the client filters out the ones we cause ourselves.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof CancelledError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError
  ) {
    return true;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && CONNECTION_STATUS_CODES.has(code);
}

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return error instanceof WrongExpectedVersionError;
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError;
}

/** The port promises LedgerErrors; connection trouble becomes StoreUnavailableError, the rest passes. */
export function asLedgerError(error: unknown, doing: string): unknown {
  if (error instanceof LedgerError) return error;
  if (isConnectionFailure(error)) {
    return new StoreUnavailableError(`EventStoreDB is unavailable while ${doing}: ${(error as Error).message}`, { cause: error });
  }
  return error;
}
