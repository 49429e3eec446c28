/** The shape of every error answer of the API: a stable code, a sentence, and per-field details for bad input. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly errors?: readonly FieldError[];
  readonly details?: Record<string, unknown>;
}

export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}
