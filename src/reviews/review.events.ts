import type { DomainEvent } from '../domain-kit/decider.js';

/**
 * How a personal responsibility review (kiểm điểm trách nhiệm cá nhân) ended. Formal Party discipline
 * is a separate procedure: a review can only refer an official to it.
 */
export const REVIEW_OUTCOMES = ['no-fault', 'lessons-drawn', 'reminded', 'reprimanded', 'referred-for-discipline', 'other'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const MAX_EVIDENCE_EVENTS = 100;

/** evidenceEventIds name the ledger events the review rests on (a late report, an upper level informed first...). */
export type ReviewOpened = DomainEvent<
  'ReviewOpened',
  { reviewId: string; officialId: string; grounds: string; evidenceEventIds: string[] }
>;
export type ReviewConcluded = DomainEvent<'ReviewConcluded', { outcome: ReviewOutcome; conclusion: string }>;

export type ReviewEvent = ReviewOpened | ReviewConcluded;

export const reviewStream = (reviewId: string): string => `review-${reviewId}`;
