import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { CLOCK, type Clock } from '../domain-kit/clock.js';
import type { CommandResult } from '../ledger/command-handler.js';
import type { RecordedEvent } from '../ledger/event-store.port.js';
import { answer, answerSecondStep } from './command-request.js';

/**
 * What a command route returns: the body, and what its headers are made of. The interceptor turns it
 * into the answer, so no route touches the response object.
 */
export class CommandAnswer {
  constructor(
    readonly result: CommandResult<unknown>,
    readonly body: Record<string, unknown>,
    /** For a command that created its resource: where it is now (the Location header). */
    readonly location?: string,
    /** For a command that writes a second stream after its own: the last event written there. */
    readonly secondStep?: RecordedEvent | null,
  ) {}
}

const RECEIVED_AT = Symbol('receivedAt');

/** When the service took up the request: `now` of its command envelope (see @Envelope). */
export function receivedAtOf(request: Request): Date {
  const at = (request as Request & { [RECEIVED_AT]?: Date })[RECEIVED_AT];
  if (!at) throw new Error('@Envelope() needs the CommandAnswerInterceptor on its route: use @CommandRoute.');
  return at;
}

/**
 * Every command route's headers, set one way: ETag (the stream's revision), Location for a creation,
 * Ledger-Position (the last event written, which a query can wait for with minPosition) and
 * Idempotent-Replayed when nothing new was written. It also notes when the request was taken up,
 * after authentication, with the injected clock: the `now` of the command.
 */
@Injectable()
export class CommandAnswerInterceptor implements NestInterceptor {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { [RECEIVED_AT]?: Date }>();
    request[RECEIVED_AT] = this.clock.now();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((value: unknown) => {
        if (!(value instanceof CommandAnswer)) return value;
        answer(response, value.result, value.location);
        answerSecondStep(response, value.secondStep ?? null);
        return value.body;
      }),
    );
  }
}
