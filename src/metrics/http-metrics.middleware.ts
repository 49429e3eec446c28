import type { NextFunction, Request, Response } from 'express';
import type { LedgerMetrics } from './ledger-metrics.js';

/** The label of a request no route took (a 404, or a body refused before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Times every request from its arrival to the last byte sent, labelled by the route's pattern as the
 * router matched it (`/api/v1/cases/:caseId`), never by the path itself: ids in labels would make
 * one series per case and could carry what a path should not leave in a monitoring system.
 */
export function httpMetrics(metrics: LedgerMetrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const stop = metrics.httpRequestDuration.startTimer();
    response.once('finish', () => {
      const route = (request.route as { path?: unknown } | undefined)?.path;
      stop({ method: request.method, route: typeof route === 'string' ? route : UNMATCHED_ROUTE, status: String(response.statusCode) });
    });
    next();
  };
}
