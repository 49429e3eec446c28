import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const SCRAPE_TOKEN = 'scrape-0123456789abcdef0123456789abcdef';

/** One sample line's value, e.g. value(text, 'ledger_appends_total{outcome="written"}'); undefined when absent. */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp({ METRICS_TOKEN: SCRAPE_TOKEN, LEDGER_CHECKPOINT_ORIGIN: 'ledger.test/metrics' });
    await subject.http.post('/api/v1/units').send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province' }).expect(201);
    await subject.http
      .post('/api/v1/units')
      .send({ unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong' })
      .expect(201);
    await subject.http.get('/api/v1/units/gia-loc').expect(200);
    await subject.http.get('/api/v1/units/nowhere-at-all').expect(404);
    await subject.http.post('/api/v1/units').send({ unitId: 'hai-duong', name: 'Again', kind: 'province' }).expect(409);
  }, 60_000);
  afterAll(async () => {
    await subject.close();
  });

  const scrape = async (): Promise<string> => {
    const response = await subject.anonymous.get('/metrics').set('Authorization', `Bearer ${SCRAPE_TOKEN}`).expect(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    return response.text;
  };

  it('opens to the scrape token and to operations.read, to no one else', async () => {
    await scrape();
    await subject.as('inspector-1', ['inspector']).get('/metrics').expect(200);
    await subject.as('admin-1', ['admin']).get('/metrics').expect(200);
    expect((await subject.as('recorder-1', ['recorder'], 'all').get('/metrics').expect(403)).body.code).toBe('AUTH.ROLE_REQUIRED');
    expect((await subject.anonymous.get('/metrics').expect(401)).body.code).toBe('AUTH.TOKEN_MISSING');
    const wrong = await subject.anonymous
      .get('/metrics')
      .set('Authorization', `Bearer ${SCRAPE_TOKEN.slice(0, -1)}x`)
      .expect(401);
    expect(wrong.body.code).toBe('AUTH.TOKEN_INVALID');
    // The scrape token opens /metrics only.
    await subject.anonymous.get('/api/v1/projections').set('Authorization', `Bearer ${SCRAPE_TOKEN}`).expect(401);
  });

  it('times requests by route pattern and status, never by the raw path', async () => {
    const text = await scrape();
    expect(value(text, 'ledger_http_request_duration_seconds_count{method="POST",route="/api/v1/units",status="201"}')).toBe(2);
    expect(value(text, 'ledger_http_request_duration_seconds_count{method="POST",route="/api/v1/units",status="409"}')).toBe(1);
    expect(value(text, 'ledger_http_request_duration_seconds_count{method="GET",route="/api/v1/units/:unitId",status="200"}')).toBe(1);
    expect(value(text, 'ledger_http_request_duration_seconds_count{method="GET",route="/api/v1/units/:unitId",status="404"}')).toBe(1);
    expect(text).not.toContain('gia-loc');
    expect(text).not.toContain('nowhere-at-all');
  });

  it('counts appends, their commit groups and events', async () => {
    const text = await scrape();
    expect(value(text, 'ledger_appends_total{outcome="written"}')).toBeGreaterThanOrEqual(2);
    expect(value(text, 'ledger_appended_events_total')).toBeGreaterThanOrEqual(2);
    expect(value(text, 'ledger_append_group_size_count')).toBeGreaterThanOrEqual(2);
    expect(value(text, 'ledger_append_group_size_bucket{le="1"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'ledger_append_commit_duration_seconds_count')).toBe(value(text, 'ledger_append_group_size_count'));
  });

  it('shows the head, each projection and the Merkle log behind it, the checkpoint and the last verification', async () => {
    const before = await scrape();
    expect(value(before, 'ledger_event_store_up{store="sqlite"}')).toBe(1);
    const head = value(before, 'ledger_head_position{store="sqlite"}')!;
    expect(head).toBeGreaterThanOrEqual(2);
    for (const projection of ['audit-trail', 'case-timelines', 'personal-data-reads'])
      expect(value(before, `ledger_projection_lag_positions{projection="${projection}"}`)).toBeGreaterThanOrEqual(0);
    expect(value(before, 'ledger_merkle_log_lag_positions{store="sqlite"}')).toBeGreaterThanOrEqual(0);
    expect(before).toContain('# TYPE ledger_checkpoint_age_seconds gauge');
    expect(before).not.toMatch(/^ledger_checkpoint_age_seconds\{/m); // nothing signed yet: no figure rather than 0
    expect(before).not.toMatch(/^ledger_verification_last_ok\{/m);

    await subject.as('inspector-1', ['inspector']).post('/api/v1/integrity/checkpoints').expect(201);
    await subject.as('inspector-1', ['inspector']).get('/api/v1/integrity/verification').expect(200);
    const after = await scrape();
    expect(value(after, 'ledger_checkpoint_tree_size{origin="ledger.test/metrics"}')).toBeGreaterThanOrEqual(head);
    expect(value(after, 'ledger_checkpoint_age_seconds{origin="ledger.test/metrics"}')).toBeLessThan(60);
    expect(value(after, 'ledger_checkpoint_failing{origin="ledger.test/metrics"}')).toBe(0);
    expect(value(after, 'ledger_verification_last_ok{origin="ledger.test/metrics"}')).toBe(1);
    expect(value(after, 'ledger_verification_last_timestamp_seconds{origin="ledger.test/metrics"}')).toBeCloseTo(Date.now() / 1000, -2);
  });

  it('names the webhook figures without inventing any value, and exposes the process figures', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE ledger_webhook_deliveries_total counter');
    expect(text).toContain('# TYPE ledger_webhook_delivery_duration_seconds histogram');
    expect(text).not.toMatch(/^ledger_webhook_/m);
    expect(value(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });
});

describe('GET /health/ready', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(async () => {
    await subject.close();
  });

  it('answers 200 without a token once the projections and the Merkle log have caught up, with what it checked', async () => {
    await subject.http.post('/api/v1/units').send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province' }).expect(201);
    let response = await subject.anonymous.get('/health/ready');
    for (let attempt = 0; response.status !== 200 && attempt < 50; attempt += 1) {
      await new Promise((later) => setTimeout(later, 100));
      response = await subject.anonymous.get('/health/ready');
    }
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: {
        eventStore: { status: 'up' },
        projections: {
          status: 'up',
          projections: expect.arrayContaining([expect.objectContaining({ name: 'audit-trail', caughtUp: true })]),
        },
        merkleLog: { status: 'up', state: 'following', caughtUp: true },
        checkpoints: { status: 'up', lastError: null },
      },
    });
    await subject.anonymous.get('/health').expect(200);
  });
});

describe('when the event store stops answering', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp({ METRICS_TOKEN: SCRAPE_TOKEN });
    await subject.http.post('/api/v1/units').send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province' }).expect(201);
    await subject.app.get<EventStore>(EVENT_STORE).close();
  });
  afterAll(async () => {
    await subject.close();
  });

  it('/health/ready answers 503 in the error shape, naming what is not ready', async () => {
    const response = await subject.anonymous.get('/health/ready').expect(503);
    expect(response.body).toMatchObject({
      status: 503,
      code: 'HEALTH.NOT_READY',
      detail: 'This instance is not ready for traffic: eventStore, projections (see details).',
      details: { status: 'error', error: { eventStore: { status: 'down', message: 'The event store is closed' } } },
    });
  });

  it('/metrics still answers, with the store down and no head rather than a stale one', async () => {
    const text = (await subject.anonymous.get('/metrics').set('Authorization', `Bearer ${SCRAPE_TOKEN}`).expect(200)).text;
    expect(value(text, 'ledger_event_store_up{store="sqlite"}')).toBe(0);
    expect(text).not.toMatch(/^ledger_head_position\{/m);
    expect(text).not.toMatch(/^ledger_projection_lag_positions\{/m);
  });
});
