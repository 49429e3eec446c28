import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { PostgresWebhookStore } from '../../src/webhooks/outbox/postgres-webhook-store.js';
import { caseFactMessage } from '../../src/webhooks/outbox/webhook-messages.js';
import { testPostgres, withoutPostgres } from '../support/test-postgres.js';

/** The webhook store two instances share, against a real server: each delivery once, whichever instance reads the feed or claims it. */
const server = await testPostgres();

let position = 0;
function recorded(streamId: string, type: string, data: Record<string, unknown>): RecordedEvent {
  position += 1;
  return {
    streamId,
    streamRevision: 0,
    globalPosition: position,
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type,
    data,
    metadata: { occurredAt: '2026-03-02T08:00:00+07:00' },
    recordedAt: '2026-03-02T01:00:00.000Z',
    previousHash: null,
    hash: 'h',
  } as unknown as RecordedEvent;
}

const subscribed = (subscriptionId: string, unitId: string | null, fingerprint: string) =>
  recorded(`webhook-${subscriptionId}`, 'WebhookSubscriptionRegistered', {
    subscriptionId,
    url: `http://127.0.0.1/${subscriptionId}`,
    eventKinds: ['case.received', 'case.escalated'],
    unitId,
    description: '',
    secretFingerprint: fingerprint,
  });

if (typeof server === 'string') withoutPostgres('the PostgreSQL webhook store', server);
else {
  const now = Date.parse('2026-03-02T01:00:00Z');
  let a: PostgresWebhookStore;
  let b: PostgresWebhookStore;
  beforeAll(async () => {
    a = await PostgresWebhookStore.open(server.url);
    b = await PostgresWebhookStore.open(server.url);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await server.dropSchema();
  });

  describe('the PostgreSQL webhook store between two instances', () => {
    it('applies a batch of the feed once when both instances read it, and gives each the same subscriptions and secret', async () => {
      await a.keepSecret('fp-district', 'whsec_district');
      const batch = [
        recorded('unit-gia-loc', 'UnitRegistered', { unitId: 'gia-loc', parentId: null }),
        recorded('unit-gia-tan', 'UnitRegistered', { unitId: 'gia-tan', parentId: 'gia-loc' }),
        recorded('unit-gia-xuyen', 'UnitRegistered', { unitId: 'gia-xuyen', parentId: 'gia-loc' }),
        subscribed('district', 'gia-loc', 'fp-district'),
        subscribed('commune', 'gia-xuyen', 'fp-commune'),
        subscribed('everywhere', null, 'fp-everywhere'),
        recorded('case-c1', 'CaseReceived', { unitId: 'gia-tan' }),
        recorded('case-c1', 'CaseAcknowledged', {}),
      ];
      const reached = await Promise.all([a.applyFeed(batch, caseFactMessage, now), b.applyFeed(batch, caseFactMessage, now)]);
      expect(reached).toEqual([position, position]);
      expect(await b.position()).toBe(position);
      expect(await b.subscriptions()).toEqual(await a.subscriptions());
      expect((await b.subscriptions()).map((subscription) => subscription.subscriptionId).sort()).toEqual([
        'commune',
        'district',
        'everywhere',
      ]);

      const claimedByA = await a.claimDue(now, 10, 60_000);
      expect(claimedByA.map((delivery) => delivery.subscriptionId).sort()).toEqual(['district', 'everywhere']);
      expect(claimedByA.find((delivery) => delivery.subscriptionId === 'district')?.secret).toBe('whsec_district');
      expect(await b.claimDue(now, 10, 60_000)).toEqual([]); // a claimed delivery is A's until recorded or its lease passes
    });

    it('gives two dispatchers claiming at once disjoint deliveries, and a delivery whose instance died to the other once its lease passed', async () => {
      const batch = Array.from({ length: 6 }, (_, index) => recorded(`case-many-${index}`, 'CaseReceived', { unitId: 'gia-tan' }));
      await b.applyFeed(batch, caseFactMessage, now);
      const [byA, byB] = await Promise.all([a.claimDue(now, 8, 60_000), b.claimDue(now, 8, 60_000)]);
      const ids = [...byA, ...byB].map((delivery) => delivery.deliveryId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(12); // 6 cases × 2 subscriptions (district, everywhere; the commune's filter leaves them out)

      // A died with byA claimed: nobody takes them before the lease passes; then B does, for the same webhook-ids.
      expect(await b.claimDue(now + 59_999, 10, 60_000)).toEqual([]);
      const retaken = await b.claimDue(now + 60_000, 50, 60_000);
      expect(retaken.map((delivery) => delivery.deliveryId)).toEqual(expect.arrayContaining(byA.map((delivery) => delivery.deliveryId)));
      expect(retaken.filter((delivery) => delivery.subscriptionId === 'district').map((delivery) => delivery.webhookId)).toEqual(
        expect.arrayContaining(byA.filter((delivery) => delivery.subscriptionId === 'district').map((delivery) => delivery.webhookId)),
      );
    });

    it('logs an attempt once and shows the same log on both instances', async () => {
      const [delivery] = await a.claimDue(now + 10 * 60_000, 1, 60_000); // every earlier lease has passed
      const attempt = { attempt: delivery!.attempts + 1, at: new Date(now).toISOString(), statusCode: 204, error: null, durationMs: 3 };
      await a.recordAttempt(delivery!.deliveryId, attempt, { status: 'delivered', nextAttemptMs: null });
      await b.recordAttempt(delivery!.deliveryId, attempt, { status: 'delivered', nextAttemptMs: null }); // a late duplicate changes nothing
      const log = await b.deliveries(delivery!.subscriptionId, null, 50);
      expect(log).toEqual(await a.deliveries(delivery!.subscriptionId, null, 50));
      expect(log.find((row) => row.deliveryId === delivery!.deliveryId)).toMatchObject({
        status: 'delivered',
        attempts: 1,
        lastStatusCode: 204,
        log: [expect.objectContaining({ attempt: 1, statusCode: 204 })],
      });
    });

    it('enqueues an alert judged by both instances once, and cancels what a disabled subscription had pending', async () => {
      const alert = { webhookId: 'alert_x', eventKind: 'case.received' as const, unitId: 'gia-tan', body: '{}' };
      const counts = await Promise.all([a.enqueue([alert], now), b.enqueue([alert], now)]);
      expect(counts.sort()).toEqual([0, 2]);
      await a.applyFeed([recorded('webhook-district', 'WebhookSubscriptionDisabled', { reason: 'gone' })], caseFactMessage, now);
      const statuses = (await b.deliveries('district', null, 50)).filter((row) => row.status === 'pending');
      expect(statuses).toEqual([]);
      expect((await b.subscription('district'))?.status).toBe('disabled');
    });

    it('forgets an unregistered secret, never a registered one', async () => {
      await a.keepSecret('fp-unused', 'whsec_unused');
      await b.forgetSecret('fp-unused');
      await b.forgetSecret('fp-district');
      const [everywhere] = await a
        .claimDue(now + 60 * 60_000, 50, 60_000)
        .then((rows) => rows.filter((row) => row.subscriptionId === 'everywhere'));
      expect(everywhere).toBeDefined();
      expect((await a.subscription('district'))?.status).toBe('disabled');
    });
  });
}
