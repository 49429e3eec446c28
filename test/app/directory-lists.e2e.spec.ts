import { ledgerWriter, recordProvince, type LedgerWriter } from '../support/province-fixture.js';
import { startTestApp, type Http, type TestApp } from '../support/start-test-app.js';

/**
 * GET /api/v1/units, /officials, /visits and /meetings: the lists of the lists read model, each with
 * its filters, a cursor and the caller's scope (a recorder of one commune sees its own visits and
 * meetings only; the directory is open to every role).
 */
describe('the units, officials, visits and meetings lists', () => {
  let subject: TestApp;
  let http: Http;
  let writer: LedgerWriter;
  const post = (path: string, body: object, expected?: number) => writer.post(path, body, expected);
  const get = (as: Http, path: string) => writer.get(as, path);
  const ids = (body: { items: Record<string, unknown>[] }, field: string) => body.items.map((item) => item[field]);

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writer = ledgerWriter(http);
    const at = '2026-01-05T08:00:00+07:00';
    await recordProvince(writer, at);
    await post('/api/v1/units/gia-xuyen/renamings', { name: 'Xã Gia Xuyên Mới', occurredAt: '2026-01-06T08:00:00+07:00' }, 200);
    await post('/api/v1/units/gia-hoa/mergers', { intoUnitId: 'gia-tan', occurredAt: '2026-01-07T08:00:00+07:00' }, 200);
    await post('/api/v1/units/tu-ky/abolitions', { reason: 'District level abolished', occurredAt: '2026-01-08T08:00:00+07:00' }, 200);
    await post('/api/v1/officials/o-lan/assignments', { unitId: 'gia-tan', role: 'committee-member-in-charge', from: '2026-01-05' });
    const visit = (visitId: string, unitId: string, participants: string[], plannedFor: string, kind = 'periodic') =>
      post('/api/v1/visits', {
        visitId,
        kind,
        purpose: 'Kiểm tra thu hồi đất',
        unitId,
        participants,
        plannedFor,
        publishedInCalendar: true,
        occurredAt: at,
      });
    await visit('v-tan-1', 'gia-tan', ['o-huong', 'o-lan'], '2026-02-10T08:00:00+07:00');
    await visit('v-tan-2', 'gia-tan', ['o-huong'], '2026-03-10T08:00:00+07:00', 'unscheduled');
    await visit('v-xuyen-1', 'gia-xuyen', ['o-dung'], '2026-02-12T08:00:00+07:00');
    await post('/api/v1/visits/v-tan-2/cancellations', { reason: 'Bão', occurredAt: '2026-01-09T08:00:00+07:00' }, 200);
    const meeting = (meetingId: string, unitId: string, kind: string, heldAt: string, attendees: string[]) =>
      post('/api/v1/meetings', { meetingId, unitId, kind, heldAt, attendees });
    await meeting('m-tan-1', 'gia-tan', 'party-committee', '2026-01-15T08:00:00+07:00', ['o-huong', 'o-lan']);
    await meeting('m-tan-2', 'gia-tan', 'party-cell', '2026-02-15T08:00:00+07:00', ['o-huong']);
    await meeting('m-xuyen-1', 'gia-xuyen', 'party-cell', '2026-01-20T08:00:00+07:00', ['o-dung']);
  }, 60_000);
  afterAll(async () => {
    await subject.close();
  });

  it('lists the unit tree with renamed, merged and abolished units and their history', async () => {
    const all = (await get(http, '/api/v1/units').expect(200)).body;
    expect(ids(all, 'unitId')).toEqual(['gia-hoa', 'gia-loc', 'gia-tan', 'gia-xuyen', 'hai-duong', 'tu-ky']);
    const byId = Object.fromEntries(all.items.map((unit: { unitId: string }) => [unit.unitId, unit]));
    expect(byId['gia-xuyen']).toMatchObject({ name: 'Xã Gia Xuyên Mới', formerNames: ['Xã Gia Xuyên'], status: 'active' });
    expect(byId['gia-hoa']).toMatchObject({ status: 'merged', mergedIntoUnitId: 'gia-tan' });
    expect(byId['gia-tan'].absorbedUnitIds).toEqual(['gia-hoa']);
    expect(byId['tu-ky'].status).toBe('abolished');
    expect(byId['gia-xuyen'].events.map((event: { type: string }) => event.type)).toEqual(['UnitRegistered', 'UnitRenamed']);
    expect(ids((await get(http, '/api/v1/units?parentId=gia-loc').expect(200)).body, 'unitId')).toEqual([
      'gia-hoa',
      'gia-tan',
      'gia-xuyen',
    ]);
    expect(ids((await get(http, '/api/v1/units?under=hai-duong&kind=commune').expect(200)).body, 'unitId')).toHaveLength(3);
    expect(ids((await get(http, '/api/v1/units?status=abolished').expect(200)).body, 'unitId')).toEqual(['tu-ky']);
    // A former name finds the unit, diacritics ignored.
    expect(ids((await get(http, '/api/v1/units?q=xuyen').expect(200)).body, 'unitId')).toEqual(['gia-xuyen']);
    expect(ids((await get(http, '/api/v1/units?q=Tu%20Ky').expect(200)).body, 'unitId')).toEqual(['tu-ky']);
  });

  it('pages the units with a cursor and a next link', async () => {
    const seen: string[] = [];
    let next: string | null = `/api/v1/units?limit=4&minPosition=${writer.position()}`;
    while (next !== null) {
      const page: { items: { unitId: string }[]; next: string | null } = (await http.get(next).expect(200)).body;
      seen.push(...page.items.map((unit) => unit.unitId));
      next = page.next;
    }
    expect(seen).toEqual(['gia-hoa', 'gia-loc', 'gia-tan', 'gia-xuyen', 'hai-duong', 'tu-ky']);
  });

  it('finds officials by name without diacritics, by home unit and by the unit they are in charge of', async () => {
    expect(ids((await get(http, '/api/v1/officials?q=Huong').expect(200)).body, 'officialId')).toEqual(['o-huong']);
    expect(ids((await get(http, '/api/v1/officials?q=dung').expect(200)).body, 'officialId')).toEqual(['o-dung']);
    expect(ids((await get(http, `/api/v1/officials?q=${encodeURIComponent('Đỗ')}`).expect(200)).body, 'officialId')).toEqual(['o-dung']);
    expect(ids((await get(http, '/api/v1/officials?unitId=gia-tan').expect(200)).body, 'officialId')).toEqual(['o-huong']);
    const inCharge = (on: string) => get(http, `/api/v1/officials?assignedUnitId=gia-tan&on=${encodeURIComponent(on)}`);
    expect(ids((await inCharge('2026-02-01T08:00:00+07:00').expect(200)).body, 'officialId')).toEqual(['o-lan']);
    expect((await inCharge('2026-01-04T08:00:00+07:00').expect(200)).body.items).toEqual([]);
  });

  it('filters visits by unit, participant, period, kind and status', async () => {
    expect(ids((await get(http, '/api/v1/visits?sort=plannedFor').expect(200)).body, 'visitId')).toEqual([
      'v-tan-1',
      'v-xuyen-1',
      'v-tan-2',
    ]);
    expect(ids((await get(http, '/api/v1/visits?unitId=gia-tan').expect(200)).body, 'visitId')).toEqual(['v-tan-2', 'v-tan-1']);
    expect(ids((await get(http, '/api/v1/visits?unitId=gia-loc&below=true').expect(200)).body, 'visitId')).toHaveLength(3);
    expect(ids((await get(http, '/api/v1/visits?participantId=o-lan').expect(200)).body, 'visitId')).toEqual(['v-tan-1']);
    expect(ids((await get(http, '/api/v1/visits?status=cancelled').expect(200)).body, 'visitId')).toEqual(['v-tan-2']);
    expect(ids((await get(http, '/api/v1/visits?kind=unscheduled').expect(200)).body, 'visitId')).toEqual(['v-tan-2']);
    const february = `from=${encodeURIComponent('2026-02-01T00:00:00+07:00')}&to=${encodeURIComponent('2026-03-01T00:00:00+07:00')}`;
    expect(ids((await get(http, `/api/v1/visits?${february}`).expect(200)).body, 'visitId')).toEqual(['v-xuyen-1', 'v-tan-1']);
  });

  it('filters meetings by unit, kind, period and attendee', async () => {
    expect(ids((await get(http, '/api/v1/meetings').expect(200)).body, 'meetingId')).toEqual(['m-tan-2', 'm-xuyen-1', 'm-tan-1']);
    expect(ids((await get(http, '/api/v1/meetings?unitId=gia-tan&kind=party-cell').expect(200)).body, 'meetingId')).toEqual(['m-tan-2']);
    expect(ids((await get(http, '/api/v1/meetings?attendeeId=o-lan').expect(200)).body, 'meetingId')).toEqual(['m-tan-1']);
    const january = `from=${encodeURIComponent('2026-01-01T00:00:00+07:00')}&to=${encodeURIComponent('2026-02-01T00:00:00+07:00')}`;
    expect(ids((await get(http, `/api/v1/meetings?${january}&sort=heldAt`).expect(200)).body, 'meetingId')).toEqual([
      'm-tan-1',
      'm-xuyen-1',
    ]);
  });

  it("shows a recorder of one commune that commune's visits and meetings only", async () => {
    const recorder = subject.as('recorder-gia-tan', ['recorder'], ['gia-tan']);
    expect(ids((await get(recorder, '/api/v1/visits').expect(200)).body, 'visitId')).toEqual(['v-tan-2', 'v-tan-1']);
    expect((await get(recorder, '/api/v1/visits?unitId=gia-xuyen').expect(200)).body.items).toEqual([]);
    expect((await get(recorder, '/api/v1/visits?participantId=o-dung').expect(200)).body.items).toEqual([]);
    expect(ids((await get(recorder, '/api/v1/meetings').expect(200)).body, 'meetingId')).toEqual(['m-tan-2', 'm-tan-1']);
    expect((await get(recorder, '/api/v1/meetings?attendeeId=o-dung').expect(200)).body.items).toEqual([]);
  });

  it('finds a case by the text of the visit finding that opened it, within scope only', async () => {
    await post(
      '/api/v1/visits/v-xuyen-1/conduct',
      { startedAt: '2026-02-12T08:00:00+07:00', endedAt: '2026-02-12T11:00:00+07:00', presentParticipants: ['o-dung'], others: null },
      200,
    );
    await post(
      '/api/v1/visits/v-xuyen-1/findings',
      {
        text: 'Nhiều hộ bị thu hồi đất không được thông báo',
        severity: 'high',
        openCase: { category: 'denunciation', summary: 'Tố cáo', unitId: 'gia-xuyen' },
      },
      200,
    );
    const search = (as: Http) => get(as, '/api/v1/cases?q=thong%20bao');
    expect((await search(http).expect(200)).body.items).toHaveLength(1);
    expect((await search(subject.as('recorder-gia-tan', ['recorder'], ['gia-tan'])).expect(200)).body.items).toEqual([]);
    expect((await search(subject.as('recorder-gia-xuyen', ['recorder'], ['gia-xuyen'])).expect(200)).body.items).toHaveLength(1);
  });
});
