import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

/** A year decision as an operator drops it in: the format of src/calendar/holidays/vn-<year>.json. */
const decision2027 = {
  country: 'VN',
  year: 2027,
  decisions: ['Prime Minister’s approval of the 2027 schedule (a test decision)'],
  sources: ['A test source'],
  swaps: [{ dayOff: '2027-11-26', workedOn: '2027-11-20', reference: 'A test decision, art. 1' }],
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('a holiday decision dropped into <LEDGER_DATA_DIR>/calendar/, without a restart', () => {
  let subject: TestApp;
  let file: string;

  beforeAll(async () => {
    subject = await startTestApp();
    mkdirSync(join(subject.dataDir, 'calendar'), { recursive: true });
    file = join(subject.dataDir, 'calendar', '2027.json');
  }, 60_000);
  afterAll(async () => {
    await subject.close();
  });

  const year2027 = async () => (await subject.as('inspector-1', ['inspector']).get('/api/v1/calendar/2027').expect(200)).body;
  const calendarHealth = async () => {
    const { body } = await subject.anonymous.get('/health/ready');
    return (body.details?.details ?? body.details)?.calendar;
  };

  it('is used from the next request on, and a bad file keeps the last good calendar and says so on /health/ready', async () => {
    expect(await year2027()).toMatchObject({ provisional: true, workingWeekends: [] });
    expect(await calendarHealth()).toEqual({ status: 'up' });

    writeFileSync(file, JSON.stringify(decision2027));
    await settle();
    const decided = await year2027();
    expect(decided).toMatchObject({ provisional: false, workingWeekends: ['2027-11-20'] });
    expect(decided.holidays).toContainEqual(expect.objectContaining({ date: '2027-11-26', kind: 'swapped' }));

    writeFileSync(file, '{"year": 2027, "swaps": [');
    await settle();
    expect(await calendarHealth()).toEqual({ status: 'down', message: expect.stringMatching(/2027\.json: not JSON/) });
    expect((await subject.anonymous.get('/health/ready').expect(503)).body.code).toBe('HEALTH.NOT_READY');
    expect(await year2027()).toMatchObject({ provisional: false, workingWeekends: ['2027-11-20'] });

    writeFileSync(file, JSON.stringify({ ...decision2027, year: 2028, swaps: [] }));
    await settle();
    expect(await calendarHealth()).toEqual({ status: 'down', message: expect.stringContaining('2027.json: it says year 2028') });

    rmSync(file);
    await settle();
    expect(await calendarHealth()).toEqual({ status: 'up' });
    expect(await year2027()).toMatchObject({ provisional: true, workingWeekends: [] });
  });
});
