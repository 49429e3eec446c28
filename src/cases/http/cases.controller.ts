import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CLOCK, type Clock } from '../../domain-kit/clock.js';
import { DomainError } from '../../domain-kit/domain-error.js';
import { CommandHandler } from '../../ledger/command-handler.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { answer, commandEnvelope, etagOf } from '../../http/command-request.js';
import { CommandErrorResponses, IdempotencyKeyHeader, IfMatchHeader } from '../../http/api-docs.js';
import { CorrectionRequestDto } from '../../http/correction.request.dto.js';
import { UnitDirectory } from '../../organisation/unit-directory.js';
import { caseDecider, type CaseCommand, type UnitLineage } from '../case.decider.js';
import { caseStream } from '../case.events.js';
import { CASE_REFERENCE_ID, CaseIntake } from '../case-intake.js';
import { caseView } from './case.view.js';
import { ReceiveCaseRequestDto } from './dto/receive-case.request.dto.js';
import { OfficialDirectory } from '../../officials/official-directory.js';
import { assertOfficialCouldAct } from '../case-officials.js';
import {
  AcknowledgeCaseRequestDto,
  AssignCaseRequestDto,
  ClassifyCaseRequestDto,
  CloseCaseRequestDto,
  EscalateCaseRequestDto,
  ExtendCaseDeadlineRequestDto,
  MarkCaseComplexRequestDto,
  RecordCaseActionRequestDto,
  RecordUpperLevelInformedRequestDto,
  ReopenCaseRequestDto,
  ReportCaseUpwardRequestDto,
  ResolveCaseRequestDto,
} from './dto/case-actions.request.dto.js';
import { AggregateEndpoint } from '../../http/aggregate-endpoint.js';
import { Requires, bodyUnit, caseParam } from '../../auth/requires.decorator.js';
import { disclosureVariant, readContextOf, ReporterDisclosure } from '../../personal-data/reporter-disclosure.js';

type Answer = Promise<Record<string, unknown>>;

/** Thin: DTO → command (units looked up in the directory) → handler → state + ETag. No rules here. */
@ApiTags('cases')
@Controller('api/v1/cases')
@CommandErrorResponses()
export class CasesController {
  constructor(
    private readonly commands: CommandHandler,
    private readonly intake: CaseIntake,
    private readonly units: UnitDirectory,
    private readonly officials: OfficialDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly disclosure: ReporterDisclosure,
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    { decider: caseDecider, streamOf: caseStream, name: 'Case', view: caseView },
    this.commands,
    this.store,
    this.clock,
  );

