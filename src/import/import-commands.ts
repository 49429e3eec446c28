import type { Decider, DomainEvent } from '../domain-kit/decider.js';
import { DomainError } from '../domain-kit/domain-error.js';
import type { CommandEnvelope } from '../ledger/command-handler.js';
import type { CaseIntake } from '../cases/case-intake.js';
import { caseDecider, type CaseCommand, type UnitLineage } from '../cases/case.decider.js';
import { caseStream } from '../cases/case.events.js';
import { assertOfficialCouldAct } from '../cases/case-officials.js';
import type { CaseState } from '../cases/case.state.js';
import * as caseDtos from '../cases/http/dto/case-actions.request.dto.js';
import { ReceiveCaseRequestDto } from '../cases/http/dto/receive-case.request.dto.js';
import { meetingDecider, type MeetingCommand } from '../meetings/meeting.decider.js';
import { meetingStream } from '../meetings/meeting.events.js';
import { RecordMeetingRequestDto } from '../meetings/http/dto/record-meeting.request.dto.js';
import { officialDecider, type OfficialCommand } from '../officials/official.decider.js';
import { officialStream } from '../officials/official.events.js';
import * as officialDtos from '../officials/http/dto/official-actions.request.dto.js';
import { RegisterOfficialRequestDto } from '../officials/http/dto/register-official.request.dto.js';
import { unitDecider, type UnitCommand } from '../organisation/unit.decider.js';
import { unitStream } from '../organisation/unit.events.js';
import { RegisterUnitRequestDto } from '../organisation/http/dto/register-unit.request.dto.js';
import {
  AbolishUnitRequestDto,
  MoveUnitRequestDto,
  RenameUnitRequestDto,
  SetUnitRemoteAreaRequestDto,
} from '../organisation/http/dto/unit-actions.request.dto.js';
import { visitDecider, type VisitCommand } from '../visits/visit.decider.js';
import { visitStream } from '../visits/visit.events.js';
import { RecordFindingRequestDto } from '../visits/http/dto/record-finding.request.dto.js';
import { ScheduleVisitRequestDto } from '../visits/http/dto/schedule-visit.request.dto.js';
import * as visitDtos from '../visits/http/dto/visit-actions.request.dto.js';
import type { SourceIdKind } from './import-ids.js';
import { reporterSubjectId } from '../personal-data/sealed-personal-data.js';
import { vietnamDayOf } from '../calendar/calendar-day.js';
import type { ImportOfficialDirectory, ImportUnitDirectory, ImportView } from './import-view.js';

export type ImportAggregate = 'unit' | 'official' | 'case' | 'visit' | 'meeting';

/** What building a command from a row's checked request may read: the import's view of the ledger, through the API's own directories. */
export interface BuildContext {
  /** The ledger id of the record the row is about. */
  readonly targetId: string;
  /** The ledger ids of the row's other ids that are not part of the request body (assignmentId, findingId). */
  readonly extraIds: Readonly<Record<string, string>>;
  readonly occurredAt: string;
  readonly envelope: CommandEnvelope;
  readonly view: ImportView;
  readonly units: ImportUnitDirectory;
  readonly officials: ImportOfficialDirectory;
  readonly intake: CaseIntake;
}

/**
 * One command of the API as a row: the request body it carries (checked by the API's own DTO and
 * validation pipe), the record it is about, and how the command is built from them, as its route
 * builds it (the same lookups, the same checks before the decider).
 */
export interface ImportCommandSpec {
  readonly aggregate: ImportAggregate;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly dto: new (...args: any[]) => object;
  /** The row field naming the record (a source id). */
  readonly target: 'unitId' | 'officialId' | 'caseId' | 'visitId' | 'meetingId';
  /** True when the request body itself carries the target id (the registrations, which let the recorder choose it). */
  readonly targetInBody: boolean;
  /** Ids the row gives besides the body (route parameters in the API), with what they name. */
  readonly extraIds?: Readonly<Record<string, SourceIdKind>>;
  /** The body field that is the fact's occurredAt, for a request that has no occurredAt of its own (a meeting's heldAt). */
  readonly occurredAtField?: string;
  /** The data subject whose personal data the row's command seals, if any (read ahead: its key made with the batch's). */
  readonly sealedSubject?: (fields: Readonly<Record<string, unknown>>, targetId: string) => string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  build(request: any, context: BuildContext): Promise<unknown>;
}

/** Which aggregate's decider and stream a row goes to. */
export const AGGREGATES: Record<ImportAggregate, { decider: Decider<unknown, DomainEvent, unknown>; stream: (id: string) => string }> = {
  unit: { decider: unitDecider as Decider<unknown, DomainEvent, unknown>, stream: unitStream },
  official: { decider: officialDecider as Decider<unknown, DomainEvent, unknown>, stream: officialStream },
  case: { decider: caseDecider as Decider<unknown, DomainEvent, unknown>, stream: caseStream },
  visit: { decider: visitDecider as Decider<unknown, DomainEvent, unknown>, stream: visitStream },
  meeting: { decider: meetingDecider as Decider<unknown, DomainEvent, unknown>, stream: meetingStream },
};

