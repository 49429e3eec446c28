import type { ClientRateLimiter } from '../../src/open311/rate-limits/client-rate-limiter.port.js';
import { MemoryClientRateLimiter } from '../../src/open311/rate-limits/memory-client-rate-limiter.js';
import { PostgresClientRateLimiter } from '../../src/open311/rate-limits/postgres-client-rate-limiter.js';
import { StoreUnavailableError } from '../../src/ledger/ledger.errors.js';
import { testPostgres, withoutPostgres } from '../support/test-postgres.js';

const T0 = Date.parse('2026-03-09T01:00:00Z');

/** What every Open311 rate limiter promises: a sliding minute per client, refusals not counted. */
function rateLimiterContract(name: string, open: () => Promise<ClientRateLimiter>): void {
  describe(`the ${name} Open311 rate limiter`, () => {
    let limiter: ClientRateLimiter;
    beforeEach(async () => {
      limiter = await open();
    });
    afterEach(() => limiter.close());

    it('counts a client up to the limit in a minute, then refuses with the seconds until the oldest leaves the window', async () => {
      const client = `198.51.100.${Math.floor(Math.random() * 250)}-${name}-${Date.now()}`;
      expect(await limiter.take(client, T0, 2)).toEqual({ allowed: true });
      expect(await limiter.take(client, T0 + 10_000, 2)).toEqual({ allowed: true });
      expect(await limiter.take(client, T0 + 20_000, 2)).toEqual({ allowed: false, retryAfterSeconds: 40 });
      expect(await limiter.take(`${client}-other`, T0 + 20_000, 2)).toEqual({ allowed: true });
      expect(await limiter.take(client, T0 + 60_001, 2)).toEqual({ allowed: true }); // the first left the window; the refusal was not counted
      expect(await limiter.take(client, T0 + 60_002, 2)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    });
  });
}

rateLimiterContract('in-memory', () => Promise.resolve(new MemoryClientRateLimiter()));

const server = await testPostgres();
if (typeof server === 'string') withoutPostgres('the PostgreSQL Open311 rate limiter', server);
else {
  const { url } = server;
  afterAll(() => server.dropSchema());
  rateLimiterContract('PostgreSQL', () => PostgresClientRateLimiter.open(url));

  describe('the PostgreSQL Open311 rate limiter between two instances', () => {
    it('lets the two together allow the limit once, even when the same client hits both at the same moment', async () => {
      const [a, b] = await Promise.all([PostgresClientRateLimiter.open(url), PostgresClientRateLimiter.open(url)]);
      try {
        const client = `203.0.113.7-${Date.now()}`;
        const decisions = await Promise.all(
          Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? a : b).take(client, T0 + index, 7)),
        );
        expect(decisions.filter((decision) => decision.allowed)).toHaveLength(7);
        expect(await b.take(client, T0 + 100, 7)).toMatchObject({ allowed: false });
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('lets no submission through uncounted when the database cannot be reached: the store is unavailable (503)', async () => {
      const limiter = await PostgresClientRateLimiter.open(url);
      await limiter.close(); // as good as a server gone: no connection can be had
      await expect(limiter.take('203.0.113.9', T0, 7)).rejects.toBeInstanceOf(StoreUnavailableError);
    });
  });
}
