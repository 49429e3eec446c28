import type { Decider } from '../domain-kit/decider.js';
import { assertAppealable, type FirstLevelComplaint } from './first-level-complaint.js';
import { decideCorrection, type CorrectableFields, type CorrectEvent } from '../domain-kit/corrections.js';
import { DomainError } from '../domain-kit/domain-error.js';
import { assertNotBefore, assertNotInFuture } from '../domain-kit/occurred-at.js';
import type { UnitReference } from '../organisation/unit.decider.js';
import {
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_CLASSIFICATIONS,
  type CaseCategory,
  type CaseChannel,
  type CaseClassification,
  type CaseComplexity,
  type CaseEvent,
  type CaseLocation,
  type CaseMedia,
  type UpperLevelChannel,
} from './case.events.js';
import { evolveCase, initialCaseState, type CaseState, type ReceivedCase } from './case.state.js';
import { unhandled } from '../domain-kit/exhaustive.js';
import { TEXT_LIMITS, textUpTo } from '../domain-kit/text.js';
import type { RuleBook } from '../policies/rule-book.js';
import { runningAllowances } from '../deadlines/extension-allowance.js';
import { isOffsetDateTime } from '../domain-kit/offset-date-time.js';
import type { SealedPersonalData } from '../personal-data/sealed-personal-data.js';

/**
 * The case's current unit and its parents, nearest first, as the unit directory knew them when the
 * command arrived, on the day the fact occurred (the tree of that day). The decider checks it still
 * names the case's current unit (an escalation may have moved the case in between).
 */
export interface UnitLineage {
  readonly unitId: string;
  /** The Vietnamese day whose tree the ancestors are read from; absent: the tree of today. */
  readonly day?: string;
  readonly ancestorIds: readonly string[];
}

export type CaseCommand =
  | {
      readonly type: 'ReceiveCase';
      readonly caseId: string;
      readonly unit: UnitReference;
      readonly category: CaseCategory;
      readonly channel: CaseChannel;
      readonly summary: string;
      /** Sealed at the edge (CaseIntake): the decider never sees the plaintext. */
      readonly reporter: SealedPersonalData | null;
      /** Where the matter is, when the report says. */
      readonly location?: CaseLocation | null;
      readonly media?: CaseMedia | null;
      readonly mediaUrl?: string | null;
      readonly sourceVisitId: string | null;
      readonly referredFrom: UnitReference | null;
      /** SHA-256 of the status token given to the citizen who submitted it (Open311), never the token. */
      readonly statusTokenHash?: string;
      /** For a second-level complaint: the first-level complaint it appeals, as the ledger knows it. */
      readonly firstLevel?: FirstLevelComplaint | null;
    }
  /** byOfficialId: the official who did it, for whom a clerk records it (checked as registered by the caller). */
  | { readonly type: 'AcknowledgeCase'; readonly note: string | null; readonly byOfficialId?: string | null }
  | { readonly type: 'ClassifyCase'; readonly classification: CaseClassification; readonly reason: string }
  | { readonly type: 'AssignCase'; readonly officialId: string | null; readonly unit: UnitReference | null; readonly dueAt: string }
  | { readonly type: 'RecordCaseAction'; readonly description: string; readonly byOfficialId?: string | null }
  | { readonly type: 'MarkCaseComplex'; readonly complexity: CaseComplexity; readonly reason: string }
  | {
      readonly type: 'ReportCaseUpward';
      readonly officialId: string;
      readonly to: UnitReference;
      /** The locality the unit reported to is at (see isUpperLevel); absent: the unit itself. */
      readonly toLocalityId?: string | null;
      readonly lineage: UnitLineage;
      readonly summary: string | null;
    }
  | {
      readonly type: 'RecordUpperLevelInformed';
      readonly unitId: string;
      /** The locality the informed unit is at; absent: the unit itself. */
      readonly localityId?: string | null;
      readonly channel: UpperLevelChannel;
      readonly note: string | null;
      readonly lineage: UnitLineage;
    }
  | {
      readonly type: 'EscalateCase';
      readonly to: UnitReference;
      /** The locality the unit escalated to is at (see isUpperLevel); absent: the unit itself. */
      readonly toLocalityId?: string | null;
      readonly lineage: UnitLineage;
      readonly reason: string;
    }
  | {
      readonly type: 'ExtendCaseDeadline';
      readonly newDueAt: string;
      readonly reason: string;
      /** The rule book as it stood when the command arrived: the law's allowance of extensions is in it. */
      readonly rules: RuleBook;
    }
  | { readonly type: 'ResolveCase'; readonly outcome: string }
  | { readonly type: 'CloseCase'; readonly note: string | null }
  | { readonly type: 'ReopenCase'; readonly reason: string }
  | { readonly type: 'SuspendCase'; readonly reason: string; readonly legalGround: string }
  /** dueAt: the handler's new due date, for a case assigned with one; null keeps the one it has. */
  | { readonly type: 'ResumeCase'; readonly reason: string; readonly legalGround: string; readonly dueAt: string | null }
  | ({ readonly type: 'CorrectCaseEvent' } & CorrectEvent);

