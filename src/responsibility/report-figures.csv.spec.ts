import { reportFigures } from './report-figures.csv.js';

describe('a responsibility review as one table of figures', () => {
  it('gives every { count, evidence } figure a row named by its path, list elements by their ids', () => {
    const review = {
      officialId: 'o-1',
      attendance: [
        { assignmentId: 'a-1', months: [{ month: '2017-01', committeeMeetings: { count: 1, evidence: ['e-1'] }, evidence: ['e-9'] }] },
      ],
      cases: { total: { count: 2, evidence: ['e-2', 'e-3'] }, byTimeliness: { late: { count: 0, evidence: [] } } },
    };
    expect(reportFigures(review)).toEqual([
      { figure: 'attendance.a-1.months.2017-01.committeeMeetings', count: 1, evidence: ['e-1'] },
      { figure: 'cases.total', count: 2, evidence: ['e-2', 'e-3'] },
      { figure: 'cases.byTimeliness.late', count: 0, evidence: [] },
    ]);
  });
});
