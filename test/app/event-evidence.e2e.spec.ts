import { openCheckpoint } from '../../src/integrity/checkpoint/checkpoint-signer.js';
import { parseVerifierKey } from '../../src/integrity/checkpoint/signed-note.js';
import { eventLeafHash } from '../../src/integrity/log/leaf-encoding.js';
import { verifyInclusion } from '../../src/integrity/merkle/merkle-verification.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../src/ledger/event-store.port.js';
import { startTestApp, type Http, type TestApp } from '../support/start-test-app.js';

const at = '2017-01-02T08:00:00+07:00';
const reporter = { name: 'Phùng Xuân Evidencetest', phone: '0909 111 888' };
const fromB64 = (text: string): Buffer => Buffer.from(text, 'base64');

describe('an event by its id, as evidence', () => {
  let subject: TestApp;
  let http: Http;
  let store: EventStore;
  let complaint: RecordedEvent[];
  let denunciation: RecordedEvent[];

  beforeAll(async () => {
    subject = await startTestApp({ LEDGER_CHECKPOINT_EVERY_EVENTS: '0', LEDGER_CHECKPOINT_EVERY_MINUTES: '0' });
    http = subject.http;
    store = subject.app.get<EventStore>(EVENT_STORE);
    const unit = (unitId: string, kind: string, parentId?: string) =>
      http.post('/api/v1/units').send({ unitId, name: unitId, kind, parentId, occurredAt: at }).expect(201);
    await unit('hai-duong', 'province');
    await unit('gia-loc', 'district', 'hai-duong');
    await unit('gia-tan', 'commune', 'gia-loc');
    await unit('tu-ky', 'district', 'hai-duong');
    const receive = async (category: string) => {
      const received = await http
        .post('/api/v1/cases')
        .send({ unitId: 'gia-tan', category, channel: 'letter', summary: 'Flooded road', reporter, occurredAt: at })
        .expect(201);
      return store.readStream(`case-${received.body.caseId as string}`);
    };
    complaint = await receive('complaint');
    denunciation = await receive('denunciation');
  }, 60_000);
  afterAll(async () => {
    await subject.close();
  });

  it('answers the envelope, its place, its hash chain and an inclusion proof that checks against the signed checkpoint', async () => {
    const checkpoint = (await http.post('/api/v1/integrity/checkpoints').expect(201)).body;
    const key = parseVerifierKey(checkpoint.verifierKey);
    const event = complaint[0]!;

    const answer = (await subject.as('inspector-1', ['inspector']).get(`/api/v1/events/${event.eventId}`).expect(200)).body;

    expect(answer).toMatchObject({
      eventId: event.eventId,
      streamId: event.streamId,
      streamRevision: 0,
      globalPosition: event.globalPosition,
      recordedAt: event.recordedAt,
      envelope: { eventId: event.eventId, type: 'CaseReceived', schemaVersion: event.schemaVersion, metadata: event.metadata },
      withheldFields: ['reporter'],
      previousHash: null,
      hash: event.hash,
      inclusionPending: null,
      links: { self: `/api/v1/events/${event.eventId}` },
    });
    // The inspector may read a complainant: shown in plaintext, as GET /api/v1/cases/{caseId} shows it.
    expect(answer.envelope.data.reporter).toEqual({ subjectId: expect.any(String), ...reporter });
    const { inclusion } = answer;
    expect(inclusion).toMatchObject({ eventId: event.eventId, treeSize: checkpoint.treeSize, checkpoint: checkpoint.note });
    expect(fromB64(inclusion.leafHash)).toEqual(eventLeafHash(event));
    const root = openCheckpoint(checkpoint.note, key).rootHash;
    expect(
      verifyInclusion(inclusion.leafIndex, inclusion.treeSize, fromB64(inclusion.leafHash), inclusion.auditPath.map(fromB64), root),
    ).toBe(true);
  });

  it('answers an event with nothing withheld exactly as recorded, so its leaf hash can be recomputed from the answer', async () => {
    const unitEvent = (await store.readStream('unit-gia-tan'))[0]!;
    const answer = (await subject.as('recorder-1', ['recorder'], ['tu-ky']).get(`/api/v1/events/${unitEvent.eventId}`).expect(200)).body;
    expect(answer.withheldFields).toEqual([]);
    const rebuilt: RecordedEvent = {
      ...answer.envelope,
      streamId: answer.streamId,
      streamRevision: answer.streamRevision,
      globalPosition: answer.globalPosition,
      recordedAt: answer.recordedAt,
      previousHash: answer.previousHash,
      hash: answer.hash,
    };
    expect(eventLeafHash(rebuilt).toString('base64')).toBe(answer.inclusion.leafHash);
  });

  it('discloses a denouncer only to the roles the law names, and records each plaintext read', async () => {
    const received = denunciation[0]!;
    const asRecorder = await subject.as('recorder-1', ['recorder'], ['gia-loc']).get(`/api/v1/events/${received.eventId}`).expect(200);
    expect(asRecorder.body.envelope.data.reporter).toEqual({ redacted: true, reason: 'role', subjectId: expect.any(String) });
    expect(asRecorder.text).not.toContain(reporter.name);
    expect(asRecorder.text).not.toContain(reporter.phone);

    const asInspector = await subject.as('inspector-2', ['inspector']).get(`/api/v1/events/${received.eventId}`).expect(200);
    expect(asInspector.body.envelope.data.reporter).toMatchObject(reporter);
    const reads = await subject
      .as('inspector-3', ['inspector'])
      .get('/api/v1/personal-data/reads')
      .query({ reader: 'inspector-2', minPosition: await store.headPosition() })
      .expect(200);
    expect(reads.body.reads).toEqual([
      expect.objectContaining({ route: 'GET /api/v1/events/:eventId', caseId: received.streamId.slice(5) }),
    ]);
  });

  it('is refused to a caller who may not read what the event belongs to, by the same rule as reading it', async () => {
    const eventId = complaint[0]!.eventId;
    const elsewhere = await subject.as('recorder-2', ['recorder'], ['tu-ky']).get(`/api/v1/events/${eventId}`).expect(403);
    expect(elsewhere.body.code).toBe('AUTH.UNIT_OUT_OF_SCOPE');
    const admin = await subject.as('admin-1', ['admin']).get(`/api/v1/events/${eventId}`).expect(403);
    expect(admin.body.code).toBe('AUTH.ROLE_REQUIRED');
    await subject.as('recorder-3', ['recorder'], ['gia-loc']).get(`/api/v1/events/${eventId}`).expect(200);
    expect((await subject.anonymous.get(`/api/v1/events/${eventId}`).expect(401)).body.code).toBe('AUTH.TOKEN_MISSING');
  });

  it('answers an event recorded after the latest checkpoint without a proof, saying why', async () => {
    const acknowledged = await http
      .post(`/api/v1/cases/${complaint[0]!.streamId.slice(5)}/acknowledgements`)
      .send({ occurredAt: '2017-01-03T08:00:00+07:00' })
      .expect(200);
    const latest = (await store.readStream(complaint[0]!.streamId)).at(-1)!;
    expect(acknowledged.status).toBe(200);
    const answer = (await http.get(`/api/v1/events/${latest.eventId}`).expect(200)).body;
    expect(answer).toMatchObject({ envelope: { type: 'CaseAcknowledged' }, previousHash: complaint[0]!.hash, inclusion: null });
    expect(answer.inclusionPending).toEqual(expect.stringContaining('checkpoint'));
  });

  it('gives every evidence id of a review, a timeline, the overdue list, an evaluation and the audit trail its link, which opens it', async () => {
    await http
      .post('/api/v1/officials')
      .send({ officialId: 'o-gia-tan', fullName: 'Nguyễn Văn A', position: 'Chủ tịch UBND', unitId: 'gia-tan', occurredAt: at })
      .expect(201);
    const caseId = complaint[0]!.streamId.slice(5);
    const cited = complaint[0]!.eventId;
    await http
      .post('/api/v1/reviews')
      .send({ reviewId: 'r-evidence', officialId: 'o-gia-tan', grounds: 'Late answers', evidenceEventIds: [cited] })
      .expect(201);
    const minPosition = await store.headPosition();
    const answers = {
      review: (await http.get('/api/v1/reviews/r-evidence').expect(200)).body,
      timeline: (await http.get(`/api/v1/timelines/cases/${caseId}`).query({ minPosition }).expect(200)).body,
      overdue: (await http.get('/api/v1/timelines/overdue').query({ minPosition, asOf: '2018-01-01T00:00:00+07:00' }).expect(200)).body,
      audit: (await http.get('/api/v1/audit').query({ caseId, minPosition }).expect(200)).body,
      evaluation: (await http.get('/api/v1/evaluations/2017').query({ unitId: 'gia-tan', minPosition }).expect(200)).body,
      officialReport: (await http.get('/api/v1/officials/o-gia-tan/review').query({ from: '2017-01-01', to: '2017-12-31' }).expect(200))
        .body,
    };
    expect(answers.review.evidenceEventIds).toEqual([cited]);
    expect(answers.review.eventLinks).toEqual({ [cited]: `/api/v1/events/${cited}` });
    expect(answers.timeline.eventLinks[cited]).toBe(`/api/v1/events/${cited}`);
    expect(answers.overdue.items.length).toBeGreaterThan(0);
    for (const item of answers.overdue.items as { evidence: { clockStartEventId: string } }[])
      expect(answers.overdue.eventLinks[item.evidence.clockStartEventId]).toBe(`/api/v1/events/${item.evidence.clockStartEventId}`);
    expect(answers.audit.entries.map((entry: { eventId: string }) => entry.eventId)).toContain(cited);
    for (const entry of answers.audit.entries as { eventId: string }[])
      expect(answers.audit.eventLinks[entry.eventId]).toBe(`/api/v1/events/${entry.eventId}`);
    expect(answers.evaluation.eventLinks).toEqual(expect.any(Object));
    expect(answers.officialReport.eventLinks).toEqual(expect.any(Object));
    const opened = await http.get(answers.timeline.eventLinks[cited]).expect(200);
    expect(opened.body.eventId).toBe(cited);
  });

  it.each([
    ['not-a-uuid', 400, 'EVENT.ID_INVALID'],
    ['00000000-0000-4000-8000-000000000000', 404, 'EVENT.NOT_FOUND'],
    ['0F8C8A39-5D2E-4A59-9C1E-3F7A2B6D9E01', 400, 'EVENT.ID_INVALID'],
  ])('refuses %s with %i %s', async (eventId, status, code) => {
    expect((await http.get(`/api/v1/events/${eventId}`).expect(status)).body.code).toBe(code);
  });
});
