import type { DomainEvent, Fact } from '../domain-kit/decider.js';
import { EVENT_CORRECTED } from '../domain-kit/corrections.js';

export interface EventReference {
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
}

/**
 * The events behind a resource, in order, as every aggregate view lists them: what a client needs to
 * correct one of them, or to cite them as evidence (a responsibility review names event ids).
 */
export function eventsBehind(facts: readonly Fact<DomainEvent>[]): { events: EventReference[]; correctedEventIds: string[] } {
  return {
    events: facts.map(({ eventId, type, occurredAt }) => ({ eventId, type, occurredAt })),
    correctedEventIds: facts
      .filter((fact) => fact.type === EVENT_CORRECTED)
      .map((fact) => (fact.data as { correctedEventId: string }).correctedEventId),
  };
}
