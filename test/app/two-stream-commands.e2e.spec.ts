import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore, type NewEvent, type RecordedEvent } from '../../src/ledger/event-store.port.js';
import { StoreUnavailableError } from '../../src/ledger/ledger.errors.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

const at = '2017-01-01T00:00:00+07:00';
const SECOND_STEPS = ['CaseReceived', 'UnitAbsorbed'];

/**
 * Makes the store refuse the second append of a two-stream command, as if the process had died
 * between the two: `times` refusals, then appends go through again (Infinity: for ever).
 */
function failSecondSteps(store: EventStore, times: number): { refused: () => number } {
  const append = store.append.bind(store);
  let refused = 0;
  store.append = (streamId: string, events: readonly NewEvent[], expected) => {
    if (refused < times && events.some((event) => SECOND_STEPS.includes(event.type))) {
      refused += 1;
      return Promise.reject(new StoreUnavailableError('simulated: the process stopped between the two appends'));
    }
    return append(streamId, events, expected);
  };
  return { refused: () => refused };
}

async function eventually<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Not within ${timeoutMs} ms: ${what}`);
    await new Promise((next) => setTimeout(next, 25));
  }
}

async function seed(subject: TestApp): Promise<void> {
  const http = subject.http;
  await http.post('/api/v1/units').send({ unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', occurredAt: at }).expect(201);
  await http
    .post('/api/v1/units')
    .send({ unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong', occurredAt: at })
    .expect(201);
  for (const unitId of ['commune-a', 'commune-b', 'commune-c', 'commune-d', 'commune-e', 'commune-f'])
    await http.post('/api/v1/units').send({ unitId, name: unitId, kind: 'commune', parentId: 'gia-loc', occurredAt: at }).expect(201);
  await http
    .post('/api/v1/officials')
    .send({ officialId: 'o-1', fullName: 'Nguyễn Văn A', position: 'Bí thư Huyện ủy', unitId: 'gia-loc', occurredAt: at })
    .expect(201);
  await http
    .post('/api/v1/visits')
    .send({
      visitId: 'v-1',
      kind: 'periodic',
      purpose: 'Land recovery',
      unitId: 'gia-loc',
      participants: ['o-1'],
      plannedFor: '2017-03-09T08:00:00+07:00',
      occurredAt: '2017-03-01T08:00:00+07:00',
    })
    .expect(201);
  await http
    .post('/api/v1/visits/v-1/conduct')
    .send({ startedAt: '2017-03-09T08:00:00+07:00', endedAt: '2017-03-09T11:00:00+07:00', presentParticipants: ['o-1'] })
    .expect(200);
}

const finding = (text: string) => ({
  text,
  openCase: { category: 'reflection', summary: `Case of: ${text}`, reporter: { name: 'Phạm Văn C', phone: '0912 000 111' } },
});

/** The finding event on the visit's stream that names the case. */
async function findingEvent(store: EventStore, caseId: string): Promise<RecordedEvent> {
  const events = await store.readStream('visit-v-1');
  return events.find((event) => event.type === 'VisitFindingRecorded' && event.data.caseId === caseId)!;
}

describe('commands that write two streams', () => {
  let subject: TestApp;
  let store: EventStore;

  beforeAll(async () => {
    subject = await startTestApp();
    store = subject.app.get<EventStore>(EVENT_STORE);
    await seed(subject);
  });
  afterAll(async () => {
    await subject.close();
  });

  it('answers a finding that opens a case with the Ledger-Position of the CaseReceived, the last event it wrote', async () => {
    const found = await subject.http.post('/api/v1/visits/v-1/findings').send(finding('Wastewater in the canal')).expect(200);
    const [received] = await store.readStream(`case-${found.body.caseId}`);
    const first = await findingEvent(store, found.body.caseId);
    expect(received).toMatchObject({ type: 'CaseReceived', metadata: { causationId: first.eventId, actor: first.metadata.actor } });
    expect(Number(found.headers['ledger-position'])).toBe(received.globalPosition);
    expect(received.globalPosition).toBeGreaterThan(first.globalPosition);
    expect(found.headers.etag).toBe(`"${first.streamRevision}"`); // the ETag stays the visit's
    const trail = await subject.http
      .get(`/api/v1/audit?caseId=${found.body.caseId}&minPosition=${found.headers['ledger-position'] as string}`)
      .expect(200);
    expect(trail.body.entries.map((entry: { type: string }) => entry.type)).toEqual(['CaseReceived']);
  });

  it('answers a merger with the Ledger-Position of the UnitAbsorbed', async () => {
    const merged = await subject.http.post('/api/v1/units/commune-a/mergers').send({ intoUnitId: 'commune-b' }).expect(200);
    const absorbed = (await store.readStream('unit-commune-b')).find((event) => event.type === 'UnitAbsorbed')!;
    const [mergedEvent] = (await store.readStream('unit-commune-a')).filter((event) => event.type === 'UnitMerged');
    expect(absorbed).toMatchObject({ data: { fromUnitId: 'commune-a' }, metadata: { causationId: mergedEvent.eventId } });
    expect(Number(merged.headers['ledger-position'])).toBe(absorbed.globalPosition);
    expect(merged.headers.etag).toBe(`"${mergedEvent.streamRevision}"`);
  });

  it('completes a finding whose case receipt was cut off, with no retry by the client, and a retry gets the whole answer', async () => {
    const failing = failSecondSteps(store, 1);
    const body = finding('School roof leaking');
    const cut = await subject.http.post('/api/v1/visits/v-1/findings').set('Idempotency-Key', 'roof-1').send(body);
    expect(failing.refused()).toBe(1);
    expect(cut.status).toBe(503);
    const first = (await store.readStream('visit-v-1')).find((event) => event.data.text === 'School roof leaking')!;
    const caseId = first.data.caseId as string;
    const [received] = await eventually(async () => {
      const events = await store.readStream(`case-${caseId}`);
      return events.length > 0 ? events : undefined;
    }, 'the process manager receives the case');
    expect(received).toMatchObject({ type: 'CaseReceived', metadata: { causationId: first.eventId } });
    const retried = await subject.http.post('/api/v1/visits/v-1/findings').set('Idempotency-Key', 'roof-1').send(body).expect(200);
    expect(retried.body.caseId).toBe(caseId);
    expect(Number(retried.headers['ledger-position'])).toBe(received.globalPosition);
    expect(await store.readStream(`case-${caseId}`)).toHaveLength(1);
  });

  it('completes a merger whose absorption was cut off, with no retry by the client', async () => {
    failSecondSteps(store, 1);
    await subject.http.post('/api/v1/units/commune-c/mergers').send({ intoUnitId: 'commune-d' }).expect(503);
    expect((await store.readStream('unit-commune-c')).map((event) => event.type)).toContain('UnitMerged');
    await eventually(async () => {
      const unit = await subject.http.get('/api/v1/units/commune-d').expect(200);
      return unit.body.absorbedUnitIds.includes('commune-c') ? true : undefined;
    }, 'the process manager records the absorption');
  });
});

describe('commands that write two streams, across a restart', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-e2e-restart-'));
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('completes at start-up, before the service answers, what a crash left half-written', async () => {
    const before = await startTestApp({}, { dataDir: folder });
    await seed(before);
    failSecondSteps(before.app.get<EventStore>(EVENT_STORE), Infinity);
    const cut = await before.http.post('/api/v1/visits/v-1/findings').send(finding('Stalled road works'));
    expect(cut.status).toBe(503);
    await before.http.post('/api/v1/units/commune-e/mergers').send({ intoUnitId: 'commune-f' }).expect(503);
    await before.close();

    const after = await startTestApp({}, { dataDir: folder });
    try {
      const store = after.app.get<EventStore>(EVENT_STORE);
      const first = (await store.readStream('visit-v-1')).find((event) => event.data.text === 'Stalled road works')!;
      const [received] = await store.readStream(`case-${first.data.caseId as string}`);
      expect(received).toMatchObject({ type: 'CaseReceived', metadata: { causationId: first.eventId } });
      expect((await after.http.get('/api/v1/units/commune-f').expect(200)).body.absorbedUnitIds).toEqual(['commune-e']);
      // The repaired case is the one the finding described, its reporter sealed as any other.
      const opened = await after.http.get(`/api/v1/cases/${first.data.caseId as string}`).expect(200);
      expect(opened.body).toMatchObject({ summary: 'Case of: Stalled road works', reporter: { name: 'Phạm Văn C' } });
    } finally {
      await after.close();
    }
  });
});
