import { Body, Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import { randomUUID } from 'node:crypto';
import { CommandHandler, type CommandEnvelope } from '../../ledger/command-handler.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { CommandErrorResponses } from '../../http/api-docs.js';
import { CommandRoute, resourceSchema } from '../../http/command-route.decorator.js';
import { Envelope } from '../../http/envelope.decorator.js';
import { newAggregateId } from '../../http/new-aggregate-id.js';
import { OfficialDirectory } from '../../officials/official-directory.js';
import { reviewDecider } from '../review.decider.js';
import { reviewStream } from '../review.events.js';
import { ConcludeReviewRequestDto, OpenReviewRequestDto } from './dto/review.request.dto.js';
import { AggregateEndpoint } from '../../http/aggregate-endpoint.js';
import { withEventLinks } from '../../http/event-links.js';
import { Requires } from '../../auth/requires.decorator.js';

const REVIEW_ANSWER = resourceSchema('The review');

@ApiTags('reviews')
@Controller('api/v1/reviews')
@CommandErrorResponses()
export class ReviewsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly officials: OfficialDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    {
      decider: reviewDecider,
      streamOf: reviewStream,
      name: 'Review',
      notFoundCode: 'REVIEW.NOT_FOUND',
      view: (state) => ({ ...state, eventLinks: withEventLinks(state).eventLinks }),
    },
    this.commands,
    this.store,
  );

  @CommandRoute(undefined, 'reviews.open', {
    creates: true,
    answers: 'Opened; Location names the review, ETag its revision.',
    schema: REVIEW_ANSWER,
    conflicts: 'A review with this id is already opened (REVIEW.ALREADY_OPENED).',
    unprocessable: 'The official is not registered (REVIEW.UNKNOWN_OFFICIAL).',
  })
  async open(@Body() body: OpenReviewRequestDto, @Envelope() envelope: CommandEnvelope) {
    const reviewId = body.reviewId ?? newAggregateId(envelope, 'review', randomUUID);
    const official = await this.officials.reference(body.officialId);
    const command = { type: 'OpenReview' as const, reviewId, official, grounds: body.grounds, evidenceEventIds: body.evidenceEventIds };
    return this.endpoint.create(reviewId, command, envelope, `/api/v1/reviews/${reviewId}`, { reviewId });
  }

  @Requires('reviews.read')
  @ApiAnswer(READ_EXAMPLES.review, { description: 'The review, with its ETag; eventLinks opens each evidence id' })
  @Get(':reviewId')
  @ApiOkResponse({ description: 'The review, with its ETag.', schema: REVIEW_ANSWER })
  @ApiNotFoundResponse({ description: 'No such review (code NOT_FOUND).' })
  get(@Param('reviewId') reviewId: string, @Res({ passthrough: true }) response: Response) {
    return this.endpoint.show(reviewId, response);
  }

  @CommandRoute(':reviewId/conclusions', 'reviews.conclude', {
    answers: 'The review, concluded.',
    schema: REVIEW_ANSWER,
    conflicts: 'The review is already concluded (REVIEW.ALREADY_CONCLUDED).',
  })
  conclude(@Param('reviewId') reviewId: string, @Body() body: ConcludeReviewRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.endpoint.act(reviewId, { type: 'ConcludeReview', outcome: body.outcome, conclusion: body.conclusion }, envelope);
  }
}
