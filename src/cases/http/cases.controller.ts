import { Body, Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../../http/documented-answer.js';
import { READ_EXAMPLES } from '../../http/read-examples.js';
import type { Request, Response } from 'express';
import { DomainError } from '../../domain-kit/domain-error.js';
import { CommandHandler, foldStream, type CommandEnvelope } from '../../ledger/command-handler.js';
import { EVENT_STORE, type EventStore } from '../../ledger/event-store.port.js';
import { readsOf } from '../../ledger/request-reads.js';
import { vietnamDayOf } from '../../calendar/calendar-day.js';
import { etagOf } from '../../http/command-request.js';
import { CommandErrorResponses } from '../../http/api-docs.js';
import { CommandAnswer } from '../../http/command-answer.interceptor.js';
import { CommandRoute, resourceSchema } from '../../http/command-route.decorator.js';
import { Envelope } from '../../http/envelope.decorator.js';
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
  ResumeCaseRequestDto,
  SuspendCaseRequestDto,
} from './dto/case-actions.request.dto.js';
import { AggregateEndpoint } from '../../http/aggregate-endpoint.js';
import { Requires, bodyUnit, caseParam } from '../../auth/requires.decorator.js';
import { disclosureVariant, readContextOf, ReporterDisclosure } from '../../personal-data/reporter-disclosure.js';

const CASE_ANSWER = resourceSchema('The case');
const onCase = (answers: string, more: { conflicts?: string } = {}) => ({ resource: caseParam, answers, schema: CASE_ANSWER, ...more });
const escalation = (answers: string, conflicts: string) => ({ answers, schema: CASE_ANSWER, conflicts });

