import type { DecisionContext, Decider, DomainEvent, Fact } from '../../src/domain-kit/decider.js';
import { withCorrections } from '../../src/domain-kit/corrections.js';
import { DomainError } from '../../src/domain-kit/domain-error.js';

/** A literal past fact for a given/when/then test: an event with its id and time. */
export function fact<Event extends DomainEvent>(
  event: Event,
  occurredAt: string,
  eventId = `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
): Fact<Event> {
  return { ...event, occurredAt, eventId };
}
let counter = 0;

export function context(occurredAt: string, now = '2026-11-28T00:00:00Z', actor = 'user:clerk-1'): DecisionContext {
  return { occurredAt, now: new Date(now), actor };
}

/** given(facts) → when(command) → then(events) or thenRefused(code): the decider's whole contract. */
export function spec<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return {
    given(facts: readonly Fact<Event>[]) {
      const state = withCorrections(facts).reduce(decider.evolve, decider.initialState);
      return {
        state,
        when(command: Command, at: DecisionContext) {
          const decide = () => decider.decide(command, state, at);
          return {
            then(expected: readonly DomainEvent[]) {
              expect(decide()).toEqual(expected);
            },
            thenRefused(code: string, kind?: DomainError['kind']) {
              let refusal: unknown;
              try {
                decide();
              } catch (error) {
                refusal = error;
              }
              expect(refusal).toBeInstanceOf(DomainError);
              expect(refusal).toMatchObject({ code, ...(kind ? { kind } : {}) });
            },
          };
        },
      };
    },
  };
}
