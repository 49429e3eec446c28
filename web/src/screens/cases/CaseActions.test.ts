import { describe, expect, it } from 'vitest';
import type { PermissionName } from '../../api/session';
import type { CaseView } from '../../api/views';
import { offeredActions } from './CaseActions';

const state = (status: CaseView['status'], extra: Partial<CaseView> = {}) =>
  ({ status, acknowledgedAt: null, dueAt: null, complexity: null, ...extra }) as CaseView;
const granted =
  (...permissions: PermissionName[]) =>
  (permission: PermissionName) =>
    permissions.includes(permission);

describe('the actions offered on a case', () => {
  it('are those the roles allow and the status permits', () => {
    expect(offeredActions(state('open'), granted('cases.act')).map((action) => action.key)).toEqual([
      'acknowledge',
      'classify',
      'assign',
      'recordAction',
      'markComplex',
      'reportUpward',
      'resolve',
    ]);
    expect(offeredActions(state('open', { acknowledgedAt: 'x', dueAt: 'y' }), granted('cases.act')).map((action) => action.key)).toContain(
      'extend',
    );
    expect(offeredActions(state('resolved'), granted('cases.act')).map((action) => action.key)).toEqual(['close', 'reopen']);
    expect(offeredActions(state('open'), granted('cases.escalate')).map((action) => action.key)).toEqual([
      'escalate',
      'upperLevelInformed',
    ]);
    expect(offeredActions(state('open'), granted('cases.read', 'oversight.read'))).toEqual([]);
  });
});
