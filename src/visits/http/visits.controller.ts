import { Body, Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { CommandHandler, foldStream, type CommandEnvelope } from '../../ledger/command-handler.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { readsOf } from '../../ledger/request-reads.js';
import { CommandErrorResponses } from '../../http/api-docs.js';
import { CommandAnswer } from '../../http/command-answer.interceptor.js';
import { CommandRoute, resourceSchema } from '../../http/command-route.decorator.js';
import { Envelope } from '../../http/envelope.decorator.js';
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

const VISIT_ANSWER = resourceSchema('The visit');
const onVisit = (answers: string, conflicts?: string) => ({
  resource: visitParam,
  answers,
  schema: VISIT_ANSWER,
  ...(conflicts ? { conflicts } : {}),
});

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
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    { decider: visitDecider, streamOf: visitStream, name: 'Visit', notFoundCode: 'VISIT.NOT_FOUND', view: visitView },
    this.commands,
    this.store,
  );

  @CommandRoute(undefined, 'visits.record', {
    resource: bodyUnit,
    creates: true,
    answers: 'Scheduled; Location names the visit, ETag its revision.',
    schema: VISIT_ANSWER,
  })
  async schedule(@Body() body: ScheduleVisitRequestDto, @Envelope() envelope: CommandEnvelope) {
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
    return this.endpoint.create(visitId, command, envelope, `/api/v1/visits/${visitId}`, { visitId });
  }

  @Requires('records.read', visitParam)
  @ApiAnswer(READ_EXAMPLES.visit, { description: 'The visit, with its ETag' })
  @Get(':visitId')
  @ApiOkResponse({ description: 'The visit now, with its ETag.', schema: VISIT_ANSWER })
  @ApiNotFoundResponse({ description: 'No such visit (code NOT_FOUND).' })
  get(@Param('visitId') visitId: string, @Res({ passthrough: true }) response: Response) {
    return this.endpoint.show(visitId, response);
  }

  @CommandRoute(
    ':visitId/reschedulings',
    'visits.record',
    onVisit('The visit, rescheduled.', 'VISIT.CANCELLED, VISIT.ALREADY_CONDUCTED, VISIT.SAME_PLANNED_FOR.'),
  )
  reschedule(@Param('visitId') visitId: string, @Body() body: RescheduleVisitRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.endpoint.act(visitId, { type: 'RescheduleVisit', plannedFor: body.plannedFor, reason: body.reason }, envelope);
  }

  @CommandRoute(':visitId/cancellations', 'visits.record', onVisit('The visit, cancelled.', 'VISIT.CANCELLED, VISIT.ALREADY_CONDUCTED.'))
  cancel(@Param('visitId') visitId: string, @Body() body: CancelVisitRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.endpoint.act(visitId, { type: 'CancelVisit', reason: body.reason }, envelope);
  }

  @CommandRoute(':visitId/conduct', 'visits.record', onVisit('The visit, conducted.', 'VISIT.CANCELLED, VISIT.ALREADY_CONDUCTED.'))
  async conduct(@Param('visitId') visitId: string, @Body() body: ConductVisitRequestDto, @Envelope() envelope: CommandEnvelope) {
    const presentParticipants = await this.officials.references(body.presentParticipants);
    const command: VisitCommand = {
      type: 'ConductVisit',
      startedAt: body.startedAt,
      endedAt: body.endedAt,
      presentParticipants,
      others: body.others ?? null,
    };
    return this.endpoint.act(visitId, command, envelope);
  }

  /**
   * Records the finding, carrying the whole receipt of the case it opens (its id derived from the visit
   * and the finding), then the case from that receipt: the answer comes once both are written, and
   * Ledger-Position names the case's event. Should the request be cut off between the two, the process
   * manager records the case. A repeat (same Idempotency-Key, or same findingId and content) records
   * nothing new and completes the case if it was missed: never a second case. A finding about an
   * existing case (caseId) is linked into that case's history (CaseFindingLinked) the same way.
   */
  @CommandRoute(
    ':visitId/findings',
    'visits.record',
    onVisit(
      'The visit, with the finding and the id of the case it opened or concerns.',
      'VISIT.NOT_CONDUCTED, VISIT.FINDING_ID_REUSED, VISIT.FINDING_BEFORE_CASE_FACT.',
    ),
  )
  async recordFinding(
    @Param('visitId') visitId: string,
    @Body() body: RecordFindingRequestDto,
    @Envelope() envelope: CommandEnvelope,
    @Req() request: Request,
  ) {
    // The visit's unit decides the case's; read once, shared with the permission check and the command.
    const state = foldStream(visitDecider, await readsOf(request, this.store).readStream(visitStream(visitId)));
    if (state.status === 'not-scheduled') throw this.endpoint.notFound(visitId);
    const findingId = body.findingId ?? newAggregateId(envelope, `visit-finding\n${visitId}`, randomUUID);
    const planned = body.openCase ? this.findingCases.plan(visitId, findingId, body.openCase, state.unitId) : null;
    // Recording findings is one permission, receiving a case another: the case's unit must be one the caller receives for.
    if (planned) await this.scopes.assertMayOnUnit(principalOf(request), 'cases.receive', planned.unitId);
    // A finding about an existing case adds to that case's history: the same permission, on the case's unit.
    const concerned = body.caseId === undefined ? null : await this.findingCases.concerned(body.caseId);
    if (concerned?.unitId) await this.scopes.assertMayOnUnit(principalOf(request), 'cases.receive', concerned.unitId);
    const command: VisitCommand = {
      type: 'RecordVisitFinding',
      findingId,
      text: body.text,
      severity: body.severity ?? null,
      openCase: planned ? await this.findingCases.prepare(planned, envelope) : null,
      concernsCase: concerned?.reference ?? null,
    };
    const result = await this.endpoint.handle(visitId, command, envelope);
    const second = planned || concerned ? await this.findingCases.complete(visitId, findingId, result) : null;
    const caseId = planned?.caseId ?? concerned?.reference.caseId ?? null;
    return new CommandAnswer(result, { findingId, caseId, ...visitView(result.state) }, undefined, second);
  }

  @CommandRoute(':visitId/corrections', 'visits.record', onVisit('The visit, the correction applied.'))
  async correct(@Param('visitId') visitId: string, @Body() body: CorrectionRequestDto, @Envelope() envelope: CommandEnvelope) {
    const named = body.fields.presentParticipants;
    const officials = isOfficialList(named) ? await this.officials.references(named) : [];
    const command: VisitCommand = { type: 'CorrectVisitEvent', eventId: body.eventId, reason: body.reason, fields: body.fields, officials };
    return this.endpoint.act(visitId, command, envelope);
  }
}
