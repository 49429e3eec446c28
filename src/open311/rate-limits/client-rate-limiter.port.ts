/** Where the Open311 intake counts each client's recent submissions (OPEN311_RATE_LIMIT_STORE). */
export const CLIENT_RATE_LIMITER = Symbol('CLIENT_RATE_LIMITER');

/** A submission counted, or refused with the seconds until the oldest one in the window leaves it. */
export type RateLimitDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** The window every limiter counts over: any sliding minute. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

export interface ClientRateLimiter {
  /**
   * Counts one submission of `client` at `nowMs` when fewer than `limit` were counted in the minute
   * before it; a refused one is not counted, so a client that waits gets through.
   */
  take(client: string, nowMs: number, limit: number): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

export function retryAfterSeconds(oldestMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((oldestMs + RATE_LIMIT_WINDOW_MS - nowMs) / 1000));
}
