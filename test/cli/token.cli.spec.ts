import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedSecretPath } from '../../src/auth/jwt/embedded-secret.js';
import { runLedgerCli as ledger } from '../support/run-ledger-cli.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

describe('ledger token', () => {
  let subject: TestApp;
  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(async () => {
    await subject.close();
  });

  it('mints a token for the data folder, printed as the last line, that the service accepts with its roles and units', async () => {
    const ran = await ledger(
      ['token', '--sub', 'thu-ky-xa', '--roles', 'recorder', '--units', 'gia-tan,gia-loc', '--official', 'nguyen-thi-thu', '--ttl', '2h'],
      { LEDGER_DATA_DIR: subject.dataDir },
    );
    expect(ran).toMatchObject({ code: 0, stderr: '' });
    const token = ran.stdout.trim().split('\n').pop()!;
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'thu-ky-xa', roles: ['recorder'], units: ['gia-tan', 'gia-loc'], official: 'nguyen-thi-thu' });
    expect(claims.exp - claims.iat).toBe(7200);
    expect(statSync(embeddedSecretPath(subject.dataDir)).mode & 0o777).toBe(0o600);
    const forbidden = await subject.anonymous.post('/api/v1/units').set('Authorization', `Bearer ${token}`).send({});
    expect({ status: forbidden.status, code: forbidden.body.code }).toEqual({ status: 403, code: 'AUTH.ROLE_REQUIRED' });
  }, 90_000);

  it.each([
    [['token', '--roles', 'admin'], '--sub <user> is required'],
    [['token', '--sub', 'a'], '--roles takes a comma-separated list'],
    [['token', '--sub', 'a', '--roles', 'admin,god'], 'unknown: god'],
    [['token', '--sub', 'a', '--roles', 'admin', '--ttl', 'forever'], '--ttl must be a duration'],
    [['token', '--sub', 'a', '--roles', 'recorder', '--units', 'gia tan'], '--units takes a comma-separated list of unit ids'],
    [['token', '--sub', 'a', '--roles', 'official', '--official', 'Nguyễn An'], '--official takes an official id'],
  ])(
    'refuses %p with exit code 2 and a sentence',
    async (args, sentence) => {
      const folder = mkdtempSync(join(tmpdir(), 'ledger-token-'));
      try {
        const ran = await ledger(args, { LEDGER_DATA_DIR: folder });
        expect(ran.code).toBe(2);
        expect(ran.stderr).toContain(sentence);
        expect(ran.stdout).toBe('');
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    90_000,
  );

  it('refuses with exit code 3 when tokens come from an external identity provider', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ledger-token-'));
    try {
      const ran = await ledger(['token', '--sub', 'a', '--roles', 'admin'], {
        LEDGER_DATA_DIR: folder,
        AUTH_JWKS_URL: 'https://idp.example/jwks',
        AUTH_ISSUER: 'https://idp.example',
        AUTH_AUDIENCE: 'ledger',
      });
      expect(ran.code).toBe(3);
      expect(ran.stderr).toContain('external identity provider');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 90_000);
});
