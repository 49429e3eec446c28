import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

describe('response policies over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;

  const complaintAcceptance = {
    ruleId: 'complaint-accept-2011',
    category: 'complaint',
    step: 'acknowledge',
    limit: 10,
    unit: 'calendar-days',
    clockStartsAt: 'CaseReceived',
    pauses: [],
    effectiveFrom: '2012-07-01',
    legalReference: 'Law on Complaints 02/2011/QH13, arts. 27 and 36',
    needsCheck: true,
    occurredAt: '2017-01-01T00:00:00+07:00',
  };

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
  });
  afterAll(async () => {
    await subject.close();
  });

  it('records a rule (201 + Location), refuses editing it (409), and retires it when a successor takes over', async () => {
    const created = await http.post('/api/v1/policies').send(complaintAcceptance).expect(201);
    expect(created.headers.location).toBe('/api/v1/policies/complaint-accept-2011');
    expect(created.body).toMatchObject({
      ruleId: 'complaint-accept-2011',
      status: 'recorded',
      rule: { limit: 10, unit: 'calendar-days', extensions: null, effectiveTo: null },
    });
    const edit = await http
      .post('/api/v1/policies')
      .send({ ...complaintAcceptance, limit: 7 })
      .expect(409);
    expect(edit.body.code).toBe('POLICY.ALREADY_RECORDED');

    await http
      .post('/api/v1/policies')
      .send({
        ...complaintAcceptance,
        ruleId: 'complaint-accept-2026',
        limit: 7,
        unit: 'working-days',
        effectiveFrom: '2026-07-01',
        legalReference: 'Decree 124/2020 art. 16 as amended by Decree 155/2026',
      })
      .expect(201);
    const stale = await http
      .post('/api/v1/policies/complaint-accept-2011/retirements')
      .set('If-Match', '"5"')
      .send({ effectiveTo: '2026-07-01', reason: 'Decree 155/2026' })
      .expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    const retired = await http
      .post('/api/v1/policies/complaint-accept-2011/retirements')
      .set('If-Match', '"0"')
      .send({ effectiveTo: '2026-07-01', reason: 'Decree 155/2026' })
      .expect(200);
    expect(retired.body).toMatchObject({ status: 'retired', retirement: { effectiveTo: '2026-07-01', reason: 'Decree 155/2026' } });
    const twice = await http
      .post('/api/v1/policies/complaint-accept-2011/retirements')
      .send({ effectiveTo: '2026-08-01', reason: 'x' })
      .expect(409);
    expect(twice.body.code).toBe('POLICY.ALREADY_RETIRED');
    expect((await http.get('/api/v1/policies/complaint-accept-2011').expect(200)).headers.etag).toBe('"1"');
  });

  it('records extensions that differ for complex cases and pauses that continue the clock', async () => {
    const body = {
      ...complaintAcceptance,
      ruleId: 'denunciation-resolve-2018',
      category: 'denunciation',
      step: 'resolve',
      limit: 30,
      clockStartsAt: 'CaseAccepted',
      pauses: [{ pausedBy: 'CaseSuspended', resumedBy: 'CaseResumed', onResume: 'continue' }],
      extensions: { max: 0, lengthDays: 30, complex: { max: 1, lengthDays: 30 }, especiallyComplex: { max: 2, lengthDays: 30 } },
    };
    const created = await http.post('/api/v1/policies').send(body).expect(201);
    expect(created.body.rule).toMatchObject({ pauses: body.pauses, extensions: body.extensions });
  });

  it('accepts every shipped default rule as a request body', async () => {
    const { rules } = JSON.parse(readFileSync(join(process.cwd(), 'src/policies/default-rules.json'), 'utf8')) as {
      rules: { ruleId: string }[];
    };
    for (const rule of rules)
      await http
        .post('/api/v1/policies')
        .send({ ...rule, ruleId: `shipped-${rule.ruleId}`, occurredAt: '2017-01-01T00:00:00+07:00' })
        .expect(201);
  });

  it('answers 404 for an unknown rule, also when retiring it', async () => {
    await http.get('/api/v1/policies/none').expect(404);
    await http.post('/api/v1/policies/none/retirements').send({ effectiveTo: '2026-07-01', reason: 'x' }).expect(404);
  });

  it.each([
    ['an unknown category', { category: 'rumour' }, 'VALIDATION.FAILED'],
    ['an unknown step', { step: 'ignore' }, 'VALIDATION.FAILED'],
    ['a zero limit', { limit: 0 }, 'VALIDATION.FAILED'],
    ['a limit as text', { limit: '10' }, 'VALIDATION.FAILED'],
    ['an unknown day type', { unit: 'lunar-days' }, 'VALIDATION.FAILED'],
    ['a clock started by no event type', { clockStartsAt: 'case received' }, 'VALIDATION.FAILED'],
    ['a pause without resumption', { pauses: [{ pausedBy: 'CaseSuspended' }] }, 'VALIDATION.FAILED'],
    ['an extension with an extra field', { extensions: { max: 1, lengthDays: 30, unlimited: true } }, 'VALIDATION.FAILED'],
    ['a missing needsCheck', { needsCheck: undefined }, 'VALIDATION.FAILED'],
    ['an end before the start', { effectiveTo: '2012-01-01' }, 'POLICY.EFFECTIVE_PERIOD_EMPTY'],
  ])('refuses a rule with %s (400)', async (_, change, code) => {
    const response = await http
      .post('/api/v1/policies')
      .send({ ...complaintAcceptance, ruleId: undefined, ...change })
      .expect(400);
    expect(response.body.code).toBe(code);
  });
});
