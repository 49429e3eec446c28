import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_DIR } from '../../src/console/console-assets.middleware.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

describe('the console served at /', () => {
  let subject: TestApp;
  beforeAll(async () => {
    if (!existsSync(join(CONSOLE_DIR, 'index.html')))
      throw new Error(`${CONSOLE_DIR} has no index.html: run "npm run build" first (npm test does).`);
    subject = await startTestApp();
  });
  afterAll(async () => {
    await subject.close();
  });

  it("answers / and the console's own routes with index.html, never cached, and its hashed assets cached for a year", async () => {
    const index = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8');
    for (const path of [
      '/',
      '/cases/f06bc117',
      '/officials/le-thi-hoa?from=2017-01-01',
      '/sign-in',
      '/units/gia-loc',
      '/visits?unitId=gia-loc&below=true',
      '/meetings?attendeeId=le-thi-hoa',
    ]) {
      const answer = await subject.anonymous.get(path).expect(200);
      expect({ path, type: answer.type, cache: answer.headers['cache-control'] }).toEqual({ path, type: 'text/html', cache: 'no-cache' });
      expect(answer.text).toBe(index);
    }
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)![1]!;
    const asset = await subject.anonymous.get(script).set('Accept-Encoding', 'gzip').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-encoding']).toBe('gzip');
  });

  it('never answers the API, Open311, the docs or health with the console', async () => {
    const api = await subject.anonymous.get('/api/v1/no-such-route');
    expect({ status: api.status, type: api.type }).toEqual({ status: 404, type: 'application/problem+json' });
    const open311 = await subject.anonymous.get('/open311/v2/nothing.json');
    expect(open311.status).toBe(404);
    expect(open311.type).not.toBe('text/html');
    expect((await subject.anonymous.get('/health').expect(200)).type).toBe('application/json');
    expect((await subject.anonymous.get('/docs-json').expect(200)).type).toBe('application/json');
    expect((await subject.anonymous.get('/auth/config').expect(200)).type).toBe('application/json');
    expect((await subject.anonymous.get('/auth/nothing').expect(404)).type).not.toBe('text/html');
    const metrics = await subject.anonymous.get('/metrics');
    expect(metrics.type).not.toBe('text/html');
  });

  it('answers a missing file, or a path that is no console section, with the problem-details 404, not with the console page', async () => {
    for (const path of ['/assets/missing-abc123.js', '/no-such-thing', '/wp-login.php']) {
      const missing = await subject.anonymous.get(path);
      expect({ path, status: missing.status, type: missing.type }).toEqual({ path, status: 404, type: 'application/problem+json' });
    }
  });

  it('uses nothing from another origin: no font, script, style or image outside the build', () => {
    const index = readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8');
    expect(index).not.toMatch(/(src|href)="(https?:)?\/\//);
    const css = readFileSync(join(CONSOLE_DIR, 'assets', /href="\/assets\/([^"]+\.css)"/.exec(index)![1]!), 'utf8');
    expect(css).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
    expect(css).not.toMatch(/@import/);
  });
});