export type ReceiveCaseCommand = Extract<CaseCommand, { type: 'ReceiveCase' }>;

const CORRECTABLE: CorrectableFields = {
  // Not to or from referral: a referral names its referring unit, which a correction cannot add.
  CaseReceived: {
    summary: textUpTo(TEXT_LIMITS.description),
    category: isOneOf(CASE_CATEGORIES),
    channel: (value) => isOneOf(CASE_CHANNELS)(value) && value !== 'referral',
  },
  CaseClassified: { classification: isOneOf(CASE_CLASSIFICATIONS), reason: textUpTo(TEXT_LIMITS.reason) },
  CaseAssigned: { dueAt: isOffsetDateTime },
  CaseActionRecorded: { description: textUpTo(TEXT_LIMITS.description) },
  CaseMarkedComplex: { reason: textUpTo(TEXT_LIMITS.reason) },
  CaseEscalated: { reason: textUpTo(TEXT_LIMITS.reason) },
  CaseDeadlineExtended: { reason: textUpTo(TEXT_LIMITS.reason) },
  CaseResolved: { outcome: textUpTo(TEXT_LIMITS.description) },
  CaseReopened: { reason: textUpTo(TEXT_LIMITS.reason) },
  CaseSuspended: { reason: textUpTo(TEXT_LIMITS.reason), legalGround: textUpTo(500) },
  CaseResumed: { reason: textUpTo(TEXT_LIMITS.reason), legalGround: textUpTo(500) },
};

