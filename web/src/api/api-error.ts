/** A field the API refused, with the validator's sentences (shown next to the field, translated where known). */
export interface FieldProblem {
  readonly field: string;
  readonly messages: readonly string[];
}

/**
 * An answer that is not 2xx. The API's body has a stable `code` (translated by i18n/error-messages),
 * a sentence, and per-field `errors` for bad input; a problem-details body (`detail`) is read alike.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static from(status: number, body: unknown): ApiError {
    const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const code = typeof value.code === 'string' ? value.code : `HTTP.${status}`;
    const message = typeof value.message === 'string' ? value.message : typeof value.detail === 'string' ? value.detail : `HTTP ${status}`;
    const fields = Array.isArray(value.errors) ? value.errors.filter(isFieldProblem) : [];
    const details = typeof value.details === 'object' && value.details !== null ? (value.details as Record<string, unknown>) : {};
    return new ApiError(status, code, message, fields, details);
  }

  /** The service could not be reached at all (offline, restarting). */
  static unreachable(cause: unknown): ApiError {
    return new ApiError(0, 'NETWORK.UNREACHABLE', cause instanceof Error ? cause.message : String(cause));
  }
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldProblem).field === 'string' &&
    Array.isArray((value as FieldProblem).messages)
  );
}
