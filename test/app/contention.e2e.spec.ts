import { startTestApp, type TestApp } from '../support/start-test-app.js';

/**
 * Many clients acting on one case at the same moment, none sending If-Match: every one lands, as the
 * README promises, and the case's revisions have no gap and no repeat.
 */
describe('concurrent writers on one case over HTTP', () => {
  let subject: TestApp;
  let base: string;
  let token: string;

  beforeAll(async () => {
    subject = await startTestApp();
    // A real listening socket, so the requests arrive together rather than one ephemeral server each.
    await subject.app.listen(0, '127.0.0.1');
    base = (await subject.app.getUrl()).replace('[::1]', '127.0.0.1');
    token = subject.token('official-1', ['official'], 'all');
    const at = '2017-01-01T00:00:00+07:00';
    await subject.http
      .post('/api/v1/units')
      .send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at })
      .expect(201);
  });
  afterAll(async () => {
    await subject.close();
  });

  it.each([20, 50])('lands %i parallel POST /cases/{id}/actions without If-Match, all 200, revisions gap-free', async (writers) => {
    const received = await subject.http
      .post('/api/v1/cases')
      .send({ unitId: 'hai-duong', category: 'reflection', channel: 'hotline', summary: 'Smoke from the brick kilns' })
      .expect(201);
    const path = `${received.headers.location as string}/actions`;
    const answers = await Promise.all(
      Array.from({ length: writers }, (_, index) =>
        fetch(`${base}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ description: `Inspection visit ${index}` }),
        }),
      ),
    );
    const bodies = await Promise.all(answers.map((answer) => answer.json() as Promise<{ code?: string }>));
    expect(answers.map((answer, index) => `${answer.status} ${bodies[index].code ?? ''}`)).toEqual(answers.map(() => '200 '));
    const etags = answers.map((answer) => Number(JSON.parse(answer.headers.get('etag')!))).sort((a, b) => a - b);
    expect(etags).toEqual(Array.from({ length: writers }, (_, index) => index + 1));
    const now = await subject.http.get(received.headers.location as string).expect(200);
    expect(now.headers.etag).toMatch(new RegExp(`^"${writers}(-[a-z-]+)?"$`)); // the revision, and the reporter variant shown
    expect(now.body.actionCount).toBe(writers);
  });
});
