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
import { DomainError } from '../../domain-kit/domain-error.js';
import { CommandHandler } from '../../ledger/command-handler.js';
import { readAggregate } from '../../ledger/aggregate-reader.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { answer, commandEnvelope, etagOf } from '../../http/command-request.js';
import { CommandErrorResponses, IdempotencyKeyHeader, IfMatchHeader } from '../../http/api-docs.js';
import { CorrectionRequestDto } from '../../http/correction.request.dto.js';
import { newAggregateId } from '../../http/new-aggregate-id.js';
import { UnitDirectory } from '../../organisation/unit-directory.js';
import { officialDecider, type OfficialCommand } from '../official.decider.js';
import { officialStream } from '../official.events.js';
import { RegisterOfficialRequestDto } from './dto/register-official.request.dto.js';
import {
  AssignResponsibilityRequestDto,
  ChangePositionRequestDto,
  EndResponsibilityRequestDto,
  RecordDepartureRequestDto,
} from './dto/official-actions.request.dto.js';
import { officialView } from './official.view.js';
import { AggregateEndpoint } from '../../http/aggregate-endpoint.js';
import { Requires } from '../../auth/requires.decorator.js';

@ApiTags('officials')
@Controller('api/v1/officials')
@CommandErrorResponses()
export class OfficialsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly units: UnitDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    { decider: officialDecider, streamOf: officialStream, name: 'Official', view: officialView },
    this.commands,
    this.store,
    this.clock,
  );

  @Requires('organisation.manage')
  @Post()
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ description: 'Registered; Location names the official, ETag its revision.' })
  @ApiUnprocessableEntityResponse({ description: 'The home unit is not active (OFFICIAL.UNIT_NOT_ACTIVE).' })
  async register(@Body() body: RegisterOfficialRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const envelope = commandEnvelope(request, this.clock.now(), body.occurredAt);
    const officialId = body.officialId ?? newAggregateId(envelope, 'official', randomUUID);
    const unit = await this.units.reference(body.unitId);
    const command: OfficialCommand = { type: 'RegisterOfficial', officialId, fullName: body.fullName, position: body.position, unit };
    const result = await this.commands.handle(officialDecider, officialStream(officialId), command, envelope);
    answer(response, result, `/api/v1/officials/${officialId}`);
    return { officialId, ...officialView(result.state) };
  }

  @Requires('directory.read')
  @ApiAnswer(READ_EXAMPLES.official, { description: 'The official, with its ETag' })
  @Get(':officialId')
  @ApiOkResponse({ description: 'The official now, with their assignments and the ETag.' })
  @ApiNotFoundResponse({ description: 'No such official (code NOT_FOUND).' })
  get(@Param('officialId') officialId: string, @Res({ passthrough: true }) response: Response) {
    return this.endpoint.show(officialId, response);
  }

  @Requires('directory.read')
  @ApiAnswer(READ_EXAMPLES.assignment, { description: 'The assignment' })
  @Get(':officialId/assignments/:assignmentId')
  @ApiOkResponse({ description: "One assignment of the official; the ETag is the official's." })
  @ApiNotFoundResponse({ description: 'No such official or assignment (NOT_FOUND).' })
  async getAssignment(
    @Param('officialId') officialId: string,
    @Param('assignmentId') assignmentId: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const snapshot = await readAggregate(this.store, officialDecider, officialStream(officialId), `Official ${officialId}`);
    const assignment =
      snapshot.state.status === 'unregistered' ? undefined : snapshot.state.assignments.find((a) => a.assignmentId === assignmentId);
    if (!assignment) throw new DomainError('NOT_FOUND', `Official ${officialId} has no assignment ${assignmentId}.`, 'not-found');
    response.setHeader('ETag', etagOf(snapshot.revision));
    return { officialId, ...assignment };
  }

  @Requires('organisation.manage')
  @Post(':officialId/assignments')
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiCreatedResponse({ description: 'Assigned; Location names the assignment.' })
  @ApiConflictResponse({ description: 'OFFICIAL.LEFT, ASSIGNMENT.OVERLAPS.' })
  @ApiUnprocessableEntityResponse({ description: 'The unit is not active (ASSIGNMENT.UNIT_NOT_ACTIVE).' })
  async assign(
    @Param('officialId') officialId: string,
    @Body() body: AssignResponsibilityRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const envelope = commandEnvelope(request, this.clock.now(), body.occurredAt);
    await readAggregate(this.store, officialDecider, officialStream(officialId), `Official ${officialId}`);
    const assignmentId = newAggregateId(envelope, `assignment\n${officialId}`, randomUUID);
    const unit = await this.units.reference(body.unitId);
    const command: OfficialCommand = {
      type: 'AssignResponsibility',
      assignmentId,
      unit,
      role: body.role,
      from: body.from,
      to: body.to ?? null,
    };
    const result = await this.commands.handle(officialDecider, officialStream(officialId), command, envelope);
    answer(response, result, `/api/v1/officials/${officialId}/assignments/${assignmentId}`);
    return { assignmentId, ...officialView(result.state) };
  }

  @Requires('organisation.manage')
  @Post(':officialId/assignments/:assignmentId/endings')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({
    description:
      'ASSIGNMENT.UNKNOWN, ASSIGNMENT.ALREADY_ENDED, ASSIGNMENT.ENDS_BEFORE_START, ASSIGNMENT.ENDS_AFTER_PLANNED_END, OFFICIAL.LEFT.',
  })
  endAssignment(
    @Param('officialId') officialId: string,
    @Param('assignmentId') assignmentId: string,
    @Body() body: EndResponsibilityRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(
      officialId,
      { type: 'EndResponsibility', assignmentId, to: body.to, reason: body.reason },
      body.occurredAt,
      request,
      response,
    );
  }

  @Requires('organisation.manage')
  @Post(':officialId/position-changes')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  changePosition(
    @Param('officialId') officialId: string,
    @Body() body: ChangePositionRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(officialId, { type: 'ChangePosition', position: body.position }, body.occurredAt, request, response);
  }

  @Requires('organisation.manage')
  @Post(':officialId/departures')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({ description: 'OFFICIAL.LEFT, OFFICIAL.FUTURE_ASSIGNMENT.' })
  depart(
    @Param('officialId') officialId: string,
    @Body() body: RecordDepartureRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(
      officialId,
      { type: 'RecordDeparture', reason: body.reason, lastDay: body.lastDay },
      body.occurredAt,
      request,
      response,
    );
  }

  @Requires('organisation.manage')
  @Post(':officialId/corrections')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  correct(
    @Param('officialId') officialId: string,
    @Body() body: CorrectionRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.act(
      officialId,
      { type: 'CorrectOfficialEvent', eventId: body.eventId, reason: body.reason, fields: body.fields },
      body.occurredAt,
      request,
      response,
    );
  }

  private act(officialId: string, command: OfficialCommand, occurredAt: string | undefined, request: Request, response: Response) {
    return this.endpoint.act(officialId, command, occurredAt, request, response);
  }
}