  @Requires('cases.receive', bodyUnit)
  @Post()
  @IdempotencyKeyHeader()
  @ApiCreatedResponse({ description: 'Received; Location names the case, ETag its revision.' })
  async receive(@Body() body: ReceiveCaseRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Answer {
    const { occurredAt, ...input } = body;
    const result = await this.intake.receive(input, commandEnvelope(request, this.clock.now(), occurredAt));
    answer(response, result, `/api/v1/cases/${result.caseId}`);
    return this.disclosure.omittedInCaseView(caseView(result.state));
  }

  @Requires('cases.read', caseParam)
  @ApiAnswer(READ_EXAMPLES.case, { description: 'The case now, with its ETag; the reporter as this reader may see it' })
  @Get(':caseId')
  @ApiOkResponse({ description: 'The case now, with its ETag.' })
  @ApiNotFoundResponse({ description: 'No such case (code NOT_FOUND).' })
  async get(@Param('caseId') caseId: string, @Req() request: Request, @Res({ passthrough: true }) response: Response): Answer {
    assertPlausibleCaseId(caseId);
    const snapshot = await this.endpoint.read(caseId);
    const view = await this.disclosure.inCaseView(caseView(snapshot.state), readContextOf(request));
    // One revision, several representations (plaintext, redacted...): each has its own ETag; If-Match takes any of them.
    response.setHeader('ETag', etagOf(snapshot.revision, disclosureVariant(view.reporter)));
    return view;
  }

  @Requires('cases.act', caseParam)
  @Post(':caseId/acknowledgements')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({ description: 'CASE.ALREADY_ACKNOWLEDGED, CASE.RESOLVED, CASE.CLOSED.' })
  acknowledge(
    @Param('caseId') caseId: string,
    @Body() body: AcknowledgeCaseRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Answer {
    return this.act(caseId, { type: 'AcknowledgeCase', note: body.note ?? null }, body.occurredAt, request, response);
  }

  @Requires('cases.act', caseParam)
  @Post(':caseId/classifications')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  classify(
    @Param('caseId') caseId: string,
    @Body() body: ClassifyCaseRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Answer {
    return this.act(
      caseId,
      { type: 'ClassifyCase', classification: body.classification, reason: body.reason },
      body.occurredAt,
      request,
      response,
    );
  }

  @Requires('cases.act', caseParam)
  @Post(':caseId/assignments')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  async assign(
    @Param('caseId') caseId: string,
    @Body() body: AssignCaseRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Answer {
    const unit = body.unitId === undefined ? null : await this.units.reference(body.unitId);
    if (body.officialId !== undefined) await this.checkOfficial(body.officialId, body.occurredAt, 'the assignee');
    return this.act(
      caseId,
      { type: 'AssignCase', officialId: body.officialId ?? null, unit, dueAt: body.dueAt },
      body.occurredAt,
      request,
      response,
    );
  }

  @Requires('cases.act', caseParam)
  @Post(':caseId/actions')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  recordAction(
    @Param('caseId') caseId: string,
    @Body() body: RecordCaseActionRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Answer {
    return this.act(caseId, { type: 'RecordCaseAction', description: body.description }, body.occurredAt, request, response);
  }

  @Requires('cases.act', caseParam)
  @Post(':caseId/complexity-markings')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  markComplex(
    @Param('caseId') caseId: string,
    @Body() body: MarkCaseComplexRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Answer {
    return this.act(
      caseId,
      { type: 'MarkCaseComplex', complexity: body.complexity, reason: body.reason },
      body.occurredAt,
      request,
      response,
    );
  }

  @Requires('cases.act', caseParam)
  @Post(':caseId/upward-reports')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({ description: "CASE.REPORT_NOT_UPWARD when the unit is not above the case's current unit." })
  async reportUpward(
    @Param('caseId') caseId: string,
    @Body() body: ReportCaseUpwardRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Answer {
    const lineage = await this.lineageOf(caseId);
    const to = await this.units.reference(body.toUnitId);
    await this.checkOfficial(body.officialId, body.occurredAt, 'who reported');
    return this.act(
      caseId,
      { type: 'ReportCaseUpward', officialId: body.officialId, to, lineage, summary: body.summary ?? null },
      body.occurredAt,
      request,
      response,
    );
  }

  @Requires('cases.escalate')
  @Post(':caseId/upper-level-notices')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({ description: "CASE.NOT_UPPER_LEVEL when the unit is not above the case's current unit." })
  async upperLevelInformed(
    @Param('caseId') caseId: string,
    @Body() body: RecordUpperLevelInformedRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Answer {
    const lineage = await this.lineageOf(caseId);
    return this.act(
      caseId,
      { type: 'RecordUpperLevelInformed', unitId: body.unitId, channel: body.channel, note: body.note ?? null, lineage },
      body.occurredAt,
      request,
      response,
    );
  }

  @Requires('cases.escalate')
  @Post(':caseId/escalations')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({ description: "CASE.ESCALATION_NOT_UPWARD when the unit is not above the case's current unit." })
  async escalate(
    @Param('caseId') caseId: string,
    @Body() body: EscalateCaseRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Answer {
    const lineage = await this.lineageOf(caseId);
    const to = await this.units.reference(body.toUnitId);
    return this.act(caseId, { type: 'EscalateCase', to, lineage, reason: body.reason }, body.occurredAt, request, response);
  }

  @Requires('cases.act', caseParam)
  @Post(':caseId/deadline-extensions')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  @ApiConflictResponse({ description: 'CASE.EXTENSIONS_EXHAUSTED, CASE.NO_DEADLINE.' })
  extend(
    @Param('caseId') caseId: string,
    @Body() body: ExtendCaseDeadlineRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Answer {
    return this.act(
      caseId,
      { type: 'ExtendCaseDeadline', newDueAt: body.newDueAt, reason: body.reason, rules: this.intake.ruleBook() },
      body.occurredAt,
      request,
      response,
    );
  }

  @Requires('cases.act', caseParam)
  @Post(':caseId/resolutions')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  resolve(
    @Param('caseId') caseId: string,
    @Body() body: ResolveCaseRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Answer {
    return this.act(caseId, { type: 'ResolveCase', outcome: body.outcome }, body.occurredAt, request, response);
  }

  @Requires('cases.act', caseParam)
  @Post(':caseId/closures')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  close(
    @Param('caseId') caseId: string,
    @Body() body: CloseCaseRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Answer {
    return this.act(caseId, { type: 'CloseCase', note: body.note ?? null }, body.occurredAt, request, response);
  }

  @Requires('cases.act', caseParam)
  @Post(':caseId/reopenings')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  reopen(
    @Param('caseId') caseId: string,
    @Body() body: ReopenCaseRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Answer {
    return this.act(caseId, { type: 'ReopenCase', reason: body.reason }, body.occurredAt, request, response);
  }

  @Requires('cases.correct', caseParam)
  @Post(':caseId/corrections')
  @HttpCode(200)
  @IdempotencyKeyHeader()
  @IfMatchHeader()
  correct(
    @Param('caseId') caseId: string,
    @Body() body: CorrectionRequestDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Answer {
    return this.act(
      caseId,
      { type: 'CorrectCaseEvent', eventId: body.eventId, reason: body.reason, fields: body.fields },
      body.occurredAt,
      request,
      response,
    );
  }

  private read(caseId: string) {
    assertPlausibleCaseId(caseId);
    return this.endpoint.read(caseId);
  }

  /** The case's current unit and its parents; the decider refuses it if the case moved in between. */
  private async checkOfficial(officialId: string, occurredAt: string | undefined, role: string): Promise<void> {
    assertOfficialCouldAct(await this.officials.reference(officialId), occurredAt ?? this.clock.now().toISOString(), role);
  }

  private async lineageOf(caseId: string): Promise<UnitLineage> {
    const { state } = await this.read(caseId);
    if (state.status === 'unreceived') return { unitId: '', ancestorIds: [] };
    return { unitId: state.currentUnitId, ancestorIds: await this.units.ancestorsOf(state.currentUnitId) };
  }

  private async act(caseId: string, command: CaseCommand, occurredAt: string | undefined, request: Request, response: Response): Answer {
    assertPlausibleCaseId(caseId);
    return this.disclosure.omittedInCaseView(await this.endpoint.act(caseId, command, occurredAt, request, response));
  }
}

/** An id no case can have (see CaseIntake) is simply not found; it never reaches the store as a stream name. */
function assertPlausibleCaseId(caseId: string): void {
  if (!CASE_REFERENCE_ID.test(caseId)) throw new DomainError('NOT_FOUND', `Case ${caseId.slice(0, 80)} does not exist.`, 'not-found');
}
