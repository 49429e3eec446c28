import type { CaseState } from '../case.state.js';
import { eventsBehind } from '../../http/event-references.js';

/**
 * The case as the API shows it: the case now (CasePresent) and what it was received as, without the
 * history the read sides fold from it nor the facts kept for corrections. How many extensions the law
 * allows is a judgement of the rule in force, shown on the case's timeline beside each deadline.
 */
export function caseView(state: CaseState): Record<string, unknown> {
  if (state.status === 'unreceived') return { status: state.status };
  const {
    facts,
    media,
    received: _received,
    moments: _moments,
    holdings: _holdings,
    periods: _periods,
    classifications: _classifications,
    complexities: _complexities,
    assignments: _assignments,
    upwardReports: _upwardReports,
    upperLevelNotices: _upperLevelNotices,
    suspensions: _suspensions,
    appeals,
    ...view
  } = state;
  return {
    ...view,
    media: media === null ? null : { ...media, url: caseMediaPath(state.caseId, media.sha256) },
    // A second-level complaint and the first-level one it appeals, each linked from the other.
    firstLevelCase: view.firstLevelCaseId === null ? null : { caseId: view.firstLevelCaseId, href: casePath(view.firstLevelCaseId) },
    appeals: appeals.map((appeal) => ({ ...appeal, href: casePath(appeal.secondLevelCaseId) })),
    ...eventsBehind(facts),
  };
}

export function casePath(caseId: string): string {
  return `/api/v1/cases/${caseId}`;
}

/** Where a photo kept with a case is served, to those who may read the case. */
export function caseMediaPath(caseId: string, sha256: string): string {
  return `/api/v1/cases/${caseId}/media/${sha256}`;
}
