import type { VisitState } from '../visit.decider.js';
import { eventsBehind } from '../../http/event-references.js';

/** The visit as the API shows it: the state without the facts kept for corrections. */
export function visitView(state: VisitState): Record<string, unknown> {
  if (state.status === 'not-scheduled') return { status: state.status };
  const { facts, ...view } = state;
  return { ...view, ...eventsBehind(facts) };
}
