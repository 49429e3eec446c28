import type { Decider } from '../domain-kit/decider.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { assertNotBefore, assertNotInFuture } from '../domain-kit/occurred-at.js';
import type { OfficialReference } from '../officials/official.decider.js';
import { MAX_EVIDENCE_EVENTS, type ReviewEvent, type ReviewOutcome } from './review.events.js';
import { unhandled } from '../domain-kit/exhaustive.js';
import { UUID } from '../domain-kit/ids.js';

export type ReviewCommand =
  | {
      readonly type: 'OpenReview';
      readonly reviewId: string;
      readonly official: OfficialReference;
      readonly grounds: string;
      readonly evidenceEventIds: readonly string[];
    }
  | { readonly type: 'ConcludeReview'; readonly outcome: ReviewOutcome; readonly conclusion: string };

export type ReviewState =
  | { readonly status: 'unopened' }
  | {
      readonly status: 'open' | 'concluded';
      readonly reviewId: string;
      readonly officialId: string;
      readonly grounds: string;
      readonly evidenceEventIds: readonly string[];
      readonly openedAt: string;
      readonly conclusion: { readonly outcome: ReviewOutcome; readonly conclusion: string; readonly concludedAt: string } | null;
    };

export const reviewDecider: Decider<ReviewCommand, ReviewEvent, ReviewState> = {
  initialState: { status: 'unopened' },

  decide(command, state, context) {
    assertNotInFuture(context.occurredAt, context.now);
    switch (command.type) {
      case 'OpenReview':
        return open(command, state);
      case 'ConcludeReview': {
        if (state.status === 'unopened') throw new DomainError('REVIEW.NOT_FOUND', 'The review was never opened.', 'not-found');
        if (state.status === 'concluded')
          throw new DomainError(
            'REVIEW.ALREADY_CONCLUDED',
            `The review was concluded on ${state.conclusion?.concludedAt}: ${state.conclusion?.outcome}.`,
            'conflict',
          );
        assertNotBefore(context.occurredAt, state.openedAt, 'the opening of the review');
        return [{ type: 'ReviewConcluded', data: { outcome: command.outcome, conclusion: command.conclusion } }];
      }
      default:
        return unhandled(command);
    }
  },

  evolve(state, fact) {
    switch (fact.type) {
      case 'ReviewOpened': {
        const { reviewId, officialId, grounds, evidenceEventIds } = fact.data;
        return { status: 'open', reviewId, officialId, grounds, evidenceEventIds, openedAt: fact.occurredAt, conclusion: null };
      }
      case 'ReviewConcluded':
        return state.status === 'unopened'
          ? state
          : { ...state, status: 'concluded', conclusion: { ...fact.data, concludedAt: fact.occurredAt } };
      default:
        return unhandled(fact);
    }
  },
};

/** Any registered official can be reviewed, also one who has left since: the review is about what they did then. */
function open(command: Extract<ReviewCommand, { type: 'OpenReview' }>, state: ReviewState): ReviewEvent[] {
  if (state.status !== 'unopened')
    throw new DomainError('REVIEW.ALREADY_OPENED', `Review ${command.reviewId} is already opened.`, 'conflict');
  const { evidenceEventIds, official } = command;
  if (evidenceEventIds.length < 1 || evidenceEventIds.length > MAX_EVIDENCE_EVENTS) {
    throw new DomainError('REVIEW.EVIDENCE_COUNT', `A review rests on 1 to ${MAX_EVIDENCE_EVENTS} recorded events.`, 'invalid');
  }
  const malformed = evidenceEventIds.find((eventId) => !UUID.test(eventId));
  if (malformed !== undefined) throw new DomainError('REVIEW.EVIDENCE_NOT_AN_EVENT_ID', `${malformed} is not an event id.`, 'invalid');
  const duplicate = evidenceEventIds.find((eventId, index) => evidenceEventIds.indexOf(eventId) !== index);
  if (duplicate) throw new DomainError('REVIEW.DUPLICATE_EVIDENCE', `Event ${duplicate} is named twice as evidence.`, 'invalid');
  if (official.status === 'unregistered')
    throw new DomainError('REVIEW.UNKNOWN_OFFICIAL', `Official ${official.officialId} is not registered.`, 'unprocessable', {
      officialId: official.officialId,
    });
  return [
    {
      type: 'ReviewOpened',
      data: {
        reviewId: command.reviewId,
        officialId: official.officialId,
        grounds: command.grounds,
        evidenceEventIds: [...evidenceEventIds],
      },
    },
  ];
}
