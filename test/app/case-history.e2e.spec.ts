import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const time = (day: string, hour = '08') => `2017-03-${day}T${hour}:00:00+07:00`;

describe('case history over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let location: string;
  let receivedEventId: string;

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    const at = '2017-01-01T00:00:00+07:00';
    await http.post('/api/v1/units').send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at }).expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: at })
      .expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'gia-tan', name: 'Xã Gia Tân', kind: 'commune', parentId: 'gia-loc', occurredAt: at })
      .expect(201);
    await http
      .post('/api/v1/officials')
      .send({ officialId: 'chu-tich-xa', fullName: 'Official', position: 'Chủ tịch UBND xã', unitId: 'gia-tan', occurredAt: at })
      .expect(201);

    const received = await http
      .post('/api/v1/cases')
      .send({
        unitId: 'gia-tan',
        category: 'complaint',
        channel: 'hotline',
        summary: 'Canal blocked',
        reporter: { name: 'Nguyễn Văn A', phone: '0912 345 678' },
        occurredAt: time('01'),
      })
      .expect(201);
    location = received.headers.location as string;
    receivedEventId = (received.body as { events: { eventId: string }[] }).events[0].eventId;
    await http
      .post(`${location}/acknowledgements`)
      .send({ occurredAt: time('02') })
      .expect(200);
    await http
      .post(`${location}/classifications`)
      .send({ classification: 'within-authority', reason: 'A commune matter', occurredAt: time('03') })
      .expect(200);
    // Recorded a few milliseconds later than the classification, so a time between the two exists.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await http
      .post(`${location}/corrections`)
      .send({
        eventId: receivedEventId,
        reason: 'Misheard on the phone',
        fields: { category: 'reflection', summary: 'Canal blocked by a dam' },
        occurredAt: time('04'),
      })
      .expect(200);
    await http
      .post(`${location}/resolutions`)
      .send({ outcome: 'Dam removed', occurredAt: time('05') })
      .expect(200);
  });
  afterAll(async () => {
    await subject.close();
  });

  type Step = {
    eventId: string;
    type: string;
    occurredAt: string;
    recordedAt: string;
    actor: string;
    streamRevision: number;
    globalPosition: number;
    hash: string;
    data: Record<string, unknown>;
    stateAfter: Record<string, unknown>;
  };
  const history = async (query = '') =>
    (await http.get(`${location}/history${query}`).expect(200)).body as {
      caseId: string;
      asOf: unknown;
      by: string;
      otherAxis: { by: string; steps: number } | null;
      note: string | null;
      state: Record<string, unknown>;
      steps: Step[];
    };

  it('replays every step with the state after it, a correction being a step of its own', async () => {
    const replay = await history();
    expect(replay).toMatchObject({
      caseId: location.split('/').pop(),
      asOf: null,
      by: 'everything',
      state: { status: 'resolved', category: 'reflection', summary: 'Canal blocked by a dam' },
    });
    expect(replay.steps.map((step) => step.type)).toEqual([
      'CaseReceived',
      'CaseAcknowledged',
      'CaseClassified',
      'EventCorrected',
      'CaseResolved',
    ]);
    expect(replay.steps.map((step) => step.streamRevision)).toEqual([0, 1, 2, 3, 4]);
    const [received, acknowledged, , correction, resolved] = replay.steps;
    expect(received).toMatchObject({
      eventId: receivedEventId,
      occurredAt: time('01'),
      actor: expect.any(String),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      data: { category: 'complaint', summary: 'Canal blocked' },
    });
    expect(received.stateAfter).toMatchObject({ status: 'open', category: 'complaint', acknowledgedAt: null });
    expect(acknowledged.stateAfter).toMatchObject({ acknowledgedAt: time('02'), category: 'complaint' });
    // The correction's step: the data says what changed; the state after it reads the corrected event.
    expect(correction.data).toMatchObject({ correctedEventId: receivedEventId, fields: { category: 'reflection' } });
    expect(correction.stateAfter).toMatchObject({
      category: 'reflection',
      summary: 'Canal blocked by a dam',
      correctedEventIds: [receivedEventId],
    });
    expect(resolved.stateAfter).toEqual(replay.state);
    // Steps are in the global order.
    const positions = replay.steps.map((step) => step.globalPosition);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('never shows the internal facts', async () => {
    const replay = await history();
    expect(replay.state).not.toHaveProperty('facts');
    for (const step of replay.steps) expect(step.stateAfter).not.toHaveProperty('facts');
  });

  it('stops at a global position', async () => {
    const all = await history();
    const position = all.steps[2].globalPosition;
    const replay = await history(`?asOf=${position}`);
    expect(replay).toMatchObject({
      asOf: position,
      by: 'position',
      state: { status: 'open', classification: 'within-authority', category: 'complaint' },
    });
    expect(replay.steps).toHaveLength(3);
  });

  it('stops at what the ledger knew at a time (recordedAt), before the correction was recorded', async () => {
    const all = await history();
    const asOf = all.steps[2].recordedAt;
    const replay = await history(`?asOf=${encodeURIComponent(asOf)}`);
    expect(replay).toMatchObject({ asOf, by: 'recorded', state: { category: 'complaint', summary: 'Canal blocked' } });
    expect(replay.steps.map((step) => step.type)).toEqual(['CaseReceived', 'CaseAcknowledged', 'CaseClassified']);
  });

  it('stops at what had happened by a time (occurredAt) with by=occurred', async () => {
    const replay = await history(`?asOf=${encodeURIComponent(time('02', '12'))}&by=occurred`);
    expect(replay).toMatchObject({ by: 'occurred', state: { status: 'open', acknowledgedAt: time('02'), classification: null } });
    expect(replay.steps).toHaveLength(2);
    // Before the case was received, the case did not exist yet.
    const before = await history(`?asOf=${encodeURIComponent('2017-02-28T00:00:00+07:00')}&by=occurred`);
    expect(before).toMatchObject({ state: { status: 'unreceived' }, steps: [], otherAxis: { by: 'recorded' }, note: null });
    // The case of March 2017 entered now: by recorded time (the default) the ledger knew nothing then.
    const unknownThen = await history(`?asOf=${encodeURIComponent(time('02', '12'))}`);
    expect(unknownThen).toMatchObject({ by: 'recorded', steps: [], otherAxis: { by: 'occurred', steps: 2 } });
    expect(unknownThen.note).toMatch(/by=occurred/);
  });

  it('answers 404 for an unknown case and 400 for a bad asOf', async () => {
    await http.get('/api/v1/cases/00000000-0000-4000-8000-000000000000/history').expect(404);
    await http.get('/api/v1/cases/not%20an%20id/history').expect(404);
    for (const query of [
      '?asOf=yesterday',
      '?asOf=2017-03-05T08:00:00',
      '?asOf=2017-02-30T08:00:00Z',
      '?asOf=-3',
      '?asOf=12&by=occurred',
      '?by=occurred',
    ]) {
      const response = await http.get(`${location}/history${query}`).expect(400);
      expect({ query, code: response.body.code }).toEqual({ query, code: 'CASE_HISTORY.AS_OF_INVALID' });
    }
    expect((await http.get(`${location}/history?by=later`).expect(400)).body.code).toBe('VALIDATION.FAILED');
    expect((await http.get(`${location}/history?page=2`).expect(400)).body.code).toBe('VALIDATION.FAILED');
  });
});
