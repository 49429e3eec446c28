import { RATE_LIMIT_WINDOW_MS, retryAfterSeconds, type ClientRateLimiter, type RateLimitDecision } from './client-rate-limiter.port.js';

const MAX_CLIENTS = 100_000;

/**
 * The counts in this process: right for one instance. Behind a balancer each instance would allow the
 * limit again, which is what the PostgreSQL limiter is for. The least recently seen clients are
 * forgotten beyond MAX_CLIENTS, so a flood of addresses cannot grow the map without bound.
 */
export class MemoryClientRateLimiter implements ClientRateLimiter {
  private readonly recent = new Map<string, number[]>();

  take(client: string, nowMs: number, limit: number): Promise<RateLimitDecision> {
    const times = (this.recent.get(client) ?? []).filter((time) => time > nowMs - RATE_LIMIT_WINDOW_MS);
    if (times.length >= limit) return Promise.resolve({ allowed: false, retryAfterSeconds: retryAfterSeconds(times[0]!, nowMs) });
    times.push(nowMs);
    this.recent.delete(client);
    this.recent.set(client, times);
    if (this.recent.size > MAX_CLIENTS) this.recent.delete(this.recent.keys().next().value!);
    return Promise.resolve({ allowed: true });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
