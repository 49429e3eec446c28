import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { embeddedSecret } from '../../src/auth/jwt/embedded-secret.js';
import { ROLES } from '../../src/auth/principal.js';
import { testToken } from '../support/test-tokens.js';
import { freePort } from '../support/free-port.js';

const projectRoot = resolve(import.meta.dirname, '..', '..');
const at = '2017-03-01T08:00:00+07:00';
/** Personal data sent in the requests below; none of it may reach the log. */
const reporter = {
  name: 'Phạm Thị Nhật Ký',
  phone: '0987 654 321',
  email: 'nhatky@example.vn',
  address: 'Số 7 ngõ Nhật Ký',
  identityNumber: '030187009999',
};

/** main.ts as users run it, with its JSON logs at debug level, through a scenario of writes, reads and refusals. */
describe('the logs of a full run', () => {
  let folder: string;
  let child: ChildProcess;
  let output = '';

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-logs-'));
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  it('are JSON lines with correlation ids, and hold no personal data and no token', async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['--import', './test/support/register-ts.mjs', 'src/main.ts'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', LEDGER_DATA_DIR: folder, LOG_LEVEL: 'verbose' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const base = `http://127.0.0.1:${port}`;
    for (let tries = 0; ; tries += 1) {
      if ((await fetch(`${base}/health`).catch(() => undefined))?.ok) break;
      if (tries > 300) throw new Error(`the service did not start:\n${output}`);
      await new Promise((done) => setTimeout(done, 200));
    }
    const token = testToken(embeddedSecret(folder), { subject: 'log-scan', roles: ROLES, units: 'all', ttlSeconds: 600 });
    const call = (method: string, path: string, body?: object, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    expect(
      (
        await call(
          'POST',
          '/api/v1/units',
          { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at },
          { 'x-correlation-id': 'log-scan-1' },
        )
      ).status,
    ).toBe(201);
    const created = await call('POST', '/api/v1/cases', {
      unitId: 'hai-duong',
      category: 'denunciation',
      channel: 'hotline',
      summary: 'Xả thải ban đêm',
      reporter,
      occurredAt: at,
    });
    expect(created.status).toBe(201);
    const { caseId } = (await created.json()) as { caseId: string };
    expect((await call('GET', `/api/v1/cases/${caseId}`)).status).toBe(200);
    expect((await call('GET', `/api/v1/cases/${caseId}/history`)).status).toBe(200);
    expect((await call('GET', `/api/v1/audit.csv`)).status).toBe(200);
    // Refusals: bad input carrying personal data, a bad token, malformed JSON.
    expect(
      (
        await call('POST', '/api/v1/cases', {
          unitId: 'hai-duong',
          category: 'denunciation',
          channel: 'hotline',
          summary: 'x',
          reporter: { ...reporter, phone: 12345 },
        })
      ).status,
    ).toBe(400);
    expect((await call('GET', `/api/v1/cases/${caseId}`, undefined, { authorization: `Bearer ${token}x` })).status).toBe(401);
    expect(
      (
        await fetch(`${base}/api/v1/cases`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: `{"reporter":{"name":"${reporter.name}"`,
        })
      ).status,
    ).toBe(400);
    const form = new URLSearchParams({
      service_code: 'reflection',
      jurisdiction_id: 'hai-duong',
      description: 'Đèn hỏng',
      address_string: 'Thôn 1',
      first_name: 'Phạm Thị',
      last_name: 'Nhật Ký',
      email: reporter.email,
      phone: reporter.phone,
    });
    expect((await fetch(`${base}/open311/v2/requests.json?api_key=${token}`, { method: 'POST', body: form })).status).toBe(201);

    child.kill('SIGTERM');
    await new Promise((done) => child.once('close', done));

    const lines = output.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(8);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const requests = lines
      .map((line) => (JSON.parse(line) as { message?: { message?: string; correlationId?: string } }).message ?? {})
      .filter((entry) => entry.message === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(9);
    expect(requests.every((entry) => typeof entry.correlationId === 'string' && entry.correlationId.length > 0)).toBe(true);
    expect(requests.some((entry) => entry.correlationId === 'log-scan-1')).toBe(true);
    const secrets = [...Object.values(reporter), 'Nhật Ký', '0987654321', token, token.split('.')[2]!, 'eyJ', 'Bearer '];
    expect(secrets.filter((secret) => output.includes(secret))).toEqual([]);
  }, 90_000);
});
