import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { CommandEnvelope } from '../ledger/command-handler.js';
import { earlierReadsOf } from '../ledger/request-reads.js';
import { receivedAtOf } from './command-answer.interceptor.js';
import { commandEnvelope } from './command-request.js';

/**
 * The command envelope of the request (who, when, correlation, If-Match, Idempotency-Key), with the
 * streams the request read already (its permission check, the route). `occurredAtField` names the body field that says when
 * the fact happened (`occurredAt`, or `heldAt` for a meeting); the body was validated before.
 */
export const Envelope = createParamDecorator((occurredAtField: string | undefined, context: ExecutionContext): CommandEnvelope => {
  const request = context.switchToHttp().getRequest<Request>();
  const body = request.body as Record<string, unknown> | undefined;
  const occurredAt = body?.[occurredAtField ?? 'occurredAt'];
  const envelope = commandEnvelope(request, receivedAtOf(request), typeof occurredAt === 'string' ? occurredAt : undefined);
  // Looked up when the command runs: the route itself may read a stream first (a case's lineage).
  return { ...envelope, earlierReads: { earlier: (streamId) => earlierReadsOf(request)?.earlier(streamId) } };
});
