/** The answers of the webhook routes as they are given: they document the shapes in the OpenAPI document. */
export const SUBSCRIPTION_EXAMPLE = {
  subscriptionId: '3f2b1c9e-5a77-4d0e-9a53-2f0f2de7b6a1',
  url: 'https://portal.example.gov.vn/ledger-hooks',
  eventKinds: ['alert.breached', 'case.received'],
  unitId: 'gia-tan',
  description: 'SMS gateway of the provincial office',
  status: 'active',
  registeredAt: '2026-03-02T08:00:00+07:00',
  registeredEventId: '8d07c531-fb8f-4ed9-96ba-e7d535db17c2',
  disabledAt: null,
  disabledReason: null,
};

export const SUBSCRIPTIONS_EXAMPLE = { items: [SUBSCRIPTION_EXAMPLE] };

export const DELIVERIES_EXAMPLE = {
  subscriptionId: SUBSCRIPTION_EXAMPLE.subscriptionId,
  items: [
    {
      deliveryId: 12,
      webhookId: 'evt_8d07c531-fb8f-4ed9-96ba-e7d535db17c2',
      eventKind: 'case.received',
      status: 'delivered',
      attempts: 2,
      createdAt: '2026-03-02T01:00:00.000Z',
      nextAttemptAt: null,
      deliveredAt: '2026-03-02T01:00:05.120Z',
      lastStatusCode: 204,
      log: [
        { attempt: 1, at: '2026-03-02T01:00:00.010Z', statusCode: 500, error: 'The receiver answered 500.', durationMs: 31 },
        { attempt: 2, at: '2026-03-02T01:00:05.100Z', statusCode: 204, error: null, durationMs: 20 },
      ],
    },
  ],
  nextBefore: null,
};
