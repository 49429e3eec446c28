import { applyDecorators, HttpCode, HttpStatus, Post, UseInterceptors, type Type } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import { Requires, type ResourceRef } from '../auth/requires.decorator.js';
import type { PermissionName } from '../auth/permissions.js';
import { IdempotencyKeyHeader, IfMatchHeader } from './api-docs.js';
import { CommandAnswerInterceptor } from './command-answer.interceptor.js';

export interface CommandRouteOptions {
  /** The resource a scoped permission is checked against (the case in the path, the unit in the body...). */
  readonly resource?: ResourceRef;
  /** A command that creates its resource: 201 with Location, and no If-Match (there is nothing to match yet). */
  readonly creates?: boolean;
  /** Whether If-Match is documented: by default on every route but a creation. */
  readonly ifMatch?: boolean;
  /** The success answer, in a sentence; its body is `type` (a class with @ApiProperty) or `schema`. */
  readonly answers: string;
  readonly type?: Type<unknown>;
  readonly schema?: SchemaObject;
  /** The codes of the 409 answers particular to this route; the class's @CommandErrorResponses say the rest. */
  readonly conflicts?: string;
  /** The codes of the 422 answers particular to this route. */
  readonly unprocessable?: string;
}

/** The body of a command's answer when no class describes it: the resource after the command. */
export function resourceSchema(what: string): SchemaObject {
  return { type: 'object', additionalProperties: true, description: `${what} after the command, as GET shows it.` };
}

/**
 * A command route in one line: POST, the permission it needs (@Requires, checked by the AuthGuard),
 * 200 or 201, the Idempotency-Key and If-Match headers and the success answer documented, and the
 * CommandAnswerInterceptor that sets ETag, Location, Ledger-Position and Idempotent-Replayed from the
 * CommandAnswer the route returns.
 */
export function CommandRoute(path: string | undefined, permission: PermissionName, options: CommandRouteOptions): MethodDecorator {
  const success = {
    description: options.answers,
    ...(options.type ? { type: options.type } : { schema: options.schema ?? resourceSchema('The resource') }),
  };
  return applyDecorators(
    Requires(permission, options.resource),
    Post(path),
    HttpCode(options.creates ? HttpStatus.CREATED : HttpStatus.OK),
    IdempotencyKeyHeader(),
    ...((options.ifMatch ?? !options.creates) ? [IfMatchHeader()] : []),
    options.creates ? ApiCreatedResponse(success) : ApiOkResponse(success),
    ...(options.conflicts ? [ApiConflictResponse({ description: options.conflicts })] : []),
    ...(options.unprocessable ? [ApiUnprocessableEntityResponse({ description: options.unprocessable })] : []),
    UseInterceptors(CommandAnswerInterceptor),
  );
}
