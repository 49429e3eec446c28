import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { CommandHandler } from '../../ledger/command-handler.js';
import { readAggregate } from '../../ledger/aggregate-reader.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { answer, commandEnvelope } from '../../http/command-request.js';
import { CommandErrorResponses, IdempotencyKeyHeader, IfMatchHeader } from '../../http/api-docs.js';
import { newAggregateId } from '../../http/new-aggregate-id.js';
import { OfficialDirectory } from '../../officials/official-directory.js';
import { reviewDecider } from '../review.decider.js';
import { reviewStream } from '../review.events.js';
import { ConcludeReviewRequestDto, OpenReviewRequestDto } from './dto/review.request.dto.js';
import { AggregateEndpoint } from '../../http/aggregate-endpoint.js';
import { withEventLinks } from '../../http/event-links.js';
import { Requires } from '../../auth/requires.decorator.js';

@ApiTags('reviews')
@Controller('api/v1/reviews')
@CommandErrorResponses()
export class ReviewsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly officials: OfficialDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    {
      decider: reviewDecider,
      streamOf: reviewStream,
      name: 'Review',
      view: (state) => ({ ...state, eventLinks: withEventLinks(state).eventLinks }),
    },
    this.commands,
    this.store,
    this.clock,
  );

  @Requires('reviews.open')
  @Post()
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ description: 'Opened; Location names the review, ETag its revision.' })
  @ApiConflictResponse({ description: 'A review with this id is already opened (REVIEW.ALREADY_OPENED).' })
  @ApiUnprocessableEntityResponse({ description: 'The official is not registered (REVIEW.UNKNOWN_OFFICIAL).' })
  async open(@Body() body: OpenReviewRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const envelope = commandEnvelope(request, this.clock.now(), body.occurredAt);
    const reviewId = body.reviewId ?? newAggregateId(envelope, 'review', randomUUID);
    const official = await this.officials.reference(body.officialId);
    const command = { type: 'OpenReview' as const, reviewId, official, grounds: body.grounds, evidenceEventIds: body.evidenceEventIds };
    const result = await this.commands.handle(reviewDecider, reviewStream(reviewId), command, envelope);
    answer(response, result, `/api/v1/reviews/${reviewId}`);
    return { reviewId, ...result.state };
  }

  @Requires('reviews.read')
  @ApiAnswer(READ_EXAMPLES.review, { description: 'The review, with its ETag; eventLinks opens each evidence id' })
  @Get(':reviewId')
  @ApiOkResponse({ description: 'The review, with its ETag.' })
  @ApiNotFoundResponse({ description: 'No such review (code NOT_FOUND).' })
  get(@Param('reviewId') reviewId: string, @Res({ passthrough: true }) response: Response) {
    return this.endpoint.show(reviewId, response);
  }

  @Requires('reviews.conclude')
  @Post(':reviewId/conclusions')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({ description: 'The review is already concluded (REVIEW.ALREADY_CONCLUDED).' })
  async conclude(
    @Param('reviewId') reviewId: string,
    @Body() body: ConcludeReviewRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    await readAggregate(this.store, reviewDecider, reviewStream(reviewId), `Review ${reviewId}`);
    const command = { type: 'ConcludeReview' as const, outcome: body.outcome, conclusion: body.conclusion };
    const result = await this.commands.handle(
      reviewDecider,
      reviewStream(reviewId),
      command,
      commandEnvelope(request, this.clock.now(), body.occurredAt),
    );
    answer(response, result);
    return result.state;
  }
}