export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  initialState: initialCaseState,
  evolve: evolveCase,

  decide(command, state, context) {
    assertNotInFuture(context.occurredAt, context.now);
    if (command.type === 'ReceiveCase') return receive(command, state, context.occurredAt);
    const found = received(state);
    assertNotBefore(context.occurredAt, found.lastOccurredAt, 'the last recorded fact of this case');
    const at = context.occurredAt;
    switch (command.type) {
      case 'AcknowledgeCase':
        assertOpen(found);
        if (found.acknowledgedAt !== null)
          throw new DomainError('CASE.ALREADY_ACKNOWLEDGED', `The case was acknowledged at ${found.acknowledgedAt}.`, 'conflict');
        return [{ type: 'CaseAcknowledged', data: { note: command.note, ...doneBy(command.byOfficialId) } }];
      case 'ClassifyCase':
        assertOpen(found);
        if (found.classification === command.classification) {
          throw new DomainError(
            'CASE.ALREADY_CLASSIFIED',
            `The case is already classified ${command.classification}; correct the classification if it was a mistake.`,
            'conflict',
          );
        }
        return [{ type: 'CaseClassified', data: { classification: command.classification, reason: command.reason } }];
      case 'AssignCase':
        return assign(command, found, at);
      case 'RecordCaseAction':
        assertOpen(found);
        return [{ type: 'CaseActionRecorded', data: { description: command.description, ...doneBy(command.byOfficialId) } }];
      case 'MarkCaseComplex':
        return markComplex(command, found);
      case 'ReportCaseUpward':
        assertNotClosed(found);
        assertCurrentLineage(found, command.lineage);
        if (!isUpperLevel(command.lineage, command.to.unitId, command.toLocalityId)) {
          throw new DomainError(
            'CASE.REPORT_NOT_UPWARD',
            `Unit ${command.to.unitId} is not above ${found.currentUnitId}${onDay(command.lineage)}; report to a higher unit.`,
            'conflict',
          );
        }
        assertActiveUnit(command.to);
        return [
          {
            type: 'CaseReportedUpward',
            data: {
              officialId: command.officialId,
              toUnitId: command.to.unitId,
              fromUnitId: found.currentUnitId,
              summary: command.summary,
            },
          },
        ];
      case 'RecordUpperLevelInformed':
        assertNotClosed(found);
        assertCurrentLineage(found, command.lineage);
        if (!isUpperLevel(command.lineage, command.unitId, command.localityId)) {
          throw new DomainError(
            'CASE.NOT_UPPER_LEVEL',
            `Unit ${command.unitId} is not above ${found.currentUnitId}${onDay(command.lineage)}, so it is not an upper level of this case.`,
            'conflict',
          );
        }
        return [{ type: 'UpperLevelInformed', data: { unitId: command.unitId, channel: command.channel, note: command.note } }];
      case 'EscalateCase':
        assertOpen(found);
        assertRunning(found, 'escalated');
        assertCurrentLineage(found, command.lineage);
        if (!isUpperLevel(command.lineage, command.to.unitId, command.toLocalityId)) {
          throw new DomainError(
            'CASE.ESCALATION_NOT_UPWARD',
            `Unit ${command.to.unitId} is not an upper level of ${found.currentUnitId}${onDay(command.lineage)}; a case escalates only to a higher unit.`,
            'conflict',
          );
        }
        assertActiveUnit(command.to);
        return [{ type: 'CaseEscalated', data: { fromUnitId: found.currentUnitId, toUnitId: command.to.unitId, reason: command.reason } }];
      case 'ExtendCaseDeadline':
        return extend(command, found, at);
      case 'ResolveCase':
        assertOpen(found);
        assertRunning(found, 'resolved');
        return [{ type: 'CaseResolved', data: { outcome: command.outcome } }];
      case 'CloseCase':
        assertNotClosed(found);
        if (found.status !== 'resolved')
          throw new DomainError('CASE.NOT_RESOLVED', 'Only a resolved case can be closed; record its resolution first.', 'conflict');
        return [{ type: 'CaseClosed', data: { note: command.note } }];
      case 'ReopenCase':
        if (found.status === 'open')
          throw new DomainError('CASE.ALREADY_OPEN', 'The case is open; only a resolved or closed case can be reopened.', 'conflict');
        return [{ type: 'CaseReopened', data: { reason: command.reason } }];
      case 'SuspendCase':
        return suspend(command, found);
      case 'ResumeCase':
        return resume(command, found, at);
      case 'CorrectCaseEvent':
        return decideCorrection(found.facts, command, CORRECTABLE);
      default:
        return unhandled(command);
    }
  },
};

function receive(command: Extract<CaseCommand, { type: 'ReceiveCase' }>, state: CaseState, occurredAt: string): CaseEvent[] {
  if (state.status !== 'unreceived')
    throw new DomainError('CASE.ALREADY_RECEIVED', `Case ${command.caseId} was already received.`, 'conflict');
  assertActiveUnit(command.unit);
  if (command.firstLevel) assertAppealable(command.category, command.firstLevel, occurredAt);
  if (command.channel === 'referral' && command.referredFrom === null) {
    throw new DomainError(
      'CASE.REFERRING_UNIT_REQUIRED',
      'A referred case names the unit that referred it (referredFromUnitId).',
      'invalid',
    );
  }
  if (command.channel !== 'referral' && command.referredFrom !== null) {
    throw new DomainError('CASE.REFERRING_UNIT_UNEXPECTED', 'referredFromUnitId is only for channel referral.', 'invalid');
  }
  if (command.referredFrom !== null) {
    if (command.referredFrom.unitId === command.unit.unitId)
      throw new DomainError('CASE.REFERRED_TO_ITSELF', 'A unit cannot refer a case to itself.', 'invalid');
    // The referring unit may have been merged since; it must at least exist.
    if (command.referredFrom.status === 'unregistered') {
      throw new DomainError('CASE.REFERRING_UNIT_UNKNOWN', `Unit ${command.referredFrom.unitId} is not registered.`, 'unprocessable');
    }
  }
  const { caseId, category, channel, summary, reporter, sourceVisitId, location, media, mediaUrl, statusTokenHash } = command;
  return [
    {
      type: 'CaseReceived',
      data: {
        caseId,
        unitId: command.unit.unitId,
        category,
        channel,
        summary,
        reporter,
        sourceVisitId,
        referredFromUnitId: command.referredFrom?.unitId ?? null,
        ...(location ? { location } : {}),
        ...(statusTokenHash ? { statusTokenHash } : {}),
        ...(media ? { media } : {}),
        ...(mediaUrl ? { mediaUrl } : {}),
        ...(command.firstLevel ? { firstLevelCaseId: command.firstLevel.caseId } : {}),
      },
    },
  ];
}

