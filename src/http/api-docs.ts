import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiPreconditionFailedResponse,
  ApiServiceUnavailableResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

/** The error answers every command endpoint can give, documented once. */
export function CommandErrorResponses(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiBadRequestResponse({
      description: 'Invalid request: VALIDATION.FAILED with per-field errors, REQUEST.MALFORMED_JSON, OCCURRED_AT.IN_FUTURE, bad headers.',
    }),
    ApiNotFoundResponse({ description: 'The aggregate in the path does not exist (NOT_FOUND).' }),
    ApiConflictResponse({
      description: 'Not allowed in the current state (e.g. CASE.CLOSED), or OCCURRED_AT.BEFORE_PREVIOUS, or a concurrent write.',
    }),
    ApiPreconditionFailedResponse({ description: 'If-Match names a revision the resource is no longer at (PRECONDITION_FAILED).' }),
    ApiUnprocessableEntityResponse({ description: 'A referenced unit or official cannot take part, or IDEMPOTENCY_KEY.REUSED.' }),
    ApiServiceUnavailableResponse({ description: 'The event store is unavailable (LEDGER.STORE_UNAVAILABLE).' }),
  );
}

export function IdempotencyKeyHeader(): MethodDecorator {
  return ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat a request safely: the same key and body return the first answer and write nothing new.',
  });
}

export function IfMatchHeader(): MethodDecorator {
  return ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you last read; 412 if the resource changed since.' });
}
