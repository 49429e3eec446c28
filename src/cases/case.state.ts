import type { Fact } from '../domain-kit/decider.js';
import { evolveCaseFacts, receivedCaseFacts, type CaseFacts } from './case-facts.js';
import type { CaseEvent } from './case.events.js';

export type { CaseAssignee, CasePresent } from './case-facts.js';

/**
 * The case as the decider sees it: the one fold of its history (case-facts.ts), whose present is what
 * the decider checks and the API shows, plus the facts themselves, which a correction names. One fold
 * for deciding and for reading, so a rule about where the case is, who holds it or when a handling
 * period starts is written once.
 */
export type ReceivedCase = CaseFacts & {
  /** Every fact of the case, corrections included, so a correction can name the event it corrects. */
  readonly facts: readonly Fact<CaseEvent>[];
};

export type CaseState = { readonly status: 'unreceived' } | ReceivedCase;

export const initialCaseState: CaseState = { status: 'unreceived' };

export function evolveCase(state: CaseState, fact: Fact<CaseEvent>): CaseState {
  if (state.status === 'unreceived') {
    const received = receivedCaseFacts(fact);
    return received ? { ...received, facts: [fact] } : state;
  }
  return evolveCaseFacts(state, fact, { facts: [...state.facts, fact] });
}