function assign(command: Extract<CaseCommand, { type: 'AssignCase' }>, found: ReceivedCase, at: string): CaseEvent[] {
  assertOpen(found);
  if ((command.officialId === null) === (command.unit === null)) {
    throw new DomainError('CASE.ASSIGNEE_REQUIRED', 'Assign the case to exactly one official or one unit.', 'invalid');
  }
  if (command.unit) assertActiveUnit(command.unit);
  assertDueAfter(command.dueAt, at);
  // A reassignment cannot buy time: moving the due date later is an extension, which is bounded.
  if (found.dueAt !== null && Date.parse(command.dueAt) > Date.parse(found.dueAt)) {
    throw new DomainError(
      'CASE.DUE_LATER_THAN_CURRENT',
      `The case is due at ${found.dueAt}; to give it more time, extend the deadline.`,
      'conflict',
      { dueAt: found.dueAt },
    );
  }
  return [{ type: 'CaseAssigned', data: { officialId: command.officialId, unitId: command.unit?.unitId ?? null, dueAt: command.dueAt } }];
}

function markComplex(command: Extract<CaseCommand, { type: 'MarkCaseComplex' }>, found: ReceivedCase): CaseEvent[] {
  assertOpen(found);
  if (found.complexity === command.complexity)
    throw new DomainError('CASE.ALREADY_MARKED_COMPLEX', `The case is already marked ${command.complexity}.`, 'conflict');
  if (found.complexity === 'especially-complex') {
    throw new DomainError(
      'CASE.COMPLEXITY_DOWNGRADE',
      'An especially complex case cannot be marked merely complex; correct the marking if it was a mistake.',
      'conflict',
    );
  }
  return [{ type: 'CaseMarkedComplex', data: { complexity: command.complexity, reason: command.reason } }];
}

/**
 * The law's allowance is the rule book's: each rule running for the handling at this instant (the
 * acceptance, then the resolution) allows so many extensions for the case's complexity, counted over
 * its clock as the timeline counts them. With no rule known for the case, nothing bounds them.
 */
function extend(command: Extract<CaseCommand, { type: 'ExtendCaseDeadline' }>, found: ReceivedCase, at: string): CaseEvent[] {
  assertOpen(found);
  assertRunning(found, 'given an extension');
  const { dueAt } = found;
  if (dueAt === null) throw new DomainError('CASE.NO_DEADLINE', 'The case has no due date to extend; assign it with one.', 'conflict');
  const exhausted = runningAllowances(command.rules, found, at).find((allowance) => allowance.used >= allowance.allowed);
  if (exhausted) {
    const complexity = found.complexity ?? 'not marked complex';
    throw new DomainError(
      'CASE.EXTENSIONS_EXHAUSTED',
      `Rule ${exhausted.ruleId} allows ${exhausted.allowed} extension(s) of the ${exhausted.step} step for a case ${complexity}; ${exhausted.used} already granted.`,
      'conflict',
      { ruleId: exhausted.ruleId, step: exhausted.step, extensions: exhausted.used, allowed: exhausted.allowed },
    );
  }
  if (Date.parse(command.newDueAt) <= Date.parse(dueAt)) {
    throw new DomainError('CASE.EXTENSION_NOT_LATER', `The new due date must be later than the current one (${dueAt}).`, 'invalid');
  }
  assertDueAfter(command.newDueAt, at);
  return [
    {
      type: 'CaseDeadlineExtended',
      data: { previousDueAt: dueAt, newDueAt: command.newDueAt, reason: command.reason, extensionNumber: found.extensions + 1 },
    },
  ];
}

/**
 * A suspension stops the handling of an accepted case (the laws suspend the resolution, after
 * acceptance: Law on Denunciations 25/2018/QH14 art. 34, Law on Complaints art. 11a from 2026-07-01).
 */
function suspend(command: Extract<CaseCommand, { type: 'SuspendCase' }>, found: ReceivedCase): CaseEvent[] {
  assertOpen(found);
  if (found.suspension !== null) {
    throw new DomainError(
      'CASE.ALREADY_SUSPENDED',
      `The case was suspended at ${found.suspension.at} (${found.suspension.legalGround}); resume it before suspending it again.`,
      'conflict',
    );
  }
  if (found.acknowledgedAt === null) {
    throw new DomainError(
      'CASE.NOT_ACKNOWLEDGED',
      'Only an accepted case can be suspended: record its acknowledgement (acceptance) first.',
      'conflict',
    );
  }
  return [{ type: 'CaseSuspended', data: { reason: command.reason, legalGround: command.legalGround } }];
}

