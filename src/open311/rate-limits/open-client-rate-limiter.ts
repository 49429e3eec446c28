import type { LedgerConfig } from '../../config/ledger.config.js';
import type { ClientRateLimiter } from './client-rate-limiter.port.js';
import { MemoryClientRateLimiter } from './memory-client-rate-limiter.js';

/** The one place that chooses where the Open311 counts live; the PostgreSQL client is loaded only when used. */
export async function openClientRateLimiter(config: Pick<LedgerConfig, 'open311RateLimitStore'>): Promise<ClientRateLimiter> {
  if (config.open311RateLimitStore.kind === 'postgresql') {
    const { PostgresClientRateLimiter } = await import('./postgres-client-rate-limiter.js');
    return PostgresClientRateLimiter.open(config.open311RateLimitStore.url!);
  }
  return new MemoryClientRateLimiter();
}
