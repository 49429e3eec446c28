import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';
import { TrackedWrites } from '../support/tracked-writes.js';

const at = (day: string, time = '08:00') => `2017-${day}T${time}:00+07:00`;

type Month = { month: string; from: string; to: string; daysInCharge: number; status: string; missing: string[]; noMeetingHeld: string[] };

/**
 * A handover month, over HTTP. An is in charge of commune A from 1 to 14 March 2017, Bình from the
 * 15th. The commune's Party committee met once, on the 10th, without An; its cell met on the 12th with
 * An. After the 14th no meeting of either kind was held. An missed the committee; Bình missed nothing:
 * in his days the unit did not meet.
 */
describe('the monthly duty of a handover month, over HTTP', () => {
  let subject: TestApp;
  let http: ReturnType<typeof request>;
  let writes: TrackedWrites;

  const post = (path: string, body: object, status?: number) => writes.post(path, body, status);
  const march = async (officialId: string): Promise<{ month: Month; missed: number }> => {
    const { body } = await http
      .get(`/api/v1/officials/${officialId}/review?minPosition=${writes.position}&from=2017-03-01&to=2017-03-31`)
      .expect(200);
    return { month: body.attendance[0].months[0], missed: body.monthsMissed.count };
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
    await official('binh', 'Trần Văn Bình');
    await official('cuong', 'Phạm Văn Cường');
    const assign = (officialId: string, from: string, to?: string) =>
      post(`/api/v1/officials/${officialId}/assignments`, {
        unitId: 'xa-a',
        role: 'committee-member-in-charge',
        from,
        to,
        occurredAt: at('01-01'),
      });
    await assign('an', '2017-03-01', '2017-03-14');
    await assign('binh', '2017-03-15', '2017-03-31');
    await post('/api/v1/meetings', {
      meetingId: 'committee-2017-03',
      unitId: 'dang-uy-xa-a',
      kind: 'party-committee',
      heldAt: at('03-10', '14:00'),
      attendees: ['cuong'],
    });
    await post('/api/v1/meetings', {
      meetingId: 'cell-2017-03',
      unitId: 'chi-bo-1',
      kind: 'party-cell',
      heldAt: at('03-12', '14:00'),
      attendees: ['an'],
    });
  });
  afterAll(async () => {
    await subject.close();
  });

  it('the member who handed over missed the only committee meeting held in their 14 days', async () => {
    const { month, missed } = await march('an');
    expect(month).toMatchObject({ month: '2017-03', from: '2017-03-01', to: '2017-03-14', daysInCharge: 14, status: 'missed' });
    expect(month.missing).toEqual(['party-committee']);
    expect(missed).toBe(1);
  });

  it('the member who took over on the 15th, when no meeting was held, is told so, and it is not his miss', async () => {
    const { month, missed } = await march('binh');
    expect(month).toMatchObject({ from: '2017-03-15', to: '2017-03-31', daysInCharge: 17, status: 'no-meeting-held', missing: [] });
    expect(month.noMeetingHeld).toEqual(['party-committee', 'party-cell']);
    expect(missed).toBe(0);
  });
});
