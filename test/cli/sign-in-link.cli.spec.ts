import { runLedgerCli as ledger } from '../support/run-ledger-cli.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

describe('ledger token --link', () => {
  let subject: TestApp;
  beforeAll(async () => {
    subject = await startTestApp({ PUBLIC_BASE_URL: 'https://ledger.haiduong.gov.vn' });
  });
  afterAll(async () => {
    await subject.close();
  });

  it("prints, as its last line, a console sign-in address on PUBLIC_BASE_URL that opens a session with the link's roles, once", async () => {
    const ran = await ledger(['token', '--sub', 'thu-ky-xa', '--roles', 'recorder', '--units', 'gia-tan', '--ttl', '2h', '--link'], {
      LEDGER_DATA_DIR: subject.dataDir,
      PUBLIC_BASE_URL: 'https://ledger.haiduong.gov.vn',
    });
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    expect(ran.stdout).toContain('within 5 minutes; it works once');
    const address = ran.stdout.trim().split('\n').pop()!;
    expect(address).toMatch(/^https:\/\/ledger\.haiduong\.gov\.vn\/sign-in#link=v1\.[\w-]+\.[\w-]+$/);
    const token = address.split('#link=')[1]!;
    const session = await subject.anonymous.post('/api/v1/session').send({ link: token }).expect(201);
    expect(session.body).toMatchObject({ subject: 'thu-ky-xa', roles: ['recorder'], units: ['gia-tan'] });
    expect(Date.parse(session.body.expiresAt) - Date.now()).toBeGreaterThan(7_100_000);
    expect((await subject.anonymous.post('/api/v1/session').send({ link: token })).body.code).toBe('SESSION.LINK_USED');
    // A link is not a bearer token.
    const asBearer = await subject.anonymous.get('/api/v1/units/x').set('Authorization', `Bearer ${token}`);
    expect(asBearer.body.code).toBe('AUTH.TOKEN_INVALID');
  }, 90_000);
});
