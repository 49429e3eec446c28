import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../src/ledger/event-store.port.js';
import { startTestApp, SUPERUSER, type TestApp } from '../support/start-test-app.js';

const at = (day: string) => `2017-03-${day}T08:00:00+07:00`;

describe('the audit trail over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let head: number;
  let caseId: string;

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    await http
      .post('/api/v1/units')
      .send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at('01') })
      .expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'xa-a', name: 'Xã A', kind: 'commune', parentId: 'hai-duong', occurredAt: at('01') })
      .expect(201);
    await http
      .post('/api/v1/units')
      .send({ unitId: 'xa-b', name: 'Xã B', kind: 'commune', parentId: 'hai-duong', occurredAt: at('02') })
      .expect(201);
    await http
      .post('/api/v1/officials')
      .send({ officialId: 'chu-tich-xa-a', fullName: 'Nguyễn Văn A', position: 'Chủ tịch UBND xã', unitId: 'xa-a', occurredAt: at('02') })
      .expect(201);
    const received = await http
      .post('/api/v1/cases')
      .set('X-Correlation-Id', 'hotline-call-17')
      .send({ unitId: 'xa-b', category: 'petition', channel: 'hotline', summary: 'Flooded road', reporter: {}, occurredAt: at('03') })
      .expect(201);
    caseId = (received.headers.location as string).split('/').pop()!;
    await http
      .post(`/api/v1/cases/${caseId}/acknowledgements`)
      .send({ occurredAt: at('04') })
      .expect(200);
    await http
      .post('/api/v1/units/xa-b/renamings')
      .send({ name: 'Xã B mới', occurredAt: at('05') })
      .expect(200);
    await http
      .post('/api/v1/units/xa-b/mergers')
      .send({ intoUnitId: 'xa-a', occurredAt: at('06') })
      .expect(200);
    head = await subject.app.get<EventStore>(EVENT_STORE).headPosition();
  });
  afterAll(async () => {
    await subject.close();
  });

  const trail = async (query: string) =>
    (await http.get(`/api/v1/audit?minPosition=${head}&${query}`).expect(200)).body as {
      entries: { type: string; globalPosition: number; streamId: string }[];
      nextAfter: number | null;
    };

  it('answers the whole ledger in global order, each entry with both times, the actor, the revision, the position and the hash', async () => {
    const response = await http.get(`/api/v1/audit?minPosition=${head}`).expect(200);
    expect(response.headers['ledger-projection-position']).toBe(String(head));
    expect(response.body.entries.map((entry: { globalPosition: number }) => entry.globalPosition)).toEqual(
      Array.from({ length: head }, (_, index) => index + 1),
    );
    expect(response.body.nextAfter).toBeNull();
    const received = response.body.entries.find((entry: { type: string }) => entry.type === 'CaseReceived');
    expect(received).toEqual({
      globalPosition: 5,
      streamId: `case-${caseId}`,
      streamRevision: 0,
      eventId: expect.any(String),
      type: 'CaseReceived',
      occurredAt: at('03'),
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      actor: SUPERUSER,
      correlationId: 'hotline-call-17',
      causationId: null,
      aggregate: { category: 'case', id: caseId },
      previousHash: null,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("gives a unit's trail with the unit merged into it, a case's and an official's", async () => {
    expect((await trail('unitId=xa-a')).entries.map((entry) => `${entry.streamId} ${entry.type}`)).toEqual([
      'unit-xa-a UnitRegistered',
      'unit-xa-b UnitRegistered',
      'unit-xa-b UnitRenamed',
      'unit-xa-b UnitMerged',
      'unit-xa-a UnitAbsorbed',
    ]);
    expect((await trail('unitId=xa-b')).entries.map((entry) => entry.type)).toEqual(['UnitRegistered', 'UnitRenamed', 'UnitMerged']);
    expect((await trail(`caseId=${caseId}`)).entries.map((entry) => entry.type)).toEqual(['CaseReceived', 'CaseAcknowledged']);
    expect((await trail('officialId=chu-tich-xa-a')).entries.map((entry) => entry.streamId)).toEqual(['official-chu-tich-xa-a']);
  });

  it('filters by event type and by occurredAt', async () => {
    expect((await trail('type=UnitRegistered,UnitMerged')).entries.map((entry) => entry.type)).toEqual([
      'UnitRegistered',
      'UnitRegistered',
      'UnitRegistered',
      'UnitMerged',
    ]);
    const window = await trail(`from=${encodeURIComponent(at('03'))}&to=${encodeURIComponent(at('05'))}`);
    expect(window.entries.map((entry) => entry.type)).toEqual(['CaseReceived', 'CaseAcknowledged']);
  });

  it('pages by the position cursor until nextAfter is null', async () => {
    const seen: number[] = [];
    let after = 0;
    for (let page = 0; page < 10; page++) {
      const { entries, nextAfter } = await trail(`limit=3&after=${after}`);
      seen.push(...entries.map((entry) => entry.globalPosition));
      if (nextAfter === null) break;
      after = nextAfter;
    }
    expect(seen).toEqual(Array.from({ length: head }, (_, index) => index + 1));
  });

  it('exports the same query as CSV with a header row, CRLF line ends and the next cursor in a header', async () => {
    const response = await http.get(`/api/v1/audit.csv?minPosition=${head}&unitId=xa-a&limit=2`).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['ledger-next-after']).toBe('3');
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFglobalPosition,streamId,streamRevision,eventId,type,occurredAt,recordedAt,actor,correlationId,causationId,aggregateCategory,aggregateId,previousHash,hash,eventLink',
    );
    expect(lines.slice(1, 3).map((line) => line.split(',').slice(0, 5).join(','))).toEqual([
      expect.stringMatching(/^2,unit-xa-a,0,[0-9a-f-]{36},UnitRegistered$/),
      expect.stringMatching(/^3,unit-xa-b,0,[0-9a-f-]{36},UnitRegistered$/),
    ]);
    expect(lines[3]).toBe('');
    const last = await http.get(`/api/v1/audit.csv?unitId=xa-a&after=3`).expect(200);
    expect(last.headers['ledger-next-after']).toBeUndefined();
    expect(last.text.split('\r\n')).toHaveLength(5); // header, three entries, the empty string after the last CRLF
  });

  it('lets a client read its own write: the Ledger-Position of a command answer, passed as minPosition', async () => {
    const written = await http
      .post(`/api/v1/cases/${caseId}/actions`)
      .send({ description: 'Called the road office', occurredAt: at('07') })
      .expect(200);
    const position = Number(written.headers['ledger-position']);
    expect(position).toBeGreaterThan(head);
    const { body } = await http.get(`/api/v1/audit?minPosition=${position}&caseId=${caseId}`).expect(200);
    expect(body.entries.map((entry: { globalPosition: number }) => entry.globalPosition)).toContain(position);
    head = position;
  });

  it('answers a refused CSV query as problem details, not labelled CSV', async () => {
    const response = await http.get('/api/v1/audit.csv?caseId=x&unitId=y').expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('AUDIT.ONE_SUBJECT');
  });

  it('reports the lag of each projection', async () => {
    const { body } = await http.get('/api/v1/projections').expect(200);
    expect(body.projections).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'audit-trail', generation: 1, checkpoint: head, headPosition: head, lag: 0, state: 'live' }),
      ]),
    );
  });

  it.each([
    ['two subjects', 'caseId=x&unitId=y', 'AUDIT.ONE_SUBJECT'],
    ['a range that ends before it starts', `from=${encodeURIComponent(at('05'))}&to=${encodeURIComponent(at('04'))}`, 'AUDIT.EMPTY_RANGE'],
    ['a limit too large', 'limit=100000', 'VALIDATION.FAILED'],
    ['a negative cursor', 'after=-1', 'VALIDATION.FAILED'],
    ['a date without offset', 'from=2017-03-01T08:00:00', 'VALIDATION.FAILED'],
    ['an unknown parameter', 'sort=desc', 'VALIDATION.FAILED'],
  ])('refuses %s with 400', async (_, query, code) => {
    const response = await http.get(`/api/v1/audit?${query}`).expect(400);
    expect(response.body.code).toBe(code);
  });
});
