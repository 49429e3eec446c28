import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { CommandHandler, type CommandEnvelope } from '../../ledger/command-handler.js';
import { readAggregate } from '../../ledger/aggregate-reader.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { answer, answerSecondStep, commandEnvelope } from '../../http/command-request.js';
import { CommandErrorResponses, IdempotencyKeyHeader, IfMatchHeader } from '../../http/api-docs.js';
import { CorrectionRequestDto } from '../../http/correction.request.dto.js';
import { newAggregateId } from '../../http/new-aggregate-id.js';
import { UnitDirectory } from '../../organisation/unit-directory.js';
import { OfficialDirectory } from '../../officials/official-directory.js';
import { visitDecider, type VisitCommand } from '../visit.decider.js';
import { visitStream } from '../visit.events.js';
import { isOfficialList } from '../visit.rules.js';
import { VisitFindingCases } from '../visit-finding-cases.js';
import { ScheduleVisitRequestDto } from './dto/schedule-visit.request.dto.js';
import { CancelVisitRequestDto, ConductVisitRequestDto, RescheduleVisitRequestDto } from './dto/visit-actions.request.dto.js';
import { RecordFindingRequestDto } from './dto/record-finding.request.dto.js';
import { visitView } from './visit.view.js';
import { AggregateEndpoint } from '../../http/aggregate-endpoint.js';
import { Requires, bodyUnit, visitParam } from '../../auth/requires.decorator.js';
import { principalOf } from '../../auth/principal.js';
import { ResourceScopes } from '../../auth/resource-scopes.js';

/**
 * Visits to the grassroots (đi cơ sở). Actions are POSTed as sub-resources named for the fact they
 * record: reschedulings, cancellations, findings, corrections; and `conduct`, singular, because a
 * visit is conducted once (a second POST is 409 VISIT.ALREADY_CONDUCTED).
 */
