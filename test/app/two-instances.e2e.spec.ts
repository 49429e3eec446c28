import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { embeddedSecret, embeddedSecretPath } from '../../src/auth/jwt/embedded-secret.js';
import type { Principal } from '../../src/auth/principal.js';
import { mintSignInLinkToken, signInLinkKey } from '../../src/auth/sessions/sign-in-link.js';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { startFakeEventStoreDb } from '../support/fake-eventstoredb/index.js';
import { runLedgerCli } from '../support/run-ledger-cli.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { testPostgres, withoutPostgres, type TestPostgres } from '../support/test-postgres.js';

/**
 * Two instances of the service behind one balancer: one EventStoreDB (the gRPC test double), one
 * signing key, one PostgreSQL for the personal-data keys, the Open311 counts and the console sessions,
 * and each instance its own data folder (read models, Merkle log) provisioned with the same token secrets.
 */
const postgres = await testPostgres();
if (typeof postgres === 'string') withoutPostgres('two instances sharing PostgreSQL', postgres);

describe('two instances on one EventStoreDB', () => {
  let server: Awaited<ReturnType<typeof startFakeEventStoreDb>>;
  let shared: string;
  let a: TestApp;
  let b: TestApp;
  let env: NodeJS.ProcessEnv;
  const pg = typeof postgres === 'string' ? undefined : (postgres as TestPostgres);
  const withPostgres = pg ? it : it.skip;

  beforeAll(async () => {
    server = await startFakeEventStoreDb();
    shared = mkdtempSync(join(tmpdir(), 'ledger-two-instances-'));
    const signingKey = join(shared, 'signing-key.pem');
    writeFileSync(signingKey, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    env = {
      LEDGER_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: server.connectionString,
      LEDGER_SIGNING_KEY_FILE: signingKey,
      LEDGER_CHECKPOINT_EVERY_EVENTS: '4',
      LEDGER_CHECKPOINT_EVERY_MINUTES: '0',
      OPEN311_RATE_LIMIT_PER_MINUTE: '3',
      WEBHOOK_RETRY_SCALE: '0.0001',
      ...(pg && {
        PERSONAL_DATA_KEY_STORE: 'postgresql',
        PERSONAL_DATA_KEY_STORE_URL: pg.url,
        OPEN311_RATE_LIMIT_STORE: 'postgresql',
        OPEN311_RATE_LIMIT_STORE_URL: pg.url,
        SESSION_STORE: 'postgresql',
        SESSION_STORE_URL: pg.url,
        WEBHOOK_STORE: 'postgresql',
        WEBHOOK_STORE_URL: pg.url,
      }),
    };
    a = await startTestApp(env, { dataDir: join(shared, 'a') });
    // The second instance's folder gets the first's token secrets, as an operator provisions instances.
    const bDir = join(shared, 'b');
    for (const file of [embeddedSecretPath(a.dataDir), join(a.dataDir, 'open311', 'status-token.secret')]) {
      const to = join(bDir, file.slice(a.dataDir.length));
      mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
      copyFileSync(file, to);
    }
    b = await startTestApp(env, { dataDir: bDir });
    await a.http.post('/api/v1/units').send({ unitId: 'tinh', name: 'Tỉnh Hải Dương', kind: 'province' }).expect(201);
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
    await pg?.dropSchema();
    rmSync(shared, { recursive: true, force: true });
  });

  it("answers through B what was written through A, once B has read up to A's Ledger-Position", async () => {
    const received = await a.http
      .post('/api/v1/cases')
      .send({
        unitId: 'tinh',
        category: 'complaint',
        channel: 'letter',
        summary: 'Đường ngập',
        reporter: { name: 'Trần Văn B', phone: '0909 111 222' },
      })
      .expect(201);
    const { caseId } = received.body as { caseId: string };
    const position = received.headers['ledger-position'] as string;
    const inspector = (app: TestApp) => app.as('inspector-1', ['inspector']);

    const throughB = await inspector(b).get(`/api/v1/cases/${caseId}`).expect(200);
    const throughA = await inspector(a).get(`/api/v1/cases/${caseId}`).expect(200);
    const { reporter: reporterB, ...caseB } = throughB.body as { reporter: unknown };
    const { reporter: reporterA, ...caseA } = throughA.body as { reporter: unknown };
    expect(caseB).toEqual(caseA);
    expect(reporterA).toMatchObject({ name: 'Trần Văn B' });
    if (pg)
      expect(reporterB).toEqual(reporterA); // B opens what A sealed: one key store
    else expect(reporterB).toMatchObject({ redacted: true, reason: 'unreadable' }); // each its own keys.db: B cannot

    const listB = await b.http.get(`/api/v1/cases?unitId=tinh&minPosition=${position}`);
    const listA = await a.http.get(`/api/v1/cases?unitId=tinh&minPosition=${position}`);
    expect(listB.status).toBe(200);
    const { asOf: _asOfB, ...answerB } = listB.body as { asOf: string };
    const { asOf: _asOfA, ...answerA } = listA.body as { asOf: string };
    expect(answerB).toEqual(answerA); // asOf is each answer's own moment
    expect(JSON.stringify(listB.body)).toContain(caseId);
  });

  it('writes a request once when its retry with the same Idempotency-Key reaches the other instance, and answers the same', async () => {
    const body = { name: 'Huyện Gia Lộc', kind: 'district', parentId: 'tinh' };
    const first = await a.http.post('/api/v1/units').set('Idempotency-Key', 'register-gia-loc').send(body).expect(201);
    const retry = await b.http.post('/api/v1/units').set('Idempotency-Key', 'register-gia-loc').send(body).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const stream = await a.app.get<EventStore>(EVENT_STORE).readStream(`unit-${first.body.unitId as string}`);
    expect(stream).toHaveLength(1);

    const other = await b.http
      .post('/api/v1/units')
      .set('Idempotency-Key', 'register-gia-loc')
      .send({ ...body, name: 'Other' });
    expect(other.status).toBe(422);
  });

  withPostgres('counts Open311 submissions of one client on both instances against one limit', async () => {
    const submit = (app: TestApp) =>
      app.anonymous
        .post('/open311/v2/requests.json')
        .type('form')
        .send({ jurisdiction_id: 'tinh', service_code: 'incident', description: 'x', address_string: 'y' });
    expect((await submit(a)).status).toBe(201);
    expect((await submit(b)).status).toBe(201);
    expect((await submit(a)).status).toBe(201);
    const refused = await submit(b);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual([{ code: 429, description: expect.any(String), error_code: 'RATE_LIMITED' }]);
  });

  withPostgres(
    'opens a session on A with a sign-in link that B honours, spends the link on both, and ends it on A when signed out on B',
    async () => {
      const admin: Principal = { subject: 'quan-tri-1', roles: ['admin'], units: 'all' };
      const link = mintSignInLinkToken(signInLinkKey(embeddedSecret(a.dataDir)), {
        principal: admin,
        sessionSeconds: 3600,
        nowSeconds: Date.now() / 1000,
      });
      const opened = await a.anonymous.post('/api/v1/session').send({ link }).expect(201);
      const cookie = String(opened.headers['set-cookie']).split(';')[0]!;
      const csrf = opened.body.csrfToken as string;

      const again = await b.anonymous.post('/api/v1/session').send({ link });
      expect({ status: again.status, code: again.body.code }).toEqual({ status: 401, code: 'SESSION.LINK_USED' });

      const onB = await b.anonymous.get('/api/v1/session').set('Cookie', cookie).expect(200);
      expect(onB.body).toMatchObject({ subject: 'quan-tri-1', roles: ['admin'], csrfToken: csrf, signedInWith: 'link' });
      await b.anonymous
        .post('/api/v1/units')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', csrf)
        .send({ unitId: 'thanh-ha', name: 'Huyện Thanh Hà', kind: 'district', parentId: 'tinh' })
        .expect(201);

      await b.anonymous.post('/api/v1/session/sign-out').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(204);
      const onA = await a.anonymous.get('/api/v1/session').set('Cookie', cookie);
      expect({ status: onA.status, code: onA.body.code }).toEqual({ status: 401, code: 'SESSION.EXPIRED' });
    },
  );

  withPostgres(
    'lists a subscription registered on A on both, and delivers each case fact to it once, whichever instance wrote it',
    async () => {
      const received: { id: string; signature: string; timestamp: string; body: string }[] = [];
      const receiver = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const header = (name: string) => String(request.headers[name]);
          received.push({
            id: header('webhook-id'),
            signature: header('webhook-signature'),
            timestamp: header('webhook-timestamp'),
            body: Buffer.concat(chunks).toString(),
          });
          response.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
        const registered = await a.http
          .post('/api/v1/webhooks')
          .send({ url, eventKinds: ['case.received'] })
          .expect(201);
        const { subscriptionId, secret } = registered.body as { subscriptionId: string; secret: string };
        const at = registered.headers['ledger-position'] as string;
        const onB = await b.http.get(`/api/v1/webhooks?minPosition=${at}`).expect(200);
        const onA = await a.http.get(`/api/v1/webhooks?minPosition=${at}`).expect(200);
        expect(onB.body).toEqual(onA.body);
        expect(onB.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ subscriptionId, status: 'active' })]));

        const cases: string[] = [];
        for (const app of [a, b, a, b]) {
          const answer = await app.http
            .post('/api/v1/cases')
            .send({ unitId: 'tinh', category: 'reflection', channel: 'letter', summary: 'Cống tắc' })
            .expect(201);
          cases.push(answer.body.caseId as string);
        }
        const deadline = Date.now() + 20_000;
        while (cases.some((caseId) => !received.some((request) => request.body.includes(caseId))) && Date.now() < deadline)
          await new Promise((later) => setTimeout(later, 50));
        await new Promise((later) => setTimeout(later, 1500)); // both dispatchers have polled many times since
        const perCase = cases.map((caseId) => received.filter((request) => request.body.includes(caseId)).length);
        expect(perCase).toEqual([1, 1, 1, 1]);
        expect(new Set(received.map((request) => request.id)).size).toBe(received.length);
        const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
        for (const request of received) {
          const expected = createHmac('sha256', key).update(`${request.id}.${request.timestamp}.${request.body}`).digest('base64');
          expect(request.signature.split(' ')).toContain(`v1,${expected}`); // B signs with the secret A was given
        }

        const logOnA = await a.http.get(`/api/v1/webhooks/${subscriptionId}/deliveries`).expect(200);
        const logOnB = await b.http.get(`/api/v1/webhooks/${subscriptionId}/deliveries`).expect(200);
        expect(logOnB.body).toEqual(logOnA.body);
        expect(logOnB.body.items).toHaveLength(4);
        expect(logOnB.body.items.map((item: { status: string; attempts: number }) => [item.status, item.attempts])).toEqual(
          Array.from({ length: 4 }, () => ['delivered', 1]),
        );
      } finally {
        await new Promise((resolve) => receiver.close(resolve));
      }
    },
    60_000,
  );

  it('signs the same checkpoints on both, and the shared ledger verifies', async () => {
    const head = await a.app.get<EventStore>(EVENT_STORE).headPosition();
    const status = async (app: TestApp) => (await app.http.get('/api/v1/integrity/status').expect(200)).body as { position: number };
    for (let tries = 0; tries < 100; tries++) {
      if ((await status(a)).position >= head && (await status(b)).position >= head) break;
      await new Promise((later) => setTimeout(later, 50));
    }
    await new Promise((later) => setTimeout(later, 300)); // a checkpoint signed at the head reaches both logs
    const onA = (await a.http.get('/api/v1/integrity/checkpoint').expect(200)).body as { note: string; treeSize: number };
    const onB = (await b.http.get('/api/v1/integrity/checkpoint').expect(200)).body as { note: string; treeSize: number };
    expect(onB.note).toBe(onA.note);
    expect(onA.treeSize % 4).toBe(0);
    const recorded = await a.app.get<EventStore>(EVENT_STORE).readStream('integrity-checkpoints');
    const sizes = recorded.map((event) => event.data.treeSize);
    expect(sizes).toEqual([...new Set(sizes)]); // no checkpoint twice

    const verified = await runLedgerCli(['verify'], { ...env, LEDGER_DATA_DIR: b.dataDir });
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
  }, 120_000);
});
