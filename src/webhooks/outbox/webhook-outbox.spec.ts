import type { RecordedEvent } from '../../ledger/event-store.port.js';
import { caseFactMessage } from './webhook-messages.js';
import { WebhookOutbox } from './webhook-outbox.js';

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

describe('the webhook outbox', () => {
  const now = Date.parse('2026-03-02T01:00:00Z');

  it('enqueues a case fact once per subscription whose unit covers it, from the feed, with its checkpoint', () => {
    const outbox = new WebhookOutbox(':memory:');
    outbox.keepSecret('fp-district', 'whsec_district');
    outbox.applyFeed(
      [
        recorded('unit-gia-loc', 'UnitRegistered', { unitId: 'gia-loc', parentId: null }),
        recorded('unit-gia-tan', 'UnitRegistered', { unitId: 'gia-tan', parentId: 'gia-loc' }),
        recorded('unit-gia-xuyen', 'UnitRegistered', { unitId: 'gia-xuyen', parentId: 'gia-loc' }),
        subscribed('district', 'gia-loc', 'fp-district'),
        subscribed('commune', 'gia-xuyen', 'fp-commune'),
        subscribed('everywhere', null, 'fp-everywhere'),
        recorded('case-c1', 'CaseReceived', { unitId: 'gia-tan' }),
        recorded('case-c1', 'CaseAcknowledged', {}),
      ],
      caseFactMessage,
      now,
    );
    expect(outbox.position()).toBe(position);
    const due = outbox.due(now, 10);
    expect(due.map((delivery) => delivery.subscriptionId).sort()).toEqual(['district', 'everywhere']);
    expect(due.find((delivery) => delivery.subscriptionId === 'district')?.secret).toBe('whsec_district');
    expect(new Set(due.map((delivery) => delivery.webhookId)).size).toBe(1);
    // The same delivery enqueued again (a feed read twice) is not a second delivery.
    const again = caseFactMessage(recorded('case-c1', 'CaseReceived', { unitId: 'gia-tan' }), 'gia-tan')!;
    expect(outbox.enqueue([{ ...again, webhookId: due[0].webhookId }], now)).toBe(0);
  });

  it('follows an escalation to the unit the case went to, and cancels what a disabled subscription had pending', () => {
    const outbox = new WebhookOutbox(':memory:');
    outbox.applyFeed(
      [
        recorded('unit-gia-tan', 'UnitRegistered', { unitId: 'gia-tan', parentId: null }),
        recorded('unit-gia-xuyen', 'UnitRegistered', { unitId: 'gia-xuyen', parentId: null }),
        subscribed('commune', 'gia-xuyen', 'fp'),
        recorded('case-c2', 'CaseReceived', { unitId: 'gia-tan' }),
        recorded('case-c2', 'CaseEscalated', { fromUnitId: 'gia-tan', toUnitId: 'gia-xuyen', reason: 'x' }),
      ],
      caseFactMessage,
      now,
    );
    expect(outbox.due(now, 10).map((delivery) => JSON.parse(delivery.body).type)).toEqual(['case.escalated']);
    outbox.applyFeed([recorded('webhook-commune', 'WebhookSubscriptionDisabled', { reason: 'gone' })], caseFactMessage, now);
    expect(outbox.due(now, 10)).toEqual([]);
    expect(outbox.deliveries('commune', null, 10).map((delivery) => delivery.status)).toEqual(['cancelled']);
  });

  it('logs every attempt and schedules the next', () => {
    const outbox = new WebhookOutbox(':memory:');
    outbox.applyFeed([subscribed('all', null, 'fp'), recorded('case-c3', 'CaseReceived', { unitId: 'gia-tan' })], caseFactMessage, now);
    const [delivery] = outbox.due(now, 10);
    outbox.recordAttempt(
      delivery.deliveryId,
      { attempt: 1, at: new Date(now).toISOString(), statusCode: 500, error: 'The receiver answered 500.', durationMs: 3 },
      { status: 'pending', nextAttemptMs: now + 5000 },
    );
    expect(outbox.due(now + 4999, 10)).toEqual([]);
    expect(outbox.due(now + 5000, 10).map((due) => due.attempts)).toEqual([1]);
    outbox.recordAttempt(
      delivery.deliveryId,
      { attempt: 2, at: new Date(now + 5000).toISOString(), statusCode: 204, error: null, durationMs: 2 },
      { status: 'delivered', nextAttemptMs: null },
    );
    expect(outbox.deliveries('all', null, 10)).toEqual([
      expect.objectContaining({
        status: 'delivered',
        attempts: 2,
        lastStatusCode: 204,
        log: [expect.objectContaining({ attempt: 1, statusCode: 500 }), expect.objectContaining({ attempt: 2, statusCode: 204 })],
      }),
    ]);
  });
});
