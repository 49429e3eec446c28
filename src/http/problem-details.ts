import { STATUS_CODES } from 'node:http';
import type { ErrorBody, FieldError } from './error-body.js';

export const PROBLEM_JSON = 'application/problem+json';

/**
 * An error answer as RFC 9457 problem details. `type` names the problem by its stable code, as a tag
 * URI (RFC 4151): an identifier, not a page to fetch (RFC 9457 section 3.1.1 allows that); `title` is the
 * status's phrase, the same for every occurrence of a code; `detail` is the sentence for this
 * occurrence; `instance` is the path that was asked for. `code`, the per-field `errors` and `details`
 * are extension members, so a client reading `code` keeps working.
 */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly errors?: readonly FieldError[];
  readonly details?: Record<string, unknown>;
}

export const PROBLEM_TYPE_PREFIX = 'tag:accountability-ledger,2026:problem:';

export function problemType(code: string): string {
  return `${PROBLEM_TYPE_PREFIX}${code}`;
}

export function problemDetails(body: ErrorBody, path: string): ProblemDetails {
  return {
    type: problemType(body.code),
    title: STATUS_CODES[body.statusCode] ?? 'Error',
    status: body.statusCode,
    detail: body.message,
    instance: path,
    code: body.code,
    ...(body.errors ? { errors: body.errors } : {}),
    ...(body.details ? { details: body.details } : {}),
  };
}
