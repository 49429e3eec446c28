import { Body, Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain-kit/domain-error.js';
import { CommandHandler, type CommandEnvelope } from '../../ledger/command-handler.js';
import { readAggregate } from '../../ledger/aggregate-reader.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { etagOf } from '../../http/command-request.js';
import { CommandErrorResponses } from '../../http/api-docs.js';
import { CommandAnswer } from '../../http/command-answer.interceptor.js';
import { CommandRoute, resourceSchema } from '../../http/command-route.decorator.js';
import { Envelope } from '../../http/envelope.decorator.js';
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

const OFFICIAL_ANSWER = resourceSchema('The official');

@ApiTags('officials')
@Controller('api/v1/officials')
@CommandErrorResponses()
export class OfficialsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly units: UnitDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    { decider: officialDecider, streamOf: officialStream, name: 'Official', notFoundCode: 'OFFICIAL.NOT_FOUND', view: officialView },
    this.commands,
    this.store,
  );

  @CommandRoute(undefined, 'organisation.manage', {
    creates: true,
    answers: 'Registered; Location names the official, ETag its revision.',
    schema: OFFICIAL_ANSWER,
    unprocessable: 'The home unit is not active (OFFICIAL.UNIT_NOT_ACTIVE).',
  })
  async register(@Body() body: RegisterOfficialRequestDto, @Envelope() envelope: CommandEnvelope) {
    const officialId = body.officialId ?? newAggregateId(envelope, 'official', randomUUID);
    const unit = await this.units.reference(body.unitId);
    const command: OfficialCommand = { type: 'RegisterOfficial', officialId, fullName: body.fullName, position: body.position, unit };
    return this.endpoint.create(officialId, command, envelope, `/api/v1/officials/${officialId}`, { officialId });
  }

  @Requires('directory.read')
  @ApiAnswer(READ_EXAMPLES.official, { description: 'The official, with its ETag' })
  @Get(':officialId')
  @ApiOkResponse({ description: 'The official now, with their assignments and the ETag.', schema: OFFICIAL_ANSWER })
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

  @CommandRoute(':officialId/assignments', 'organisation.manage', {
    creates: true,
    ifMatch: true,
    answers: 'Assigned; Location names the assignment.',
    schema: OFFICIAL_ANSWER,
    conflicts: 'OFFICIAL.LEFT, ASSIGNMENT.OVERLAPS.',
    unprocessable: 'The unit is not active (ASSIGNMENT.UNIT_NOT_ACTIVE).',
  })
  async assign(
    @Param('officialId') officialId: string,
    @Body() body: AssignResponsibilityRequestDto,
    @Envelope() envelope: CommandEnvelope,
  ) {
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
    const result = await this.endpoint.handle(officialId, command, envelope);
    const location = `/api/v1/officials/${officialId}/assignments/${assignmentId}`;
    return new CommandAnswer(result, { assignmentId, ...officialView(result.state) }, location);
  }

  @CommandRoute(':officialId/assignments/:assignmentId/endings', 'organisation.manage', {
    answers: 'The official, the assignment ended.',
    schema: OFFICIAL_ANSWER,
    conflicts:
      'ASSIGNMENT.UNKNOWN, ASSIGNMENT.ALREADY_ENDED, ASSIGNMENT.ENDS_BEFORE_START, ASSIGNMENT.ENDS_AFTER_PLANNED_END, OFFICIAL.LEFT.',
  })
  endAssignment(
    @Param('officialId') officialId: string,
    @Param('assignmentId') assignmentId: string,
    @Body() body: EndResponsibilityRequestDto,
    @Envelope() envelope: CommandEnvelope,
  ) {
    return this.endpoint.act(officialId, { type: 'EndResponsibility', assignmentId, to: body.to, reason: body.reason }, envelope);
  }

  @CommandRoute(':officialId/position-changes', 'organisation.manage', {
    answers: 'The official, in the new position.',
    schema: OFFICIAL_ANSWER,
  })
  changePosition(@Param('officialId') officialId: string, @Body() body: ChangePositionRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.endpoint.act(officialId, { type: 'ChangePosition', position: body.position }, envelope);
  }

  @CommandRoute(':officialId/departures', 'organisation.manage', {
    answers: 'The official, their departure recorded.',
    schema: OFFICIAL_ANSWER,
    conflicts: 'OFFICIAL.LEFT, OFFICIAL.FUTURE_ASSIGNMENT.',
  })
  depart(@Param('officialId') officialId: string, @Body() body: RecordDepartureRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.endpoint.act(officialId, { type: 'RecordDeparture', reason: body.reason, lastDay: body.lastDay }, envelope);
  }

  @CommandRoute(':officialId/corrections', 'organisation.manage', {
    answers: 'The official, the correction applied.',
    schema: OFFICIAL_ANSWER,
  })
  correct(@Param('officialId') officialId: string, @Body() body: CorrectionRequestDto, @Envelope() envelope: CommandEnvelope) {
    const command: OfficialCommand = { type: 'CorrectOfficialEvent', eventId: body.eventId, reason: body.reason, fields: body.fields };
    return this.endpoint.act(officialId, command, envelope);
  }
}
