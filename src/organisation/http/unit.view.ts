import type { UnitState } from '../unit.decider.js';
import { eventsBehind } from '../../http/event-references.js';
import { parentPeriods } from '../unit-parents.js';

/**
 * The unit as the API shows it: the state without the facts kept for corrections, with its parents
 * over time (each stretch from its effective day to the next move's, exclusive).
 */
export function unitView(state: UnitState): Record<string, unknown> {
  if (state.status === 'unregistered') return { status: state.status };
  const { facts, registeredParentId, moves, ...view } = state;
  return { ...view, parents: parentPeriods({ parentId: registeredParentId, moves }), ...eventsBehind(facts) };
}