function resume(command: Extract<CaseCommand, { type: 'ResumeCase' }>, found: ReceivedCase, at: string): CaseEvent[] {
  assertOpen(found);
  if (found.suspension === null)
    throw new DomainError('CASE.NOT_SUSPENDED', 'The case is not suspended; there is nothing to resume.', 'conflict');
  if (command.dueAt !== null) {
    if (found.dueAt === null) {
      throw new DomainError('CASE.NO_DEADLINE', 'The case has no due date to move on resumption; assign it with one.', 'conflict');
    }
    assertDueAfter(command.dueAt, at);
  }
  return [{ type: 'CaseResumed', data: { reason: command.reason, legalGround: command.legalGround, dueAt: command.dueAt } }];
}

/** Resolving, escalating or extending a suspended case would act on a handling the decision stopped. */
function assertRunning(found: ReceivedCase, action: string): void {
  if (found.suspension !== null) {
    throw new DomainError(
      'CASE.SUSPENDED',
      `The case is suspended since ${found.suspension.at} (${found.suspension.legalGround}) and cannot be ${action}; resume it first.`,
      'conflict',
    );
  }
}

/** The official a clerk records the fact for, when there is one: absent otherwise, as in facts recorded before. */
function doneBy(byOfficialId: string | null | undefined): { byOfficialId?: string } {
  return byOfficialId ? { byOfficialId } : {};
}

function received(state: CaseState): ReceivedCase {
  if (state.status === 'unreceived') throw new DomainError('CASE.NOT_FOUND', 'The case has not been received.', 'not-found');
  return state;
}

function assertNotClosed(found: ReceivedCase): void {
  if (found.status === 'closed')
    throw new DomainError('CASE.CLOSED', `The case was closed at ${found.closedAt}; reopen it first.`, 'conflict');
}

/** Handling facts (acknowledging, assigning, acting, escalating, resolving) need an open case. */
function assertOpen(found: ReceivedCase): void {
  assertNotClosed(found);
  if (found.status === 'resolved')
    throw new DomainError('CASE.RESOLVED', `The case was resolved at ${found.resolvedAt}; reopen it to handle it further.`, 'conflict');
}

/**
 * An upper level of a matter is a unit above the case's unit, or one attached to a locality above it:
 * for a commune's matter, the district, the District Party Committee and its Standing Committee, the
 * district's agencies, and so on upward. A unit attached to the case's own commune (its Party
 * committee) is at the same level, not above it. localityId: the locality the unit is at, which the
 * caller reads from the tree (the unit itself for a locality).
 */
function isUpperLevel(lineage: UnitLineage, unitId: string, localityId: string | null | undefined): boolean {
  return lineage.ancestorIds.includes(unitId) || (localityId != null && lineage.ancestorIds.includes(localityId));
}

/** The day of the tree a refusal was judged by, for its sentence. */
function onDay(lineage: UnitLineage): string {
  return lineage.day === undefined ? '' : ` on ${lineage.day}`;
}

function assertCurrentLineage(found: ReceivedCase, lineage: UnitLineage): void {
  if (lineage.unitId !== found.currentUnitId) {
    throw new DomainError(
      'CASE.UNIT_CHANGED',
      `The case is now at unit ${found.currentUnitId}, not ${lineage.unitId}; read it again.`,
      'conflict',
    );
  }
}

function assertActiveUnit(unit: UnitReference): void {
  if (unit.status !== 'active') {
    const reason = unit.status === 'unregistered' ? 'is not registered' : `is ${unit.status}`;
    throw new DomainError('CASE.UNIT_NOT_ACTIVE', `Unit ${unit.unitId} ${reason}.`, 'unprocessable', { unitId: unit.unitId });
  }
}

function assertDueAfter(dueAt: string, occurredAt: string): void {
  if (Date.parse(dueAt) <= Date.parse(occurredAt)) {
    throw new DomainError(
      'CASE.DUE_NOT_AFTER_OCCURRED_AT',
      `The due date ${dueAt} must be after the time of the fact (${occurredAt}).`,
      'invalid',
    );
  }
}

function isOneOf(values: readonly string[]) {
  return (value: unknown): boolean => typeof value === 'string' && values.includes(value);
}
