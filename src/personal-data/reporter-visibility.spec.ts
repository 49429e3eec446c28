import { ROLES, type Principal, type Role } from '../auth/principal.js';
import { CASE_CATEGORIES, type CaseCategory } from '../cases/case.events.js';
import { mayReadReporter } from './reporter-visibility.js';

const as = (...roles: Role[]): Principal => ({ subject: 'someone', roles, units: 'all' });

describe('who may read a reporter in plaintext', () => {
  const expected: Record<Role, { denunciation: boolean; other: boolean }> = {
    recorder: { denunciation: false, other: true },
    official: { denunciation: false, other: true },
    'standing-committee': { denunciation: true, other: true },
    inspector: { denunciation: true, other: true },
    admin: { denunciation: false, other: false },
  };
  const rows = ROLES.flatMap((role) =>
    CASE_CATEGORIES.map(
      (category) => [role, category, category === 'denunciation' ? expected[role].denunciation : expected[role].other] as const,
    ),
  );

  it.each(rows)('%s reading a %s reporter: %s', (role: Role, category: CaseCategory, allowed: boolean) => {
    expect(mayReadReporter(as(role), category)).toBe(allowed);
  });

  it('lets nobody without a role read', () => {
    for (const category of CASE_CATEGORIES) expect(mayReadReporter(as(), category)).toBe(false);
  });

  it('lets a denouncer be read when any one of the reader’s roles needs it', () => {
    expect(mayReadReporter(as('recorder', 'admin'), 'denunciation')).toBe(false);
    expect(mayReadReporter(as('recorder', 'inspector'), 'denunciation')).toBe(true);
  });
});