@ApiTags('visits')
@Controller('api/v1/visits')
@CommandErrorResponses()
export class VisitsController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly units: UnitDirectory,
    private readonly officials: OfficialDirectory,
    private readonly findingCases: VisitFindingCases,
    private readonly scopes: ResourceScopes,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    { decider: visitDecider, streamOf: visitStream, name: 'Visit', view: visitView },
    this.commands,
    this.store,
    this.clock,
  );

  @Requires('visits.record', bodyUnit)
  @Post()
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ description: 'Scheduled; Location names the visit, ETag its revision.' })
  async schedule(@Body() body: ScheduleVisitRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const envelope = commandEnvelope(request, this.clock.now(), body.occurredAt);
    const visitId = body.visitId ?? newAggregateId(envelope, 'visit', randomUUID);
    const command: VisitCommand = {
      type: 'ScheduleVisit',
      visitId,
      kind: body.kind,
      purpose: body.purpose,
      place: body.place ?? null,
      unit: await this.units.reference(body.unitId),
      participants: await this.officials.references(body.participants),
      plannedFor: body.plannedFor,
      publishedInCalendar: body.publishedInCalendar ?? false,
    };
    const result = await this.commands.handle(visitDecider, visitStream(visitId), command, envelope);
    answer(response, result, `/api/v1/visits/${visitId}`);
    return { visitId, ...visitView(result.state) };
  }

  @Requires('records.read', visitParam)
  @ApiAnswer(READ_EXAMPLES.visit, { description: 'The visit, with its ETag' })
  @Get(':visitId')
  @ApiOkResponse({ description: 'The visit now, with its ETag.' })
  @ApiNotFoundResponse({ description: 'No such visit (code NOT_FOUND).' })
  get(@Param('visitId') visitId: string, @Res({ passthrough: true }) response: Response) {
    return this.endpoint.show(visitId, response);
  }

  @Requires('visits.record', visitParam)
  @Post(':visitId/reschedulings')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({ description: 'VISIT.CANCELLED, VISIT.ALREADY_CONDUCTED, VISIT.SAME_PLANNED_FOR.' })
  async reschedule(
    @Param('visitId') visitId: string,
    @Body() body: RescheduleVisitRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const envelope = await this.envelopeFor(visitId, request, body.occurredAt);
    return this.act(visitId, { type: 'RescheduleVisit', plannedFor: body.plannedFor, reason: body.reason }, envelope, response);
  }

  @Requires('visits.record', visitParam)
  @Post(':visitId/cancellations')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({ description: 'VISIT.CANCELLED, VISIT.ALREADY_CONDUCTED.' })
  async cancel(
    @Param('visitId') visitId: string,
    @Body() body: CancelVisitRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const envelope = await this.envelopeFor(visitId, request, body.occurredAt);
    return this.act(visitId, { type: 'CancelVisit', reason: body.reason }, envelope, response);
  }

  @Requires('visits.record', visitParam)
  @Post(':visitId/conduct')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({ description: 'VISIT.CANCELLED, VISIT.ALREADY_CONDUCTED.' })
  async conduct(
    @Param('visitId') visitId: string,
    @Body() body: ConductVisitRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const envelope = await this.envelopeFor(visitId, request, body.occurredAt);
    const presentParticipants = await this.officials.references(body.presentParticipants);
    const command: VisitCommand = {
      type: 'ConductVisit',
      startedAt: body.startedAt,
      endedAt: body.endedAt,
      presentParticipants,
      others: body.others ?? null,
    };
    return this.act(visitId, command, envelope, response);
  }

  /**
   * Records the finding, carrying the whole receipt of the case it opens (its id derived from the visit
   * and the finding), then the case from that receipt: the answer comes once both are written, and
   * Ledger-Position names the case's event. Should the request be cut off between the two, the process
   * manager records the case. A repeat (same Idempotency-Key, or same findingId and content) records
   * nothing new and completes the case if it was missed: never a second case.
   */
  @Requires('visits.record', visitParam)
  @Post(':visitId/findings')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({ description: 'VISIT.NOT_CONDUCTED, VISIT.FINDING_ID_REUSED.' })
  async recordFinding(
    @Param('visitId') visitId: string,
    @Body() body: RecordFindingRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const envelope = commandEnvelope(request, this.clock.now(), body.occurredAt);
    const { state } = await readAggregate(this.store, visitDecider, visitStream(visitId), `Visit ${visitId}`);
    const findingId = body.findingId ?? newAggregateId(envelope, `visit-finding\n${visitId}`, randomUUID);
    const planned =
      body.openCase && state.status !== 'not-scheduled' ? this.findingCases.plan(visitId, findingId, body.openCase, state.unitId) : null;
    // Recording findings is one permission, receiving a case another: the case's unit must be one the caller receives for.
    if (planned) await this.scopes.assertMayOnUnit(principalOf(request), 'cases.receive', planned.unitId);
    const command: VisitCommand = {
      type: 'RecordVisitFinding',
      findingId,
      text: body.text,
      severity: body.severity ?? null,
      openCase: planned ? await this.findingCases.prepare(planned, envelope) : null,
    };
    const result = await this.commands.handle(visitDecider, visitStream(visitId), command, envelope);
    const opened = planned ? await this.findingCases.complete(visitId, findingId, result) : null;
    answer(response, result);
    answerSecondStep(response, opened);
    return { findingId, caseId: planned?.caseId ?? null, ...visitView(result.state) };
  }

  @Requires('visits.record', visitParam)
  @Post(':visitId/corrections')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  async correct(
    @Param('visitId') visitId: string,
    @Body() body: CorrectionRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const envelope = await this.envelopeFor(visitId, request, body.occurredAt);
    const named = body.fields.presentParticipants;
    const officials = isOfficialList(named) ? await this.officials.references(named) : [];
    return this.act(
      visitId,
      { type: 'CorrectVisitEvent', eventId: body.eventId, reason: body.reason, fields: body.fields, officials },
      envelope,
      response,
    );
  }

  /** The envelope of a command on an existing visit: 404 first, before any other lookup. */
  private async envelopeFor(visitId: string, request: Request, occurredAt: string | undefined): Promise<CommandEnvelope> {
    await readAggregate(this.store, visitDecider, visitStream(visitId), `Visit ${visitId}`);
    return commandEnvelope(request, this.clock.now(), occurredAt);
  }

  private async act(visitId: string, command: VisitCommand, envelope: CommandEnvelope, response: Response) {
    const result = await this.commands.handle(visitDecider, visitStream(visitId), command, envelope);
    answer(response, result);
    return visitView(result.state);
  }
}
