import type { FieldError } from './error-body.js';

/**
 * A request refused before any route saw it: its body could not be read as the route reads bodies.
 * The error filter answers it with its status and code, in the shape of the route's API.
 */
export class RequestRefused extends Error {
  constructor(
    readonly statusCode: 400 | 413 | 415,
    readonly code: string,
    message: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(message);
    this.name = 'RequestRefused';
  }
}

/** The deepest nesting of arrays and objects a JSON body may have; the API's own bodies nest 3 or 4 levels. */
export const MAX_JSON_DEPTH = 32;

export const tooDeep = (): RequestRefused =>
  new RequestRefused(
    400,
    'REQUEST.TOO_DEEP',
    `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep. Nothing was written.`,
  );

export const invalidUtf8 = (): RequestRefused =>
  new RequestRefused(400, 'REQUEST.INVALID_UTF8', 'The request body is not valid UTF-8. Nothing was written.');

export const unsupportedMediaType = (accepted: readonly string[]): RequestRefused =>
  new RequestRefused(
    415,
    'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    `This route reads ${accepted.join(' or ')} bodies (UTF-8); send the body as one of them. Nothing was written.`,
  );
