import type { OfficialState } from '../official.decider.js';
import { eventsBehind } from '../../http/event-references.js';

/** The official as the API shows it: the state without the facts kept for corrections. */
export function officialView(state: OfficialState): Record<string, unknown> {
  if (state.status === 'unregistered') return { status: state.status };
  const { facts, ...view } = state;
  return { ...view, ...eventsBehind(facts) };
}
