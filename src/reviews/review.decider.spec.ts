import { reviewDecider, type ReviewCommand } from './review.decider.js';
import type { ReviewEvent } from './review.events.js';
import { context, fact, spec } from '../../test/support/given-when-then.js';

const reviews = spec(reviewDecider);
const at = (occurredAt = '2017-03-09T08:00:00+07:00') => context(occurredAt);
const evidence = '00000000-0000-4000-8000-00000000abcd';

const open = (overrides: Partial<Extract<ReviewCommand, { type: 'OpenReview' }>> = {}): ReviewCommand => ({
  type: 'OpenReview',
  reviewId: 'r-1',
  official: { officialId: 'nguyen-van-a', status: 'active', leftAt: null },
  grounds: 'The upper level learned first',
  evidenceEventIds: [evidence],
  ...overrides,
});
const opened = fact<ReviewEvent>(
  {
    type: 'ReviewOpened',
    data: { reviewId: 'r-1', officialId: 'nguyen-van-a', grounds: 'The upper level learned first', evidenceEventIds: [evidence] },
  },
  '2017-03-01T08:00:00+07:00',
);
const concluded = fact<ReviewEvent>(
  { type: 'ReviewConcluded', data: { outcome: 'reminded', conclusion: 'Report promptly' } },
  '2017-03-05T08:00:00+07:00',
);
const conclude: ReviewCommand = { type: 'ConcludeReview', outcome: 'lessons-drawn', conclusion: 'Draw lessons' };

describe('review decider', () => {
  describe('OpenReview', () => {
    it('opens a review of a registered official on recorded evidence', () => {
      reviews
        .given([])
        .when(open(), at())
        .then([
          {
            type: 'ReviewOpened',
            data: { reviewId: 'r-1', officialId: 'nguyen-van-a', grounds: 'The upper level learned first', evidenceEventIds: [evidence] },
          },
        ]);
    });

    it('opens a review of an official who has left since', () => {
      reviews
        .given([])
        .when(open({ official: { officialId: 'le-van-c', status: 'left', leftAt: '2017-02-01T00:00:00Z' } }), at())
        .then([expect.objectContaining({ type: 'ReviewOpened' })]);
    });

    it.each([
      ['twice', [opened], open(), 'REVIEW.ALREADY_OPENED', 'conflict' as const],
      [
        'of an unregistered official',
        [],
        open({ official: { officialId: 'ghost', status: 'unregistered', leftAt: null } }),
        'REVIEW.UNKNOWN_OFFICIAL',
        'unprocessable' as const,
      ],
      ['without evidence', [], open({ evidenceEventIds: [] }), 'REVIEW.EVIDENCE_COUNT', 'invalid' as const],
      [
        'on 101 events',
        [],
        open({ evidenceEventIds: Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`) }),
        'REVIEW.EVIDENCE_COUNT',
        'invalid' as const,
      ],
      ['naming an event twice', [], open({ evidenceEventIds: [evidence, evidence] }), 'REVIEW.DUPLICATE_EVIDENCE', 'invalid' as const],
      ['on something not an event id', [], open({ evidenceEventIds: ['case-1'] }), 'REVIEW.EVIDENCE_NOT_AN_EVENT_ID', 'invalid' as const],
    ])('refuses opening %s', (_, given, command, code, kind) => {
      reviews.given(given).when(command, at()).thenRefused(code, kind);
    });

    it('refuses a review opened in the future', () => {
      reviews.given([]).when(open(), context('2027-01-01T00:00:00Z')).thenRefused('OCCURRED_AT.IN_FUTURE', 'invalid');
    });
  });

  describe('ConcludeReview', () => {
    it('concludes an open review', () => {
      reviews
        .given([opened])
        .when(conclude, at())
        .then([{ type: 'ReviewConcluded', data: { outcome: 'lessons-drawn', conclusion: 'Draw lessons' } }]);
      expect(reviews.given([opened, concluded]).state).toMatchObject({
        status: 'concluded',
        conclusion: { outcome: 'reminded', concludedAt: '2017-03-05T08:00:00+07:00' },
      });
    });

    it.each([
      ['a review never opened', [], at(), 'REVIEW.NOT_FOUND', 'not-found' as const],
      ['twice', [opened, concluded], at(), 'REVIEW.ALREADY_CONCLUDED', 'conflict' as const],
      ['before it was opened', [opened], at('2017-02-01T08:00:00+07:00'), 'OCCURRED_AT.BEFORE_PREVIOUS', 'conflict' as const],
    ])('refuses concluding %s', (_, given, when, code, kind) => {
      reviews.given(given).when(conclude, when).thenRefused(code, kind);
    });
  });
});
