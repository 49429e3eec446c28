import { describe, expect, it } from 'vitest';
import type { SessionView } from '../api/session';
import { vi } from '../i18n/messages.vi';
import { visibleNav } from './Shell';

const session = (permissions: SessionView['permissions']): SessionView => ({
  subject: 's',
  roles: [],
  units: 'all',
  signedInWith: 'link',
  expiresAt: '2026-12-01T00:00:00Z',
  csrfToken: 't',
  permissions,
});

describe('the sections each person is offered', () => {
  it('follow the permission matrix: a clerk records, an inspector audits', () => {
    const clerk = visibleNav(
      session({ 'cases.receive': 'unit', 'visits.record': 'unit', 'cases.read': 'unit', 'integrity.read': 'any' }),
    ).map((item) => item.label(vi));
    expect(clerk).toEqual(['Tổng quan', 'Vụ việc', 'Toàn vẹn', 'Ghi nhận']);
    const inspector = visibleNav(
      session({ 'cases.read': 'any', 'oversight.read': 'any', 'officials.review': 'any', 'integrity.read': 'any' }),
    ).map((item) => item.label(vi));
    expect(inspector).toEqual(['Tổng quan', 'Vụ việc', 'Cán bộ', 'Đánh giá năm', 'Nhật ký', 'Toàn vẹn']);
  });
});
