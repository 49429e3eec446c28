import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { TrackedWrites } from '../support/tracked-writes.js';

const at = (day: string, time = '08:00') => `2017-${day}T${time}:00+07:00`;

type Month = {
  month: string;
  status: string;
  missing: string[];
  duty: { dutyId: string; reference: string; needsCheck: boolean } | null;
  parts: { kind: string }[];
};

/**
 * A duty recorded as a policy, over HTTP. An is in charge of commune A in March and April 2017. The
 * commune's Party committee meets each month with An; its cell meets each month without him. From
 * 1 April a recorded duty asks only for the committee: March is judged by the shipped duty (committee
 * and a cell, so An missed the cell), April by the recorded one (An met it).
 */
describe('a monthly duty recorded as a policy, over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let writes: TrackedWrites;

  const post = (path: string, body: object, status?: number) => writes.post(path, body, status);
  const monthOf = async (month: string, from: string, to: string): Promise<Month> => {
    const { body } = await http.get(`/api/v1/officials/an/review?minPosition=${writes.position}&from=${from}&to=${to}`).expect(200);
    const found = (body.attendance[0].months as Month[]).find((each) => each.month === month);
    if (!found) throw new Error(`no ${month} in the review`);
    return found;
  };
  const committeeOnly = {
    dutyId: 'committee-only-2017-04',
    attend: [{ kind: 'party-committee', where: 'the-unit' }],
    effectiveFrom: '2017-04-01',
    reference: 'Working rules of the district Party committee, 2017, art. 5',
    needsCheck: false,
  };

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writes = new TrackedWrites(http);
    const unit = (unitId: string, kind: string, parentId?: string) =>
      post('/api/v1/units', { unitId, name: unitId, kind, parentId, occurredAt: at('01-01') });
    await unit('tinh', 'province');
    await unit('huyen', 'district', 'tinh');
    await unit('xa-a', 'commune', 'huyen');
    await unit('dang-uy-xa-a', 'party-committee', 'xa-a');
    await unit('chi-bo-1', 'party-cell', 'xa-a');
    const official = (officialId: string, fullName: string) =>
      post('/api/v1/officials', { officialId, fullName, position: 'Huyện ủy viên', unitId: 'huyen', occurredAt: at('01-01') });
    await official('an', 'Nguyễn Văn An');
    await official('cuong', 'Phạm Văn Cường');
    await post('/api/v1/officials/an/assignments', {
      unitId: 'xa-a',
      role: 'committee-member-in-charge',
      from: '2017-03-01',
      to: '2017-04-30',
      occurredAt: at('01-01'),
    });
    for (const month of ['03', '04']) {
      await post('/api/v1/meetings', {
        meetingId: `committee-2017-${month}`,
        unitId: 'dang-uy-xa-a',
        kind: 'party-committee',
        heldAt: at(`${month}-10`, '14:00'),
        attendees: ['an'],
      });
      await post('/api/v1/meetings', {
        meetingId: `cell-2017-${month}`,
        unitId: 'chi-bo-1',
        kind: 'party-cell',
        heldAt: at(`${month}-12`, '14:00'),
        attendees: ['cuong'],
      });
    }
  });
  afterAll(async () => {
    await subject.close();
  });

  it('before any duty is recorded, April is judged by the shipped duty', async () => {
    expect(await monthOf('2017-04', '2017-04-01', '2017-04-30')).toMatchObject({
      status: 'missed',
      missing: ['party-cell'],
      duty: { dutyId: 'monthly-attendance-2017' },
    });
  });

  it('records the duty and shows it', async () => {
    const recorded = await post('/api/v1/policies/duties', committeeOnly, 201);
    expect(recorded.headers.location).toBe('/api/v1/policies/duties/committee-only-2017-04');
    const shown = await http.get('/api/v1/policies/duties/committee-only-2017-04').expect(200);
    expect(shown.body).toMatchObject({ status: 'recorded', duty: { ...committeeOnly, effectiveTo: null }, retirement: null });
  });

  it('judges the month after its start by the recorded duty: the committee alone, which An attended', async () => {
    const april = await monthOf('2017-04', '2017-04-01', '2017-04-30');
    expect(april).toMatchObject({ status: 'met', missing: [], duty: { dutyId: 'committee-only-2017-04', needsCheck: false } });
    expect(april.parts.map((part) => part.kind)).toEqual(['party-committee']);
  });

  it('refuses a second duty in force on some of the same days, an empty period and a field it does not know', async () => {
    const overlap = await http
      .post('/api/v1/policies/duties')
      .send({ ...committeeOnly, dutyId: 'another', effectiveFrom: '2017-06-01' })
      .expect(409);
    expect(overlap.body.code).toBe('DUTY.OVERLAP');
    const empty = await http
      .post('/api/v1/policies/duties')
      .send({ ...committeeOnly, dutyId: 'empty', effectiveTo: '2017-04-01' })
      .expect(400);
    expect(empty.body.code).toBe('DUTY.EFFECTIVE_PERIOD_EMPTY');
    const unknown = await http
      .post('/api/v1/policies/duties')
      .send({ ...committeeOnly, dutyId: 'odd', minimumDays: 3 })
      .expect(400);
    expect(unknown.body.code).toBe('VALIDATION.FAILED');
  });

  it('judges the month before its start by the shipped duty: An missed the cell', async () => {
    expect(await monthOf('2017-03', '2017-03-01', '2017-03-31')).toMatchObject({
      status: 'missed',
      missing: ['party-cell'],
      duty: { dutyId: 'monthly-attendance-2017' },
    });
  });

  it('once retired from its first day, the shipped duty judges April again', async () => {
    await post('/api/v1/policies/duties/committee-only-2017-04/retirements', { effectiveTo: '2017-04-01', reason: 'Withdrawn' }, 200);
    expect(await monthOf('2017-04', '2017-04-01', '2017-04-30')).toMatchObject({
      status: 'missed',
      duty: { dutyId: 'monthly-attendance-2017' },
    });
  });
});
