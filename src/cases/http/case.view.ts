import { maxExtensions } from '../case.decider.js';
import type { CaseState } from '../case.state.js';
import { eventsBehind } from '../../http/event-references.js';

/** The case as the API shows it: the state without the facts kept for corrections. */
export function caseView(state: CaseState): Record<string, unknown> {
  if (state.status === 'unreceived') return { status: state.status };
  const { facts, media, ...view } = state;
  return {
    ...view,
    media: media === null ? null : { ...media, url: caseMediaPath(state.caseId, media.sha256) },
    extensionsAllowed: maxExtensions(state.complexity),
    ...eventsBehind(facts),
  };
}

/** Where a photo kept with a case is served, to those who may read the case. */
export function caseMediaPath(caseId: string, sha256: string): string {
  return `/api/v1/cases/${caseId}/media/${sha256}`;
}
