import type { VisitState } from '../visit.decider.js';

/** The visit as the API shows it: the state without the facts kept for corrections. */
export function visitView(state: VisitState): Record<string, unknown> {
  if (state.status === 'not-scheduled') return { status: state.status };
  const { facts, ...view } = state;
  return { ...view, correctedEventIds: facts.filter((fact) => fact.type === 'EventCorrected').map((fact) => fact.data.correctedEventId) };
}
