import bodyParser from 'body-parser';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { invalidUtf8, MAX_JSON_DEPTH, RequestRefused, tooDeep, unsupportedMediaType } from './request-refused.js';
import { formDecodesAsUtf8, illFormedTextIn, isUtf8, nestsDeeperThan } from './text-checks.js';

/** The largest JSON or form body; multipart uploads have their own limits where a route reads them. */
export const BODY_LIMIT_BYTES = 100 * 1024;

export interface RequestBodyRoutes {
  /** Exact paths that also read application/x-www-form-urlencoded (their DTOs take strings). */
  readonly form: readonly string[];
  /** Exact paths whose handler reads multipart/form-data itself (an interceptor, after the guards). */
  readonly multipart: readonly string[];
}

const JSON_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json$/;
const FORM_TYPE = 'application/x-www-form-urlencoded';
const MULTIPART_TYPE = 'multipart/form-data';

/**
 * The service's one body reader, used instead of the framework's. A body is read only as the route
 * reads it (JSON everywhere; form-encoded and multipart where listed), else 415. Before parsing, the
 * raw bytes must be UTF-8 (a fatal decoder: nothing is stored altered with U+FFFD) and, for JSON,
 * nest at most MAX_JSON_DEPTH levels (one pass over the bytes, see nestsDeeperThan); after parsing,
 * every string must be well-formed Unicode. A request without a body passes untouched.
 */
export function requestBodies(routes: RequestBodyRoutes): RequestHandler {
  const json = bodyParser.json({ limit: BODY_LIMIT_BYTES, type: () => true, verify: verifyJson });
  const form = bodyParser.urlencoded({
    limit: BODY_LIMIT_BYTES,
    extended: false,
    parameterLimit: 100,
    type: () => true,
    verify: verifyForm,
  });
  return (request: Request, response: Response, next: NextFunction) => {
    if (!hasBody(request)) return next();
    const { type, charset } = contentTypeOf(request);
    const accepted = acceptedTypes(request.path, routes);
    if (!accepted.includes(type)) return next(unsupportedMediaType(accepted));
    if (type === MULTIPART_TYPE) return next();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return next(unsupportedMediaType(accepted));
    const parser = type === FORM_TYPE ? form : json;
    parser(request, response, (error?: unknown) => {
      if (error) return next(unwrap(error));
      const illFormed = illFormedTextIn(request.body);
      if (illFormed.length > 0) return next(illFormedText(illFormed));
      next();
    });
  };
}

function acceptedTypes(path: string, routes: RequestBodyRoutes): string[] {
  const types = ['application/json'];
  if (routes.form.includes(path)) types.push(FORM_TYPE);
  if (routes.multipart.includes(path)) types.push(MULTIPART_TYPE);
  return types;
}

/** Content-Length 0 is no body (fetch and many clients send it on a bare POST); chunked counts as one. */
function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

function contentTypeOf(request: Request): { type: string; charset: string | undefined } {
  const [type = '', ...parameters] = (request.headers['content-type'] ?? '').split(';');
  const media = type.trim().toLowerCase();
  const charset = parameters
    .map((parameter) => /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(parameter)?.[1]?.toLowerCase())
    .find((found) => found !== undefined);
  return { type: JSON_TYPE.test(media) ? 'application/json' : media, charset };
}

function verifyJson(_request: unknown, _response: unknown, bytes: Buffer): void {
  if (!isUtf8(bytes)) throw invalidUtf8();
  if (nestsDeeperThan(bytes, MAX_JSON_DEPTH)) throw tooDeep();
}

function verifyForm(_request: unknown, _response: unknown, bytes: Buffer): void {
  if (!isUtf8(bytes) || !formDecodesAsUtf8(bytes.toString('utf8'))) throw invalidUtf8();
}

/** body-parser wraps what verify throws; give the filter the refusal itself. */
function unwrap(error: unknown): unknown {
  if (error instanceof RequestRefused) return error;
  const type = (error as { type?: unknown }).type;
  if (type === 'querystring.parse.rangeError') return tooDeep();
  return error;
}

function illFormedText(errors: ReturnType<typeof illFormedTextIn>): RequestRefused {
  return new RequestRefused(
    400,
    'VALIDATION.FAILED',
    `The request is not valid: ${errors.map((error) => `${error.field}: ${error.messages.join(', ')}`).join('; ')}. Nothing was written.`,
    errors,
  );
}