/** Body fields holding ids of the source, and what they name: each is replaced by the ledger's id before the body is checked. */
export const ID_FIELDS: Readonly<Record<string, SourceIdKind>> = {
  unitId: 'unit',
  parentId: 'unit',
  toParentId: 'unit',
  toUnitId: 'unit',
  referredFromUnitId: 'unit',
  officialId: 'official',
  participants: 'official',
  presentParticipants: 'official',
  attendees: 'official',
  caseId: 'case',
  visitId: 'visit',
  sourceVisitId: 'visit',
  firstLevelCaseId: 'case',
  meetingId: 'meeting',
};

const unit = (build: (request: never, context: BuildContext) => Promise<UnitCommand> | UnitCommand) => build;
const official = (build: (request: never, context: BuildContext) => Promise<OfficialCommand> | OfficialCommand) => build;
const kase = (build: (request: never, context: BuildContext) => Promise<CaseCommand> | CaseCommand) => build;
const visit = (build: (request: never, context: BuildContext) => Promise<VisitCommand> | VisitCommand) => build;
const meeting = (build: (request: never, context: BuildContext) => Promise<MeetingCommand> | MeetingCommand) => build;

function spec(
  aggregate: ImportAggregate,
  dto: ImportCommandSpec['dto'],
  target: ImportCommandSpec['target'],
  build: (request: never, context: BuildContext) => unknown,
  options: Partial<Pick<ImportCommandSpec, 'targetInBody' | 'extraIds' | 'occurredAtField' | 'sealedSubject'>> = {},
): ImportCommandSpec {
  return { aggregate, dto, target, targetInBody: options.targetInBody ?? false, ...options, build: async (r, c) => build(r as never, c) };
}

/** A reporter with at least one field: CaseIntake seals it (a bad value is refused later, its key then simply unused). */
function givesPersonalData(reporter: unknown): boolean {
  return (
    typeof reporter === 'object' && reporter !== null && Object.values(reporter).some((value) => value !== undefined && value !== null)
  );
}

/**
 * The commands a row may carry: every command that records history, by its API name. Not here:
 * corrections (an import brings in what the source holds; a later correction is made through the API)
 * and the commands that write a second stream (MergeUnit, a finding that opens a case): import the case
 * as its own ReceiveCase row with sourceVisitId.
 */
