/**
 * A refusal by the domain, with a stable code (`CASE.ALREADY_CLOSED`) and a sentence a person
 * understands. The kind says how the refusal maps to HTTP, in one place (the error filter).
 *  - not-found: the aggregate or something it names does not exist (404)
 *  - conflict: the command is not allowed in the current state (409)
 *  - invalid: the command contradicts itself or the rules whatever the state (400)
 *  - unprocessable: the command names something (a unit, an official) that does not exist or cannot take part (422)
 */
export type DomainErrorKind = 'not-found' | 'conflict' | 'invalid' | 'unprocessable';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
