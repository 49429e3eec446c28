import type { ErrorBody } from '../http/error-body.js';
import type { ErrorShape } from '../http/errors.filter.js';

/**
 * GeoReport v2 clients expect errors as a list of { code, description }. The status and the sentence
 * come from the service's one error filter, which applies this shape to every answer under /open311/:
 * errors of a route, and those raised before any route runs (an unreadable body, a malformed path, 404).
 * error_code is an addition to the specification's two fields: the ledger's stable code.
 */
export const OPEN311_ERROR_SHAPE: ErrorShape = {
  pathPrefix: '/open311/',
  render: (body: ErrorBody) => [{ code: body.statusCode, description: body.message, error_code: body.code }],
};
