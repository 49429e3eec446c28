import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type Http, type TestApp } from '../support/start-test-app.js';

interface Received {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly answered: number;
}

/**
 * A receiver on 127.0.0.1, started by the test: it keeps every request, and answers 500 to the first
 * attempt of each webhook-id (so every delivery must be retried), 204 after, or 503 to all while down.
 */
class Receiver {
  readonly requests: Received[] = [];
  down = false;
  private readonly server: Server;
  private readonly seen = new Set<string>();

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const id = String(request.headers['webhook-id']);
        const answered = this.down ? 503 : this.seen.has(id) ? 204 : 500;
        if (!this.down) this.seen.add(id);
        this.requests.push({
          path: request.url ?? '',
          headers: request.headers as Record<string, string>,
          body: Buffer.concat(chunks).toString('utf8'),
          answered,
        });
        response.writeHead(answered).end();
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  at(path: string): Received[] {
    return this.requests.filter((request) => request.path === path);
  }
}

/** The Standard Webhooks check a receiver makes, written here apart from the service's signer. */
function signatureHolds(secret: string, request: Received): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${request.headers['webhook-id']}.${request.headers['webhook-timestamp']}.${request.body}`)
    .digest('base64');
  return request.headers['webhook-signature'].split(' ').includes(`v1,${expected}`);
}

async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ENV = { WEBHOOK_RETRY_SCALE: '0.0001', WEBHOOK_ALERT_SCAN_SECONDS: '1' };
const at = '2026-03-02T08:00:00+07:00';

async function seedUnits(http: Http): Promise<void> {
  const post = async (body: object) => {
    const response = await http.post('/api/v1/units').send(body);
    if (response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
  };
  await post({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at });
  await post({ unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: at });
  await post({ unitId: 'gia-tan', name: 'Xã Gia Tân', kind: 'commune', parentId: 'gia-loc', occurredAt: at });
  await post({ unitId: 'gia-xuyen', name: 'Xã Gia Xuyên', kind: 'commune', parentId: 'gia-loc', occurredAt: at });
  await http
    .post('/api/v1/officials')
    .send({ officialId: 'o-tan', fullName: 'Trần Văn Tân', position: 'Chủ tịch UBND', unitId: 'gia-tan', occurredAt: at })
    .expect(201);
}

async function receiveCase(http: Http, unitId: string): Promise<{ caseId: string }> {
  const response = await http
    .post('/api/v1/cases')
    .send({ unitId, category: 'reflection', channel: 'letter', summary: 'Đường ngập', reporter: { name: 'Nguyễn Văn B' }, occurredAt: at });
  if (response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
  return { caseId: response.body.caseId };
}

describe('webhook subscriptions', () => {
  let subject: TestApp;
  let http: Http;
  let receiver: Receiver;
  let base: string;
  let district: { subscriptionId: string; secret: string };
  let commune: { subscriptionId: string; secret: string };

  beforeAll(async () => {
    receiver = new Receiver();
    base = await receiver.start();
    subject = await startTestApp(ENV);
    http = subject.http;
    await seedUnits(http);
    const register = async (body: object) => (await http.post('/api/v1/webhooks').send(body).expect(201)).body;
    district = await register({ url: `${base}/gia-tan`, eventKinds: ['case.received', 'alert.breached'], unitId: 'gia-tan' });
    commune = await register({
      url: `${base}/gia-xuyen`,
      eventKinds: ['case.received'],
      unitId: 'gia-xuyen',
      description: 'Cổng thông tin',
    });
  }, 60_000);
  afterAll(async () => {
    await subject.close();
    await receiver.close();
  });

  it('registers a subscription as a ledger event and shows its secret once, in the whsec_ form', async () => {
    expect(district.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = (await http.get('/api/v1/webhooks').expect(200)).body.items;
    expect(listed.map((item: { subscriptionId: string }) => item.subscriptionId)).toEqual(
      expect.arrayContaining([district.subscriptionId, commune.subscriptionId]),
    );
    expect(JSON.stringify(listed)).not.toContain(district.secret.slice(6));
    const one = (await http.get(`/api/v1/webhooks/${commune.subscriptionId}`).expect(200)).body;
    expect(one).toMatchObject({ url: `${base}/gia-xuyen`, unitId: 'gia-xuyen', status: 'active', description: 'Cổng thông tin' });
    expect(one).not.toHaveProperty('secret');
    // The registration is an event of the ledger, which records the secret's fingerprint and never the secret.
    const evidence = (await http.get(`/api/v1/events/${one.registeredEventId}`).expect(200)).body;
    expect(JSON.stringify(evidence)).toContain('WebhookSubscriptionRegistered');
    expect(JSON.stringify(evidence)).not.toContain(district.secret.slice(6));
  });

  it('delivers a case fact signed as Standard Webhooks says, retries a failed attempt with the same webhook-id, and logs both', async () => {
    const { caseId } = await receiveCase(http, 'gia-tan');
    const attempts = await eventually('two attempts at the gia-tan receiver', () => {
      const found = receiver.at('/gia-tan').filter((request) => request.body.includes(caseId) && request.body.includes('"case.received"'));
      return found.length >= 2 ? found : undefined;
    });
    expect(attempts.map((request) => request.answered).slice(0, 2)).toEqual([500, 204]);
    const [first, second] = attempts;
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(first.headers['webhook-id']).toMatch(/^evt_[0-9a-f-]{36}$/);
    expect(second.body).toBe(first.body);
    for (const request of [first, second]) {
      expect(signatureHolds(district.secret, request)).toBe(true);
      expect(signatureHolds(commune.secret, request)).toBe(false);
      expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(request.headers['content-type']).toBe('application/json');
    }
    const message = JSON.parse(first.body);
    expect(message).toMatchObject({ type: 'case.received', data: { caseId, unitId: 'gia-tan', eventType: 'CaseReceived' } });
    expect(message.data.links.case).toBe(`/api/v1/cases/${caseId}`);
    expect(first.body).not.toContain('Nguyễn Văn B');

    const log = await eventually('the delivered entry in the log', async () => {
      const body = (await http.get(`/api/v1/webhooks/${district.subscriptionId}/deliveries`).expect(200)).body;
      return body.items.find(
        (item: { webhookId: string; status: string }) => item.webhookId === first.headers['webhook-id'] && item.status === 'delivered',
      );
    });
    expect(log).toMatchObject({ eventKind: 'case.received', attempts: 2, lastStatusCode: 204 });
    expect(log.log.map((attempt: { attempt: number; statusCode: number }) => [attempt.attempt, attempt.statusCode])).toEqual([
      [1, 500],
      [2, 204],
    ]);
    const metrics = (await http.get('/metrics').expect(200)).text;
    expect(metrics).toMatch(/ledger_webhook_deliveries_total\{result="delivered"\} [1-9]/);
    expect(metrics).toMatch(/ledger_webhook_deliveries_total\{result="failed"\} [1-9]/);
  });

  it("gives a subscription limited to a unit that unit's matters only", async () => {
    const elsewhere = await receiveCase(http, 'gia-xuyen');
    await eventually('the gia-xuyen case at its receiver', () =>
      receiver.at('/gia-xuyen').find((request) => request.body.includes(elsewhere.caseId) && request.answered === 204),
    );
    const here = await receiveCase(http, 'gia-tan');
    await eventually('the later gia-tan case at its receiver', () =>
      receiver.at('/gia-tan').find((request) => request.body.includes(here.caseId) && request.answered === 204),
    );
    expect(receiver.at('/gia-tan').some((request) => request.body.includes(elsewhere.caseId))).toBe(false);
    expect(receiver.at('/gia-xuyen').some((request) => request.body.includes(here.caseId))).toBe(false);
  });

  it('delivers an alert once per deadline and state, with a webhook-id derived from the alert', async () => {
    const { caseId } = await receiveCase(http, 'gia-tan');
    await http
      .post(`/api/v1/cases/${caseId}/assignments`)
      .send({ officialId: 'o-tan', dueAt: '2026-03-06T17:00:00+07:00', occurredAt: '2026-03-02T09:00:00+07:00' })
      .expect(200);
    const alerts = await eventually('a breached alert of the case', () => {
      const found = receiver
        .at('/gia-tan')
        .filter((request) => request.body.includes('"alert.breached"') && request.body.includes(caseId) && request.answered === 204);
      return found.length > 0 ? found : undefined;
    });
    const message = JSON.parse(alerts[0].body);
    expect(message.data).toMatchObject({ kind: 'breached', caseId, unitId: 'gia-tan' });
    expect(alerts[0].headers['webhook-id']).toMatch(/^alert_[A-Za-z0-9_-]{32}$/);
    expect(signatureHolds(district.secret, alerts[0])).toBe(true);
    // Scans every second find the same alert again; it is enqueued once: one failed attempt and one delivery.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const sameId = receiver.at('/gia-tan').filter((request) => request.headers['webhook-id'] === alerts[0].headers['webhook-id']);
    expect(sameId.map((request) => request.answered)).toEqual([500, 204]);
  });

  it('stops delivering to a disabled subscription', async () => {
    const disabled = await http
      .post(`/api/v1/webhooks/${commune.subscriptionId}/disablements`)
      .send({ reason: 'The portal moved' })
      .expect(200);
    expect(disabled.body).toMatchObject({ status: 'disabled', disabledReason: 'The portal moved' });
    await http.post(`/api/v1/webhooks/${commune.subscriptionId}/disablements`).send({ reason: 'Again' }).expect(409);
    const silent = await receiveCase(http, 'gia-xuyen');
    const heard = await receiveCase(http, 'gia-tan');
    await eventually('the gia-tan case delivered', () =>
      receiver.at('/gia-tan').find((request) => request.body.includes(heard.caseId) && request.answered === 204),
    );
    expect(receiver.at('/gia-xuyen').some((request) => request.body.includes(silent.caseId))).toBe(false);
  });

  it('refuses a URL that is not http(s), and any caller but an admin', async () => {
    for (const url of ['ftp://127.0.0.1/hooks', 'javascript:alert(1)', 'file:///etc/passwd', 'not a url', 'http://user:pw@127.0.0.1/x']) {
      const refused = await http.post('/api/v1/webhooks').send({ url, eventKinds: ['case.received'] });
      expect([url, refused.status, refused.body.code]).toEqual([url, 400, 'WEBHOOK.URL_INVALID']);
    }
    const unknownKind = await http.post('/api/v1/webhooks').send({ url: `${base}/x`, eventKinds: ['case.eaten'] });
    expect(unknownKind.status).toBe(400);
    const inspector = subject.as('inspector-1', ['inspector'], 'all');
    expect((await inspector.post('/api/v1/webhooks').send({ url: `${base}/x`, eventKinds: ['case.received'] })).status).toBe(403);
    expect((await inspector.get('/api/v1/webhooks')).status).toBe(403);
    expect((await http.get('/api/v1/webhooks/no-such/deliveries')).status).toBe(404);
  });
});

describe('webhook deliveries across a restart', () => {
  it('keeps a pending delivery and makes it after the restart, with the same webhook-id', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-webhooks-'));
    const receiver = new Receiver();
    const base = await receiver.start();
    receiver.down = true;
    try {
      let subject = await startTestApp({ ...ENV, WEBHOOK_RETRY_SCALE: '0.2' }, { dataDir });
      await seedUnits(subject.http);
      const { secret } = (
        await subject.http
          .post('/api/v1/webhooks')
          .send({ url: `${base}/down`, eventKinds: ['case.received'] })
          .expect(201)
      ).body;
      const { caseId } = await receiveCase(subject.http, 'gia-tan');
      const failed = await eventually('a failed attempt', () => receiver.at('/down').find((request) => request.body.includes(caseId)));
      expect(failed.answered).toBe(503);
      await subject.close();
      receiver.down = false;
      subject = await startTestApp(ENV, { dataDir });
      try {
        const delivered = await eventually('the delivery after the restart', () =>
          receiver.at('/down').find((request) => request.body.includes(caseId) && request.answered !== 503),
        );
        expect(delivered.headers['webhook-id']).toBe(failed.headers['webhook-id']);
        expect(signatureHolds(secret, delivered)).toBe(true);
      } finally {
        await subject.close();
      }
    } finally {
      await receiver.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
