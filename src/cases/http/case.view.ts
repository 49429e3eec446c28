import { maxExtensions } from '../case.decider.js';
import type { CaseState } from '../case.state.js';
import { eventsBehind } from '../../http/event-references.js';

/** The case as the API shows it: the state without the facts kept for corrections. */
export function caseView(state: CaseState): Record<string, unknown> {
  if (state.status === 'unreceived') return { status: state.status };
  const { facts, ...view } = state;
  return {
    ...view,
    extensionsAllowed: maxExtensions(state.complexity),
    ...eventsBehind(facts),
  };
}
