import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const projectRoot = resolve(import.meta.dirname, '..', '..');

/** npm run seed:demo's script, against the real app on a port, twice. */
function runSeed(baseUrl: string, dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', './test/support/register-ts.mjs', 'src/demo/seed-demo.ts'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, BASE_URL: baseUrl, LEDGER_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

describe('npm run seed:demo', () => {
  let subject: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    subject = await startTestApp();
    await subject.app.listen(0, '127.0.0.1');
    baseUrl = await subject.app.getUrl();
  });
  afterAll(async () => {
    await subject.close();
  });

  it('records the province scenario through the API, and records nothing more when run again', async () => {
    const first = await runSeed(baseUrl, subject.dataDir);
    expect(first).toMatchObject({ code: 0, output: expect.stringContaining('The demo ledger is ready') });
    const store = subject.app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    expect(head).toBeGreaterThan(50);

    const second = await runSeed(baseUrl, subject.dataDir);
    expect(second.code).toBe(0);
    expect(await store.headPosition()).toBe(head);

    const http = subject.http;
    const review = (await http.get('/api/v1/reviews/kiem-diem-le-thi-hoa-2017-04').expect(200)).body;
    expect(review.evidenceEventIds).toHaveLength(2);
    const march = (await http.get('/api/v1/meetings/dang-uy-thong-nhat-2017-03').expect(200)).body;
    expect(march.attendees).not.toContain('le-thi-hoa');
    const visit = (await http.get('/api/v1/visits/2017-03-09-kiep-bac').expect(200)).body;
    expect(visit).toMatchObject({ status: 'conducted', publishedInCalendar: true });
  }, 60_000);
});
