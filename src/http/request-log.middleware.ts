import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { principalOf } from '../auth/principal.js';
import { CORRELATION_ID, correlationIdOf } from './command-request.js';

const logger = new Logger('Http');

/**
 * Gives every request a correlation id (X-Correlation-Id, or a new one), answers it in the same
 * header, and logs one JSON line per request when it ends. The line holds the method, the path
 * without its query, the status, the time taken, the correlation id and the caller's subject — never
 * a header, a body or a query string, so no token and no personal data reach the log.
 */
export function requestLog(request: Request, response: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  const given = request.headers['x-correlation-id'];
  // An invalid header is left for commandEnvelope to refuse; the log line still gets an id.
  const correlationId = typeof given === 'string' && !CORRELATION_ID.test(given) ? randomUUID() : correlationIdOf(request);
  response.setHeader('X-Correlation-Id', correlationId);
  response.on('finish', () => {
    logger.log({
      message: 'request',
      method: request.method,
      path: request.path,
      status: response.statusCode,
      durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      correlationId,
      subject: principalOf(request).subject,
    });
  });
  next();
}
