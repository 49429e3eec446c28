import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LEDGER_CONFIG } from '../config/ledger-config.token.js';
import type { LedgerConfig } from '../config/ledger.config.js';
import { CLOCK, type Clock } from '../domain-kit/clock.js';

const WINDOW_MS = 60_000;
const MAX_CLIENTS = 100_000;

/**
 * The public Open311 intake needs no token, so it is limited per client (its IP address): at most
 * OPEN311_RATE_LIMIT_PER_MINUTE submissions in any sliding minute; beyond that 429 with Retry-After.
 */
@Injectable()
export class ClientRateLimitGuard implements CanActivate {
  private readonly recent = new Map<string, number[]>();

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const now = this.clock.now().getTime();
    const client = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const times = (this.recent.get(client) ?? []).filter((time) => time > now - WINDOW_MS);
    if (times.length >= this.config.open311RatePerMinute) {
      const retryAfter = Math.max(1, Math.ceil((times[0]! + WINDOW_MS - now) / 1000));
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
      throw new HttpException(
        { code: 'RATE_LIMITED', message: `Too many submissions from this client; try again in ${retryAfter} s.` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    times.push(now);
    this.recent.delete(client);
    this.recent.set(client, times);
    if (this.recent.size > MAX_CLIENTS) this.recent.delete(this.recent.keys().next().value!);
    return true;
  }
}
