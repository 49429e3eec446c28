import type { UnitState } from '../unit.decider.js';
import { eventsBehind } from '../../http/event-references.js';

/** The unit as the API shows it: the state without the facts kept for corrections. */
export function unitView(state: UnitState): Record<string, unknown> {
  if (state.status === 'unregistered') return { status: state.status };
  const { facts, ...view } = state;
  return { ...view, ...eventsBehind(facts) };
}