export const IMPORT_COMMANDS: Readonly<Record<string, ImportCommandSpec>> = {
  RegisterUnit: spec(
    'unit',
    RegisterUnitRequestDto,
    'unitId',
    unit(async (r: RegisterUnitRequestDto, c) => ({
      type: 'RegisterUnit',
      unitId: c.targetId,
      name: r.name,
      kind: r.kind,
      parent: r.parentId === undefined ? null : await c.units.reference(r.parentId),
    })),
    { targetInBody: true },
  ),
  RenameUnit: spec(
    'unit',
    RenameUnitRequestDto,
    'unitId',
    unit((r: RenameUnitRequestDto) => ({ type: 'RenameUnit', name: r.name })),
  ),
  AbolishUnit: spec(
    'unit',
    AbolishUnitRequestDto,
    'unitId',
    unit((r: AbolishUnitRequestDto) => ({ type: 'AbolishUnit', reason: r.reason })),
  ),
  MoveUnit: spec(
    'unit',
    MoveUnitRequestDto,
    'unitId',
    unit(async (r: MoveUnitRequestDto, c) => ({
      type: 'MoveUnit',
      to: await c.units.reference(r.toParentId),
      effectiveOn: r.effectiveOn,
      legalBasis: r.legalBasis,
      aboveTarget: await c.units.aboveFrom(r.toParentId, r.effectiveOn),
    })),
  ),
  SetUnitRemoteArea: spec(
    'unit',
    SetUnitRemoteAreaRequestDto,
    'unitId',
    unit((r: SetUnitRemoteAreaRequestDto) => ({
      type: 'SetUnitRemoteArea',
      remote: r.remote,
      effectiveOn: r.effectiveOn,
      legalBasis: r.legalBasis,
    })),
  ),

  RegisterOfficial: spec(
    'official',
    RegisterOfficialRequestDto,
    'officialId',
    official(async (r: RegisterOfficialRequestDto, c) => ({
      type: 'RegisterOfficial',
      officialId: c.targetId,
      fullName: r.fullName,
      position: r.position,
      unit: await c.units.reference(r.unitId),
    })),
    { targetInBody: true },
  ),
  ChangePosition: spec(
    'official',
    officialDtos.ChangePositionRequestDto,
    'officialId',
    official((r: officialDtos.ChangePositionRequestDto) => ({ type: 'ChangePosition', position: r.position })),
  ),
  RecordDeparture: spec(
    'official',
    officialDtos.RecordDepartureRequestDto,
    'officialId',
    official((r: officialDtos.RecordDepartureRequestDto) => ({ type: 'RecordDeparture', reason: r.reason, lastDay: r.lastDay })),
  ),
  AssignResponsibility: spec(
    'official',
    officialDtos.AssignResponsibilityRequestDto,
    'officialId',
    official(async (r: officialDtos.AssignResponsibilityRequestDto, c) => ({
      type: 'AssignResponsibility',
      assignmentId: c.extraIds.assignmentId,
      unit: await c.units.reference(r.unitId),
      role: r.role,
      from: r.from,
      to: r.to ?? null,
    })),
    { extraIds: { assignmentId: 'assignment' } },
  ),
  EndResponsibility: spec(
    'official',
    officialDtos.EndResponsibilityRequestDto,
    'officialId',
    official((r: officialDtos.EndResponsibilityRequestDto, c) => ({
      type: 'EndResponsibility',
      assignmentId: c.extraIds.assignmentId,
      to: r.to,
      reason: r.reason,
    })),
    { extraIds: { assignmentId: 'assignment' } },
  ),

  ReceiveCase: spec(
    'case',
    ReceiveCaseRequestDto,
    'caseId',
    kase(async (r: ReceiveCaseRequestDto, c) => {
      const { occurredAt: _occurredAt, ...input } = r;
      return c.intake.prepare({ ...input, caseId: c.targetId }, c.envelope);
    }),
    { sealedSubject: (fields, caseId) => (givesPersonalData(fields.reporter) ? reporterSubjectId(caseId) : undefined) },
  ),
  AcknowledgeCase: spec(
    'case',
    caseDtos.AcknowledgeCaseRequestDto,
    'caseId',
    kase((r: caseDtos.AcknowledgeCaseRequestDto) => ({ type: 'AcknowledgeCase', note: r.note ?? null })),
  ),
  ClassifyCase: spec(
    'case',
    caseDtos.ClassifyCaseRequestDto,
    'caseId',
    kase((r: caseDtos.ClassifyCaseRequestDto) => ({ type: 'ClassifyCase', classification: r.classification, reason: r.reason })),
  ),
  AssignCase: spec(
    'case',
    caseDtos.AssignCaseRequestDto,
    'caseId',
    kase(async (r: caseDtos.AssignCaseRequestDto, c) => {
      const assignedUnit = r.unitId === undefined ? null : await c.units.reference(r.unitId);
      if (r.officialId !== undefined) assertOfficialCouldAct(await c.officials.reference(r.officialId), c.occurredAt, 'the assignee');
      return { type: 'AssignCase', officialId: r.officialId ?? null, unit: assignedUnit, dueAt: r.dueAt };
    }),
  ),
  RecordCaseAction: spec(
    'case',
    caseDtos.RecordCaseActionRequestDto,
    'caseId',
    kase((r: caseDtos.RecordCaseActionRequestDto) => ({ type: 'RecordCaseAction', description: r.description })),
  ),
  MarkCaseComplex: spec(
    'case',
    caseDtos.MarkCaseComplexRequestDto,
    'caseId',
    kase((r: caseDtos.MarkCaseComplexRequestDto) => ({ type: 'MarkCaseComplex', complexity: r.complexity, reason: r.reason })),
  ),
  ReportCaseUpward: spec(
    'case',
    caseDtos.ReportCaseUpwardRequestDto,
    'caseId',
    kase(async (r: caseDtos.ReportCaseUpwardRequestDto, c) => {
      const lineage = await lineageOf(c);
      const to = await c.units.reference(r.toUnitId);
      assertOfficialCouldAct(await c.officials.reference(r.officialId), c.occurredAt, 'who reported');
      const toLocalityId = await c.units.localityOf(r.toUnitId, lineage.day);
      return { type: 'ReportCaseUpward', officialId: r.officialId, to, toLocalityId, lineage, summary: r.summary ?? null };
    }),
  ),
  RecordUpperLevelInformed: spec(
    'case',
    caseDtos.RecordUpperLevelInformedRequestDto,
    'caseId',
    kase(async (r: caseDtos.RecordUpperLevelInformedRequestDto, c) => {
      const lineage = await lineageOf(c);
      const localityId = await c.units.localityOf(r.unitId, lineage.day);
      return { type: 'RecordUpperLevelInformed', unitId: r.unitId, localityId, channel: r.channel, note: r.note ?? null, lineage };
    }),
  ),
  EscalateCase: spec(
    'case',
    caseDtos.EscalateCaseRequestDto,
    'caseId',
    kase(async (r: caseDtos.EscalateCaseRequestDto, c) => {
      const lineage = await lineageOf(c);
      const to = await c.units.reference(r.toUnitId);
      return { type: 'EscalateCase', to, toLocalityId: await c.units.localityOf(r.toUnitId, lineage.day), lineage, reason: r.reason };
    }),
  ),
  ExtendCaseDeadline: spec(
    'case',
    caseDtos.ExtendCaseDeadlineRequestDto,
    'caseId',
    kase((r: caseDtos.ExtendCaseDeadlineRequestDto, c) => ({
      type: 'ExtendCaseDeadline',
      newDueAt: r.newDueAt,
      reason: r.reason,
      rules: c.intake.ruleBook(),
    })),
  ),
  ResolveCase: spec(
    'case',
    caseDtos.ResolveCaseRequestDto,
    'caseId',
    kase((r: caseDtos.ResolveCaseRequestDto) => ({ type: 'ResolveCase', outcome: r.outcome })),
  ),
  CloseCase: spec(
    'case',
    caseDtos.CloseCaseRequestDto,
    'caseId',
    kase((r: caseDtos.CloseCaseRequestDto) => ({ type: 'CloseCase', note: r.note ?? null })),
  ),
  ReopenCase: spec(
    'case',
    caseDtos.ReopenCaseRequestDto,
    'caseId',
    kase((r: caseDtos.ReopenCaseRequestDto) => ({ type: 'ReopenCase', reason: r.reason })),
  ),

  ScheduleVisit: spec(
    'visit',
    ScheduleVisitRequestDto,
    'visitId',
    visit(async (r: ScheduleVisitRequestDto, c) => ({
      type: 'ScheduleVisit',
      visitId: c.targetId,
      kind: r.kind,
      purpose: r.purpose,
      place: r.place ?? null,
      unit: await c.units.reference(r.unitId),
      participants: await c.officials.references(r.participants),
      plannedFor: r.plannedFor,
      publishedInCalendar: r.publishedInCalendar ?? false,
    })),
    { targetInBody: true },
  ),
  RescheduleVisit: spec(
    'visit',
    visitDtos.RescheduleVisitRequestDto,
    'visitId',
    visit((r: visitDtos.RescheduleVisitRequestDto) => ({ type: 'RescheduleVisit', plannedFor: r.plannedFor, reason: r.reason })),
  ),
  CancelVisit: spec(
    'visit',
    visitDtos.CancelVisitRequestDto,
    'visitId',
    visit((r: visitDtos.CancelVisitRequestDto) => ({ type: 'CancelVisit', reason: r.reason })),
  ),
  ConductVisit: spec(
    'visit',
    visitDtos.ConductVisitRequestDto,
    'visitId',
    visit(async (r: visitDtos.ConductVisitRequestDto, c) => ({
      type: 'ConductVisit',
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      presentParticipants: await c.officials.references(r.presentParticipants),
      others: r.others ?? null,
    })),
  ),
  RecordVisitFinding: spec(
    'visit',
    RecordFindingRequestDto,
    'visitId',
    visit((r: RecordFindingRequestDto, c) => {
      if (r.openCase !== undefined) {
        throw new DomainError(
          'IMPORT.FINDING_OPENS_CASE',
          'An imported finding does not open a case itself: import the case as a ReceiveCase row with sourceVisitId.',
          'invalid',
        );
      }
      return { type: 'RecordVisitFinding', findingId: c.extraIds.findingId, text: r.text, severity: r.severity ?? null, openCase: null };
    }),
    { extraIds: { findingId: 'finding' } },
  ),

  RecordMeeting: spec(
    'meeting',
    RecordMeetingRequestDto,
    'meetingId',
    meeting(async (r: RecordMeetingRequestDto, c) => ({
      type: 'RecordMeeting',
      meetingId: c.targetId,
      unit: await c.units.reference(r.unitId),
      kind: r.kind,
      heldAt: r.heldAt,
      attendees: await c.officials.references(r.attendees),
      agendaSummary: r.agendaSummary ?? null,
    })),
    { targetInBody: true, occurredAtField: 'heldAt' },
  ),
};

/**
 * The case's current unit and its parents on the row's day (the tree of that day), from the view; the
 * decider refuses a case that does not exist.
 */
async function lineageOf(c: BuildContext): Promise<UnitLineage> {
  const state = await c.view.state<CaseState>(caseStream(c.targetId), caseDecider);
  if (state.status === 'unreceived') return { unitId: '', ancestorIds: [] };
  const day = vietnamDayOf(c.occurredAt);
  return { unitId: state.currentUnitId, day, ancestorIds: await c.units.ancestorsOf(state.currentUnitId, undefined, day) };
}
