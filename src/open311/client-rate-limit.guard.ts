import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { CLOCK, type Clock } from '../domain-kit/clock.js';
import { CLIENT_RATE_LIMITER, type ClientRateLimiter } from './rate-limits/client-rate-limiter.port.js';

/**
 * The public Open311 intake needs no token, so it is limited per client (its IP address): at most
 * OPEN311_RATE_LIMIT_PER_MINUTE submissions in any sliding minute; beyond that 429 with Retry-After.
 * The counts live where OPEN311_RATE_LIMIT_STORE says: shared by every instance with PostgreSQL.
 */
@Injectable()
export class ClientRateLimitGuard implements CanActivate {
  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CLIENT_RATE_LIMITER) private readonly limiter: ClientRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const client = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const decision = await this.limiter.take(client, this.clock.now().getTime(), this.config.open311RatePerMinute);
    if (decision.allowed) return true;
    const retryAfter = decision.retryAfterSeconds;
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new HttpException(
      { code: 'RATE_LIMITED', message: `Too many submissions from this client; try again in ${retryAfter} s.` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
