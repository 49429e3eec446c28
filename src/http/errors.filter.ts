import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ConcurrencyError, EventIdReusedError, InvalidEventError, LedgerError, StoreUnavailableError } from '../ledger/ledger.errors.js';
import type { ErrorBody } from './error-body.js';

/** The one place where errors become HTTP answers; nothing else chooses a status. */
@Catch()
export class ErrorsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(error);
    if (body.statusCode >= 500) this.logger.error({ message: 'Request failed', code: body.code, error: describe(error) });
    response.status(body.statusCode).json(body);
  }

  private toBody(error: unknown): ErrorBody {
    if (error instanceof LedgerError) return { statusCode: ledgerStatus(error), code: error.code, message: error.message, details: ledgerDetails(error) };
    if (error instanceof HttpException) return httpBody(error);
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL', message: 'The service failed unexpectedly; nothing was written.' };
  }
}

function ledgerStatus(error: LedgerError): number {
  if (error instanceof ConcurrencyError || error instanceof EventIdReusedError) return HttpStatus.CONFLICT;
  if (error instanceof InvalidEventError) return HttpStatus.BAD_REQUEST;
  if (error instanceof StoreUnavailableError) return HttpStatus.SERVICE_UNAVAILABLE;
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

function ledgerDetails(error: LedgerError): Record<string, unknown> | undefined {
  if (error instanceof ConcurrencyError) return { streamId: error.streamId, expected: error.expected, actual: error.actual };
  if (error instanceof EventIdReusedError) return { eventId: error.eventId };
  return undefined;
}

function httpBody(error: HttpException): ErrorBody {
  const status = error.getStatus();
  const response = error.getResponse();
  if (typeof response === 'object' && response !== null && 'code' in response && typeof response.code === 'string') {
    return { statusCode: status, ...(response as Omit<ErrorBody, 'statusCode'>) };
  }
  const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
  return { statusCode: status, code: `HTTP.${HttpStatus[status] ?? status}`, message: Array.isArray(message) ? message.join('; ') : String(message) };
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
