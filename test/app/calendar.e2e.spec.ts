import { ROLES } from '../../src/auth/principal.js';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

describe('GET /api/v1/calendar/{year}', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
  }, 60_000);
  afterAll(async () => {
    await subject.close();
  });

  it('answers a decided year with its holidays, compensatory and swapped days, worked weekends and sources', async () => {
    const { body } = await subject.as('inspector-1', ['inspector']).get('/api/v1/calendar/2026').expect(200);
    expect(body).toMatchObject({ year: 2026, provisional: false, workingWeekends: ['2026-01-10', '2026-08-22'] });
    expect(body.holidays).toContainEqual({
      date: '2026-02-17',
      name: 'Tết Nguyên đán Bính Ngọ (mùng 1, Lunar New Year’s Day)',
      kind: 'holiday',
      reference: expect.stringContaining('Labour Code 45/2019/QH14, art. 112(1)(b)'),
      needsCheck: false,
    });
    expect(body.holidays).toContainEqual(expect.objectContaining({ date: '2026-04-27', kind: 'compensatory' }));
    expect(body.holidays).toContainEqual(
      expect.objectContaining({ date: '2026-01-02', kind: 'swapped', reference: expect.stringContaining('2025-12-25') }),
    );
    expect(body.holidays).toContainEqual(
      expect.objectContaining({ date: '2026-08-31', kind: 'swapped', needsCheck: true, note: expect.any(String) }),
    );
    expect(body.sources).toEqual(
      expect.arrayContaining([expect.stringMatching(/Labour Code 45\/2019\/QH14/), expect.stringMatching(/UTC\+7/)]),
    );
  });

  it('answers a year without a decision from the law alone, marked provisional, for any role', async () => {
    for (const role of ROLES) {
      const { body } = await subject.as(`${role}-1`, [role]).get('/api/v1/calendar/2008').expect(200);
      expect(body).toMatchObject({ year: 2008, provisional: true, workingWeekends: [] });
      expect(body.holidays.map((day: { date: string }) => day.date)).toContain('2008-04-15');
    }
  });

  it.each([
    ['1994', 404, 'CALENDAR.YEAR_OUT_OF_RANGE'],
    ['2101', 404, 'CALENDAR.YEAR_OUT_OF_RANGE'],
    ['20x6', 400, 'CALENDAR.YEAR_INVALID'],
    ['02026', 400, 'CALENDAR.YEAR_INVALID'],
  ])('refuses %s with %i %s', async (year, status, code) => {
    const { body } = await subject.as('recorder-1', ['recorder']).get(`/api/v1/calendar/${year}`).expect(status);
    expect(body).toMatchObject({ status, code, detail: expect.any(String) });
  });

  it('needs a token', async () => {
    expect((await subject.anonymous.get('/api/v1/calendar/2026').expect(401)).body.code).toBe('AUTH.TOKEN_MISSING');
  });

  it('documents the answer in the OpenAPI document', async () => {
    const document = (await subject.anonymous.get('/docs-json').expect(200)).body;
    const ok = document.paths['/api/v1/calendar/{year}'].get.responses['200'];
    expect(ok.content['application/json'].schema.$ref).toBe('#/components/schemas/CalendarYearView');
    expect(Object.keys(document.components.schemas.CalendarYearView.properties)).toEqual(
      expect.arrayContaining(['year', 'provisional', 'holidays', 'workingWeekends', 'sources']),
    );
    expect(document.components.schemas.CalendarDayOffView.properties.kind.enum).toEqual(['holiday', 'compensatory', 'swapped']);
  });
});
