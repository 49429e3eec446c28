import { describe, expect, it } from 'vitest';
import { worklistSearchOf } from './MyWork';

describe("a worklist section's list", () => {
  it('opens on the cases screen with the same filters, judged now rather than at the worklist’s moment', () => {
    expect(
      worklistSearchOf(
        '/api/v1/cases?assignedOfficialId=le-thi-hoa&status=open&dueWithinWorkingDays=3&asOf=2026-03-04T08%3A00%3A00%2B07%3A00&sort=due&limit=200',
      ),
    ).toEqual({ assignedOfficialId: 'le-thi-hoa', status: 'open', dueWithinWorkingDays: 3, sort: 'due' });
    expect(worklistSearchOf('/api/v1/cases?inChargeOf=o-1&notReportedUpward=true&asOf=x&sort=due&limit=20')).toEqual({
      inChargeOf: 'o-1',
      notReportedUpward: true,
      sort: 'due',
    });
  });
});