/**
 * Thin: DTO → command → the case endpoint → the case as its reader may see it. The units and officials
 * a command names are looked up here (the decider is pure), and an official named by a command is
 * checked here against the directory (assertOfficialCouldAct), since that needs the official's record.
 */
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
    private readonly disclosure: ReporterDisclosure,
  ) {}

  private readonly endpoint = new AggregateEndpoint(
    {
      decider: caseDecider,
      streamOf: caseStream,
      name: 'Case',
      notFoundCode: 'CASE.NOT_FOUND',
      view: (state) => this.disclosure.omittedInCaseView(caseView(state)),
    },
    this.commands,
    this.store,
  );

  @CommandRoute(undefined, 'cases.receive', {
    resource: bodyUnit,
    creates: true,
    answers: 'Received; Location names the case, ETag its revision.',
    schema: CASE_ANSWER,
  })
  async receive(@Body() body: ReceiveCaseRequestDto, @Envelope() envelope: CommandEnvelope): Promise<CommandAnswer> {
    const { occurredAt: _occurredAt, ...input } = body;
    const result = await this.intake.receive(input, envelope);
    return new CommandAnswer(result, await this.disclosure.omittedInCaseView(caseView(result.state)), `/api/v1/cases/${result.caseId}`);
  }

  @Requires('cases.read', caseParam)
  @ApiAnswer(READ_EXAMPLES.case, { description: 'The case now, with its ETag; the reporter as this reader may see it' })
  @Get(':caseId')
  @ApiOkResponse({ description: 'The case now, with its ETag.', schema: CASE_ANSWER })
  @ApiNotFoundResponse({ description: 'No such case (code NOT_FOUND).' })
  async get(@Param('caseId') caseId: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    assertPlausibleCaseId(caseId);
    const snapshot = await this.endpoint.read(caseId);
    const view = await this.disclosure.inCaseView(caseView(snapshot.state), readContextOf(request));
    // One revision, several representations (plaintext, redacted...): each has its own ETag; If-Match takes any of them.
    response.setHeader('ETag', etagOf(snapshot.revision, disclosureVariant(view.reporter)));
    return view;
  }

  @CommandRoute(
    ':caseId/acknowledgements',
    'cases.act',
    onCase('The case, acknowledged.', { conflicts: 'CASE.ALREADY_ACKNOWLEDGED, CASE.RESOLVED, CASE.CLOSED.' }),
  )
  async acknowledge(@Param('caseId') caseId: string, @Body() body: AcknowledgeCaseRequestDto, @Envelope() envelope: CommandEnvelope) {
    if (body.byOfficialId !== undefined) await this.checkOfficial(body.byOfficialId, envelope, 'who acknowledged');
    const command: CaseCommand = { type: 'AcknowledgeCase', note: body.note ?? null, byOfficialId: body.byOfficialId ?? null };
    return this.act(caseId, command, envelope);
  }

  @CommandRoute(':caseId/classifications', 'cases.act', onCase('The case, classified.'))
  classify(@Param('caseId') caseId: string, @Body() body: ClassifyCaseRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.act(caseId, { type: 'ClassifyCase', classification: body.classification, reason: body.reason }, envelope);
  }

  @CommandRoute(':caseId/assignments', 'cases.act', onCase('The case, assigned.'))
  async assign(@Param('caseId') caseId: string, @Body() body: AssignCaseRequestDto, @Envelope() envelope: CommandEnvelope) {
    const unit = body.unitId === undefined ? null : await this.units.reference(body.unitId);
    if (body.officialId !== undefined) await this.checkOfficial(body.officialId, envelope, 'the assignee');
    return this.act(caseId, { type: 'AssignCase', officialId: body.officialId ?? null, unit, dueAt: body.dueAt }, envelope);
  }

  @CommandRoute(':caseId/actions', 'cases.act', onCase('The case, with the action recorded.'))
  async recordAction(@Param('caseId') caseId: string, @Body() body: RecordCaseActionRequestDto, @Envelope() envelope: CommandEnvelope) {
    if (body.byOfficialId !== undefined) await this.checkOfficial(body.byOfficialId, envelope, 'who acted');
    const command: CaseCommand = { type: 'RecordCaseAction', description: body.description, byOfficialId: body.byOfficialId ?? null };
    return this.act(caseId, command, envelope);
  }

  @CommandRoute(':caseId/complexity-markings', 'cases.act', onCase('The case, marked complex.'))
  markComplex(@Param('caseId') caseId: string, @Body() body: MarkCaseComplexRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.act(caseId, { type: 'MarkCaseComplex', complexity: body.complexity, reason: body.reason }, envelope);
  }

  @CommandRoute(
    ':caseId/upward-reports',
    'cases.act',
    onCase('The case, with the report upward recorded.', {
      conflicts: "CASE.REPORT_NOT_UPWARD when the unit is not above the case's current unit.",
    }),
  )
  async reportUpward(
    @Param('caseId') caseId: string,
    @Body() body: ReportCaseUpwardRequestDto,
    @Envelope() envelope: CommandEnvelope,
    @Req() request: Request,
  ) {
    const lineage = await this.lineageOf(caseId, request, envelope);
    const to = await this.units.reference(body.toUnitId);
    await this.checkOfficial(body.officialId, envelope, 'who reported');
    const toLocalityId = await this.units.localityOf(body.toUnitId, lineage.day);
    const command: CaseCommand = {
      type: 'ReportCaseUpward',
      officialId: body.officialId,
      to,
      toLocalityId,
      lineage,
      summary: body.summary ?? null,
    };
    return this.act(caseId, command, envelope);
  }

  @CommandRoute(
    ':caseId/upper-level-notices',
    'cases.escalate',
    escalation('The case, with the upper level informed.', "CASE.NOT_UPPER_LEVEL when the unit is not above the case's current unit."),
  )
  async upperLevelInformed(
    @Param('caseId') caseId: string,
    @Body() body: RecordUpperLevelInformedRequestDto,
    @Envelope() envelope: CommandEnvelope,
    @Req() request: Request,
  ) {
    const lineage = await this.lineageOf(caseId, request, envelope);
    const localityId = await this.units.localityOf(body.unitId, lineage.day);
    const command: CaseCommand = {
      type: 'RecordUpperLevelInformed',
      unitId: body.unitId,
      localityId,
      channel: body.channel,
      note: body.note ?? null,
      lineage,
    };
    return this.act(caseId, command, envelope);
  }

  @CommandRoute(
    ':caseId/escalations',
    'cases.escalate',
    escalation(
      'The case, escalated.',
      "CASE.ESCALATION_NOT_UPWARD when the unit is not an upper level of the case's current unit on the day.",
    ),
  )
  async escalate(
    @Param('caseId') caseId: string,
    @Body() body: EscalateCaseRequestDto,
    @Envelope() envelope: CommandEnvelope,
    @Req() request: Request,
  ) {
    const lineage = await this.lineageOf(caseId, request, envelope);
    const to = await this.units.reference(body.toUnitId);
    const toLocalityId = await this.units.localityOf(body.toUnitId, lineage.day);
    return this.act(caseId, { type: 'EscalateCase', to, toLocalityId, lineage, reason: body.reason }, envelope);
  }

  @CommandRoute(
    ':caseId/deadline-extensions',
    'cases.act',
    onCase('The case, its deadline extended.', { conflicts: 'CASE.EXTENSIONS_EXHAUSTED, CASE.NO_DEADLINE.' }),
  )
  extend(@Param('caseId') caseId: string, @Body() body: ExtendCaseDeadlineRequestDto, @Envelope() envelope: CommandEnvelope) {
    const command: CaseCommand = {
      type: 'ExtendCaseDeadline',
      newDueAt: body.newDueAt,
      reason: body.reason,
      rules: this.intake.ruleBook(),
    };
    return this.act(caseId, command, envelope);
  }

  @CommandRoute(':caseId/resolutions', 'cases.act', onCase('The case, resolved.'))
  resolve(@Param('caseId') caseId: string, @Body() body: ResolveCaseRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.act(caseId, { type: 'ResolveCase', outcome: body.outcome }, envelope);
  }

  @CommandRoute(':caseId/closures', 'cases.act', onCase('The case, closed.'))
  close(@Param('caseId') caseId: string, @Body() body: CloseCaseRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.act(caseId, { type: 'CloseCase', note: body.note ?? null }, envelope);
  }

  @CommandRoute(':caseId/reopenings', 'cases.act', onCase('The case, reopened.'))
  reopen(@Param('caseId') caseId: string, @Body() body: ReopenCaseRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.act(caseId, { type: 'ReopenCase', reason: body.reason }, envelope);
  }

  @CommandRoute(
    ':caseId/suspensions',
    'cases.act',
    onCase('The case, suspended.', { conflicts: 'CASE.ALREADY_SUSPENDED, CASE.NOT_ACKNOWLEDGED, CASE.RESOLVED, CASE.CLOSED.' }),
  )
  suspend(@Param('caseId') caseId: string, @Body() body: SuspendCaseRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.act(caseId, { type: 'SuspendCase', reason: body.reason, legalGround: body.legalGround }, envelope);
  }

  @CommandRoute(
    ':caseId/resumptions',
    'cases.act',
    onCase('The case, resumed.', { conflicts: 'CASE.NOT_SUSPENDED, CASE.NO_DEADLINE (a dueAt for a case without one).' }),
  )
  resume(@Param('caseId') caseId: string, @Body() body: ResumeCaseRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.act(
      caseId,
      { type: 'ResumeCase', reason: body.reason, legalGround: body.legalGround, dueAt: body.dueAt ?? null },
      envelope,
    );
  }

  @CommandRoute(':caseId/corrections', 'cases.correct', onCase('The case, the correction applied.'))
  correct(@Param('caseId') caseId: string, @Body() body: CorrectionRequestDto, @Envelope() envelope: CommandEnvelope) {
    return this.act(caseId, { type: 'CorrectCaseEvent', eventId: body.eventId, reason: body.reason, fields: body.fields }, envelope);
  }

  /** An official named by a command must be registered and not have left before the fact (422 otherwise). */
  private async checkOfficial(officialId: string, envelope: CommandEnvelope, role: string): Promise<void> {
    assertOfficialCouldAct(await this.officials.reference(officialId), envelope.occurredAt, role);
  }

  /**
   * The case's current unit and its parents on the day the fact occurred (the tree of that day: a
   * commune's district until it was moved under the province), which the decider checks a move upward
   * against (and refuses if the case moved in between). Read through the request's reads: the command
   * starts from the same read of the case, and the unit line is read once even when the permission
   * check read it.
   */
  private async lineageOf(caseId: string, request: Request, envelope: CommandEnvelope): Promise<UnitLineage> {
    assertPlausibleCaseId(caseId);
    const reads = readsOf(request, this.store);
    const state = foldStream(caseDecider, await reads.readStream(caseStream(caseId)));
    if (state.status === 'unreceived') throw this.endpoint.notFound(caseId);
    const day = vietnamDayOf(envelope.occurredAt);
    return { unitId: state.currentUnitId, day, ancestorIds: await this.units.ancestorsOf(state.currentUnitId, reads, day) };
  }

  private act(caseId: string, command: CaseCommand, envelope: CommandEnvelope): Promise<CommandAnswer> {
    assertPlausibleCaseId(caseId);
    return this.endpoint.act(caseId, command, envelope);
  }
}

/** An id no case can have (see CaseIntake) is simply not found; it never reaches the store as a stream name. */
function assertPlausibleCaseId(caseId: string): void {
  if (!CASE_REFERENCE_ID.test(caseId)) throw new DomainError('NOT_FOUND', `Case ${caseId.slice(0, 80)} does not exist.`, 'not-found');
}
