import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ConcurrencyError, EventIdReusedError, InvalidEventError, LedgerError, StoreUnavailableError } from '../ledger/ledger.errors.js';
import { IdempotencyKeyReusedError, PreconditionFailedError } from '../ledger/command-errors.js';
import { DomainError, type DomainErrorKind } from '../domain-kit/domain-error.js';
import type { ErrorBody } from './error-body.js';
import { RequestRefused } from './request-refused.js';
import { PROBLEM_JSON, problemDetails } from './problem-details.js';

/** An API under a path prefix whose clients expect errors in a shape of their own (Open311's list). */
export interface ErrorShape {
  readonly pathPrefix: string;
  readonly render: (body: ErrorBody) => unknown;
}

/**
 * The one place where errors become HTTP answers; nothing else chooses a status. Every answer is RFC
 * 9457 problem details (application/problem+json), except under a path with a shape of its own.
 */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  /** Shapes by path, so errors raised before a route is known (body, path, 404) still come in the API's shape. */
  constructor(private readonly shapes: readonly ErrorShape[] = []) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const path = host.switchToHttp().getRequest<Request>().path;
    const body = this.toBody(error);
    const shape = this.shapes.find((candidate) => path.startsWith(candidate.pathPrefix));
    if (shape) {
      response.status(body.statusCode).json(shape.render(body));
      return;
    }
    // Set before json(), which keeps a Content-Type already set; a CSV route's own one is replaced.
    response.status(body.statusCode).setHeader('Content-Type', `${PROBLEM_JSON}; charset=utf-8`);
    response.json(problemDetails(body, path));
  }

  /** The answer for an error; 5xx are logged here, so every caller of it logs them alike. */
  toBody(error: unknown): ErrorBody {
    const body = this.describe(error);
    if (body.statusCode >= 500) this.logger.error({ message: 'Request failed', code: body.code, error: describe(error) });
    return body;
  }

  private describe(error: unknown): ErrorBody {
    if (error instanceof DomainError)
      return {
        statusCode: DOMAIN_STATUS[error.kind],
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      };
    if (error instanceof LedgerError)
      return withoutUndefined({ statusCode: ledgerStatus(error), code: error.code, message: error.message, details: ledgerDetails(error) });
    if (error instanceof RequestRefused) return refusedBody(error);
    if (error instanceof HttpException && error.cause instanceof RequestRefused) return refusedBody(error.cause);
    if (error instanceof HttpException && error.cause instanceof URIError)
      return { statusCode: 400, code: 'REQUEST.MALFORMED_PATH', message: 'The request path is not validly percent-encoded.' };
    if (error instanceof HttpException && isBodyParserError(error.cause)) return bodyParserBody(error.cause);
    if (error instanceof HttpException) return httpBody(error);
    if (isBodyParserError(error)) return bodyParserBody(error);
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL',
      message: 'The service failed unexpectedly; nothing was written.',
    };
  }
}

const DOMAIN_STATUS: Record<DomainErrorKind, number> = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.BAD_REQUEST,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
};

function ledgerStatus(error: LedgerError): number {
  if (error instanceof PreconditionFailedError) return HttpStatus.PRECONDITION_FAILED;
  if (error instanceof IdempotencyKeyReusedError) return HttpStatus.UNPROCESSABLE_ENTITY;
  if (error instanceof ConcurrencyError || error instanceof EventIdReusedError) return HttpStatus.CONFLICT;
  if (error instanceof InvalidEventError) return HttpStatus.BAD_REQUEST;
  if (error instanceof StoreUnavailableError) return HttpStatus.SERVICE_UNAVAILABLE;
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

function ledgerDetails(error: LedgerError): Record<string, unknown> | undefined {
  if (error instanceof ConcurrencyError) return { streamId: error.streamId, expected: error.expected, actual: error.actual };
  if (error instanceof EventIdReusedError) return { eventId: error.eventId };
  if (error instanceof PreconditionFailedError) return { expected: error.expected, actual: error.actual };
  return undefined;
}

function withoutUndefined(body: ErrorBody): ErrorBody {
  return body.details === undefined ? { statusCode: body.statusCode, code: body.code, message: body.message } : body;
}

/** Errors of Express's body parser (malformed JSON, too large, wrong charset) arrive with a status. */
interface BodyParserError {
  readonly type: string;
  readonly status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number'
  );
}

function bodyParserBody(error: BodyParserError): ErrorBody {
  if (error.type === 'entity.parse.failed')
    return { statusCode: 400, code: 'REQUEST.MALFORMED_JSON', message: 'The request body is not valid JSON. Nothing was written.' };
  if (error.type === 'entity.too.large')
    return {
      statusCode: 413,
      code: 'REQUEST.TOO_LARGE',
      message: 'The request body is larger than the service accepts. Nothing was written.',
    };
  return {
    statusCode: error.status >= 400 && error.status < 500 ? error.status : 400,
    code: 'REQUEST.UNREADABLE',
    message: 'The request body could not be read. Nothing was written.',
  };
}

function refusedBody(error: RequestRefused): ErrorBody {
  return { statusCode: error.statusCode, code: error.code, message: error.message, ...(error.errors ? { errors: error.errors } : {}) };
}

function httpBody(error: HttpException): ErrorBody {
  const status = error.getStatus();
  const response = error.getResponse();
  if (typeof response === 'object' && response !== null && 'code' in response && typeof response.code === 'string') {
    return { statusCode: status, ...(response as Omit<ErrorBody, 'statusCode'>) };
  }
  const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
  return {
    statusCode: status,
    code: `HTTP.${HttpStatus[status] ?? status}`,
    message: Array.isArray(message) ? message.join('; ') : String(message),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
