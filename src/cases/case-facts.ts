import { EVENT_CORRECTED, withCorrections, type EventCorrected } from '../domain-kit/corrections.js';
import type { Fact } from '../domain-kit/decider.js';
import { CASE_EVENT_TYPES } from './case-event-catalogue.js';
import type {
  CaseCategory,
  CaseChannel,
  CaseClassification,
  CaseComplexity,
  CaseEvent,
  CaseLocation,
  CaseMedia,
  CaseReceived,
  RecordedReporter,
  UpperLevelChannel,
} from './case.events.js';
import { unhandled } from '../domain-kit/exhaustive.js';
import { later } from '../domain-kit/time.js';

/*
 * The one fold of a case's history: what every reader of a case stream asks of it (the decider, the
 * timelines, the deadline calculator, the responsibility records), folded once by a typed evolve. It
 * keeps the history, not only the present: where the case was and who held it at any instant, its
 * handling periods, its classifications and complexity markings with their times, every upward report
 * and upper-level notice. Corrections are applied by the fold's input (caseHistoryOf, or the command
 * handler's foldStream): evolve sees every event with its corrected values.
 */

/** A case event that is part of its history; an EventCorrected only changes the events it names. */
export type CaseFactEvent = Exclude<CaseEvent, EventCorrected>;
export type CaseFactType = CaseFactEvent['type'];

/** When something happened, and the event that says so. */
export interface CaseInstant {
  readonly at: string;
  readonly eventId: string;
}

/**
 * One fact of the history, in stream order, with the little the deadline calculator reads besides its
 * type and time: the complexity a marking sets, the due date an extension records.
 */
export type CaseMoment = CaseInstant &
  (
    | { readonly type: 'CaseMarkedComplex'; readonly complexity: CaseComplexity }
    | { readonly type: 'CaseDeadlineExtended'; readonly newDueAt: string }
    | { readonly type: Exclude<CaseFactType, 'CaseMarkedComplex' | 'CaseDeadlineExtended'> }
  );

/** Who holds the case: an official or a unit, never both. */
export interface CaseAssignee {
  readonly officialId: string | null;
  readonly unitId: string | null;
}

/**
 * Where the case is and who holds it, from an instant on: a new entry at receipt, at every assignment,
 * escalation (another unit, nobody holding it yet) and reopening (the same unit, nobody holding it).
 */
export interface CaseHolding extends CaseInstant {
  readonly unitId: string;
  readonly assignee: CaseAssignee | null;
}

/**
 * A handling period: the case is received, escalated or reopened, assigned with a due date (moved by
 * later assignments and extensions), resolved, perhaps closed; an escalation or a reopening ends it and
 * starts the next one, without assignee, due date or extensions.
 */
export interface HandlingPeriod {
  readonly startedBy: CaseInstant & { readonly type: 'CaseReceived' | 'CaseEscalated' | 'CaseReopened' };
  readonly unitId: string;
  /** Each fact that set the period's due date, in order: the last one is the due date. */
  readonly dueDates: readonly (CaseInstant & {
    readonly type: 'CaseAssigned' | 'CaseDeadlineExtended' | 'CaseResumed';
    readonly dueAt: string;
  })[];
  readonly resolvedBy: (CaseInstant & { readonly outcome: string }) | null;
  readonly closedBy: CaseInstant | null;
  readonly endedBy: (CaseInstant & { readonly type: 'CaseEscalated' | 'CaseReopened' }) | null;
}

export interface CaseAssignment extends CaseInstant, CaseAssignee {
  readonly dueAt: string;
}

export interface CaseUpwardReport extends CaseInstant {
  readonly officialId: string;
  readonly toUnitId: string;
  readonly fromUnitId: string;
}

/** A visit's finding that concerns the case (recorded on the visit, linked here). */
export interface LinkedFinding extends CaseInstant {
  readonly visitId: string;
  readonly findingId: string;
  readonly findingEventId: string;
}

/** A second-level complaint that appeals the case: at when it was received; eventId the CaseAppealed on this case. */
export interface CaseAppeal extends CaseInstant {
  readonly secondLevelCaseId: string;
  readonly receiptEventId: string;
}

/** A decision that suspended the handling, and the one that resumed it (null while it is suspended). */
export interface CaseSuspension {
  readonly suspended: CaseInstant & { readonly reason: string; readonly legalGround: string };
  readonly resumed: (CaseInstant & { readonly reason: string; readonly legalGround: string }) | null;
}

export interface UpperLevelNotice extends CaseInstant {
  readonly unitId: string;
  readonly channel: UpperLevelChannel;
}

/**
 * The case now, kept by the fold beside the history: what the decider checks and the API shows. The
 * first times (acknowledgedAt, reportedUpwardAt, firstActionAt...) are kept as first: later facts do
 * not move them, because the time to the first of each is what the ledger measures. The assignee, the
 * due date and the extensions are those of the current handling period.
 */
export interface CasePresent {
  readonly status: 'open' | 'resolved' | 'closed';
  readonly receivedUnitId: string;
  readonly currentUnitId: string;
  /** Where the case was received, then every unit it was escalated to. */
  readonly unitHistory: readonly { readonly unitId: string; readonly since: string }[];
  readonly receivedAt: string;
  readonly acknowledgedAt: string | null;
  readonly classification: CaseClassification | null;
  readonly classifiedAt: string | null;
  readonly complexity: CaseComplexity | null;
  readonly assignee: CaseAssignee | null;
  readonly assignedAt: string | null;
  readonly dueAt: string | null;
  readonly extensions: number;
  readonly firstActionAt: string | null;
  readonly actionCount: number;
  readonly reportedUpwardAt: string | null;
  readonly upperLevelInformedAt: string | null;
  readonly escalatedAt: string | null;
  readonly resolvedAt: string | null;
  readonly outcome: string | null;
  readonly closedAt: string | null;
  readonly reopenedAt: string | null;
  readonly reopenCount: number;
  /** The visits' findings about the case, besides the one that may have opened it (sourceVisitId). */
  readonly visitFindings: readonly LinkedFinding[];
  /** The second-level complaints that appeal this one, in the order they were received. */
  readonly appeals: readonly CaseAppeal[];
  /** The suspension in force, null when the handling runs. */
  readonly suspension: CaseSuspension['suspended'] | null;
  /** The latest occurredAt of any fact, corrections included: a new fact may not be dated before it. */
  readonly lastOccurredAt: string;
}

/** A received case: what it was received as, its history, and the present read off it. */
export interface CaseFacts extends CasePresent {
  readonly caseId: string;
  readonly category: CaseCategory;
  readonly channel: CaseChannel;
  readonly summary: string;
  readonly reporter: RecordedReporter;
  readonly location: CaseLocation | null;
  /** A photo sent with the report, kept by its hash; a link to one the reporter gave. */
  readonly media: CaseMedia | null;
  readonly mediaUrl: string | null;
  readonly sourceVisitId: string | null;
  readonly referredFromUnitId: string | null;
  /** For a second-level complaint: the first-level complaint case it appeals, when named. */
  readonly firstLevelCaseId: string | null;
  /** The receipt, and the unit that received it: the locality where the matter arose. */
  readonly received: CaseInstant & { readonly unitId: string };
  readonly moments: readonly CaseMoment[];
  readonly holdings: readonly CaseHolding[];
  readonly periods: readonly HandlingPeriod[];
  readonly classifications: readonly (CaseInstant & { readonly value: CaseClassification })[];
  readonly complexities: readonly (CaseInstant & { readonly value: CaseComplexity })[];
  readonly assignments: readonly CaseAssignment[];
  readonly upwardReports: readonly CaseUpwardReport[];
  readonly upperLevelNotices: readonly UpperLevelNotice[];
  /*
   * Each pause of the handling, from its suspension to its resumption. Their moments pause the clocks
   * of the rules that name them (a rule's `pauses`; deadlines/deadline-calculator.ts pairs them by type).
   */
  readonly suspensions: readonly CaseSuspension[];
}

/** Before its receipt a case has no history; the fold starts with the CaseReceived. */
export type CaseFold = { readonly status: 'unreceived' } | CaseFacts;

const KNOWN_TYPES: ReadonlySet<string> = new Set(CASE_EVENT_TYPES);

/** The fold's working copy: CaseFacts with its lists open to appending. */
type Draft = { -readonly [Key in keyof CaseFacts]: CaseFacts[Key] extends readonly (infer Entry)[] ? Entry[] : CaseFacts[Key] };

/**
 * Folds one fact into the history, returning a new state. Generic so that a state extending CaseFacts
 * (the decider's, which also keeps the facts) keeps its own fields, with the changes it gives.
 */
export function evolveCaseFacts<State extends CaseFacts>(state: State, fact: Fact<CaseEvent>, changes?: Partial<State>): State {
  // An event of a type this version does not know (written by a later one) changes nothing it can read.
  if (!KNOWN_TYPES.has(fact.type)) return changes ? { ...state, ...changes } : state;
  const draft = {
    ...state,
    ...changes,
    moments: [...state.moments],
    holdings: [...state.holdings],
    periods: [...state.periods],
    unitHistory: [...state.unitHistory],
    classifications: [...state.classifications],
    complexities: [...state.complexities],
    assignments: [...state.assignments],
    upwardReports: [...state.upwardReports],
    upperLevelNotices: [...state.upperLevelNotices],
    suspensions: [...state.suspensions],
    visitFindings: [...state.visitFindings],
    appeals: [...state.appeals],
  };
  apply(draft, fact);
  return draft;
}

/**
 * The one place that says what each fact does to a case: appended to its history and reflected in its
 * present. Mutates the draft it is given (a copy per fact, or one per stream for a read).
 */
function apply(draft: Draft, fact: Fact<CaseEvent>): void {
  const { occurredAt: at, eventId } = fact;
  draft.lastOccurredAt = later(draft.lastOccurredAt, at);
  if (fact.type === EVENT_CORRECTED) return;
  draft.moments.push(momentOf(fact));
  switch (fact.type) {
    case 'CaseReceived': // only the first receipt counts; the decider refuses another
      return;
    case 'CaseAcknowledged':
      draft.acknowledgedAt ??= at;
      return;
    case 'CaseClassified':
      draft.classifications.push({ at, eventId, value: fact.data.classification });
      draft.classification = fact.data.classification;
      draft.classifiedAt ??= at;
      return;
    case 'CaseAssigned': {
      const assignee = { officialId: fact.data.officialId, unitId: fact.data.unitId };
      draft.assignments.push({ at, eventId, ...assignee, dueAt: fact.data.dueAt });
      draft.holdings.push({ at, eventId, unitId: draft.currentUnitId, assignee });
      setDueDate(draft, { at, eventId, type: fact.type, dueAt: fact.data.dueAt });
      draft.assignee = assignee;
      draft.assignedAt = at;
      return;
    }
    case 'CaseActionRecorded':
      draft.firstActionAt ??= at;
      draft.actionCount += 1;
      return;
    case 'CaseMarkedComplex':
      draft.complexities.push({ at, eventId, value: fact.data.complexity });
      draft.complexity = fact.data.complexity;
      return;
    case 'CaseReportedUpward': {
      const { officialId, toUnitId, fromUnitId } = fact.data;
      draft.upwardReports.push({ at, eventId, officialId, toUnitId, fromUnitId });
      draft.reportedUpwardAt ??= at;
      return;
    }
    case 'UpperLevelInformed':
      draft.upperLevelNotices.push({ at, eventId, unitId: fact.data.unitId, channel: fact.data.channel });
      draft.upperLevelInformedAt ??= at;
      return;
    case 'CaseEscalated':
      draft.unitHistory.push({ unitId: fact.data.toUnitId, since: at });
      draft.currentUnitId = fact.data.toUnitId;
      draft.escalatedAt = at;
      startPeriod(draft, { at, eventId, type: fact.type });
      return;
    case 'CaseDeadlineExtended':
      setDueDate(draft, { at, eventId, type: fact.type, dueAt: fact.data.newDueAt });
      draft.extensions += 1;
      return;
    case 'CaseResolved':
      endPeriodBy(draft, { resolvedBy: { at, eventId, outcome: fact.data.outcome } });
      draft.status = 'resolved';
      draft.resolvedAt = at;
      draft.outcome = fact.data.outcome;
      return;
    case 'CaseClosed':
      endPeriodBy(draft, { closedBy: { at, eventId } });
      draft.status = 'closed';
      draft.closedAt = at;
      return;
    case 'CaseReopened':
      startPeriod(draft, { at, eventId, type: fact.type });
      draft.status = 'open';
      draft.reopenedAt = at;
      draft.reopenCount += 1;
      draft.resolvedAt = null;
      draft.outcome = null;
      draft.closedAt = null;
      return;
    case 'CaseSuspended': {
      const suspended = { at, eventId, reason: fact.data.reason, legalGround: fact.data.legalGround };
      draft.suspensions.push({ suspended, resumed: null });
      draft.suspension = suspended;
      return;
    }
    case 'CaseResumed': {
      const last = draft.suspensions.length - 1;
      if (last >= 0 && draft.suspensions[last].resumed === null)
        draft.suspensions[last] = {
          ...draft.suspensions[last],
          resumed: { at, eventId, reason: fact.data.reason, legalGround: fact.data.legalGround },
        };
      draft.suspension = null;
      if (fact.data.dueAt !== null && draft.assignee !== null) setDueDate(draft, { at, eventId, type: fact.type, dueAt: fact.data.dueAt });
      return;
    }
    case 'CaseFindingLinked': {
      const { visitId, findingId, findingEventId } = fact.data;
      draft.visitFindings.push({ at, eventId, visitId, findingId, findingEventId });
      return;
    }
    case 'CaseAppealed': {
      const { secondLevelCaseId, receiptEventId } = fact.data;
      draft.appeals.push({ at, eventId, secondLevelCaseId, receiptEventId });
      return;
    }
    default:
      unhandled(fact);
  }
}

/** The history begun by a receipt; null for any other fact, which an unreceived case ignores. */
export function receivedCaseFacts(fact: Fact<CaseEvent>): CaseFacts | null {
  return fact.type === 'CaseReceived' ? receivedDraft(fact) : null;
}

function receivedDraft(fact: Fact<CaseReceived>): Draft {
  const {
    caseId,
    unitId,
    category,
    channel,
    summary,
    reporter,
    sourceVisitId,
    referredFromUnitId,
    location,
    media,
    mediaUrl,
    firstLevelCaseId,
  } = fact.data;
  const { occurredAt: at, eventId } = fact;
  return {
    status: 'open',
    caseId,
    category,
    channel,
    summary,
    reporter,
    location: location ?? null,
    media: media ?? null,
    mediaUrl: mediaUrl ?? null,
    sourceVisitId,
    referredFromUnitId,
    firstLevelCaseId: firstLevelCaseId ?? null,
    received: { at, eventId, unitId },
    moments: [{ at, eventId, type: 'CaseReceived' }],
    holdings: [{ at, eventId, unitId, assignee: null }],
    periods: [{ startedBy: { at, eventId, type: 'CaseReceived' }, unitId, dueDates: [], resolvedBy: null, closedBy: null, endedBy: null }],
    classifications: [],
    complexities: [],
    assignments: [],
    upwardReports: [],
    upperLevelNotices: [],
    suspensions: [],
    suspension: null,
    visitFindings: [],
    appeals: [],
    receivedUnitId: unitId,
    currentUnitId: unitId,
    unitHistory: [{ unitId, since: at }],
    receivedAt: at,
    acknowledgedAt: null,
    classification: null,
    classifiedAt: null,
    complexity: null,
    assignee: null,
    assignedAt: null,
    dueAt: null,
    extensions: 0,
    firstActionAt: null,
    actionCount: 0,
    reportedUpwardAt: null,
    upperLevelInformedAt: null,
    escalatedAt: null,
    resolvedAt: null,
    outcome: null,
    closedAt: null,
    reopenedAt: null,
    reopenCount: 0,
    lastOccurredAt: at,
  };
}

/** A case stream read for its history: the corrections applied once, for every reader of the result. */
export interface CaseHistory<F extends Fact<CaseEvent> = Fact<CaseEvent>> {
  readonly case: CaseFacts;
  /** The stream's facts in order, corrected, without the corrections themselves. */
  readonly facts: readonly (F & Fact<CaseFactEvent>)[];
  /** The EventCorrected events that changed an event, in order. */
  readonly correctionsOf: (eventId: string) => readonly string[];
}

/** The case's history from its stream (EventCorrected included); null when the stream holds no receipt. */
export function caseHistoryOf<F extends Fact<CaseEvent>>(stream: readonly F[]): CaseHistory<F> | null {
  const corrections = new Map<string, string[]>();
  for (const fact of stream) {
    if (isCorrection(fact))
      corrections.set(fact.data.correctedEventId, [...(corrections.get(fact.data.correctedEventId) ?? []), fact.eventId]);
  }
  const corrected = corrections.size === 0 ? stream : withCorrections(stream);
  // One draft for the whole stream: the same apply as evolveCaseFacts, without a copy per fact.
  let draft: Draft | null = null;
  const facts: (F & Fact<CaseFactEvent>)[] = [];
  for (const fact of corrected) {
    if (draft === null) {
      if (fact.type === 'CaseReceived') draft = receivedDraft(fact);
    } else if (KNOWN_TYPES.has(fact.type)) apply(draft, fact);
    if (isHistoryFact(fact)) facts.push(fact);
  }
  if (draft === null) return null;
  return { case: draft, facts, correctionsOf: (eventId) => corrections.get(eventId) ?? [] };
}

function isCorrection(fact: Fact<CaseEvent>): fact is Fact<EventCorrected> {
  return fact.type === EVENT_CORRECTED;
}

function isHistoryFact<F extends Fact<CaseEvent>>(fact: F): fact is F & Fact<CaseFactEvent> {
  return fact.type !== EVENT_CORRECTED;
}

function momentOf(fact: Fact<CaseFactEvent>): CaseMoment {
  const { occurredAt: at, eventId } = fact;
  if (fact.type === 'CaseMarkedComplex') return { at, eventId, type: fact.type, complexity: fact.data.complexity };
  if (fact.type === 'CaseDeadlineExtended') return { at, eventId, type: fact.type, newDueAt: fact.data.newDueAt };
  return { at, eventId, type: fact.type };
}

/** The current period's due date is set (an assignment, an extension). */
/**
 * The later of two instants. ISO-8601 texts of one layout and offset (as the service writes them)
 * compare as text; others are parsed. Every fact of every case passes here, hence the shortcut.
 */

function setDueDate(draft: Draft, setting: HandlingPeriod['dueDates'][number]): void {
  const period = draft.periods[draft.periods.length - 1];
  draft.periods[draft.periods.length - 1] = { ...period, dueDates: [...period.dueDates, setting] };
  draft.dueAt = setting.dueAt;
}

function endPeriodBy(draft: Draft, end: Pick<HandlingPeriod, 'resolvedBy'> | Pick<HandlingPeriod, 'closedBy'>): void {
  draft.periods[draft.periods.length - 1] = { ...draft.periods[draft.periods.length - 1], ...end };
}

/** Escalation and reopening end the period and start a new one: whoever takes it sets a new due date. */
function startPeriod(draft: Draft, startedBy: HandlingPeriod['startedBy'] & NonNullable<HandlingPeriod['endedBy']>): void {
  const unitId = draft.currentUnitId;
  draft.periods[draft.periods.length - 1] = { ...draft.periods[draft.periods.length - 1], endedBy: startedBy };
  draft.periods.push({ startedBy, unitId, dueDates: [], resolvedBy: null, closedBy: null, endedBy: null });
  draft.holdings.push({ at: startedBy.at, eventId: startedBy.eventId, unitId, assignee: null });
  draft.assignee = null;
  draft.assignedAt = null;
  draft.dueAt = null;
  draft.extensions = 0;
}

/* What readers ask of the history. Facts are in stream order, which is the order of their occurredAt
 * (the decider refuses a fact dated before the last one), so "at an instant" is the last entry from it. */

/** The entry in force at an instant: the last one at or before it (entries in stream order). */
export function inForceAt<Entry extends CaseInstant>(entries: readonly Entry[], instant: string): Entry | null {
  const limit = Date.parse(instant);
  let found: Entry | null = null;
  for (const entry of entries) {
    if (Date.parse(entry.at) > limit) break;
    found = entry;
  }
  return found;
}

export function currentHoldingOf(facts: CaseFacts): CaseHolding {
  return facts.holdings[facts.holdings.length - 1];
}

/** Where the case was and who held it at an instant (at its receipt for an instant before it). */
export function holdingAt(facts: CaseFacts, instant: string): CaseHolding {
  return inForceAt(facts.holdings, instant) ?? facts.holdings[0];
}

export function currentPeriodOf(facts: CaseFacts): HandlingPeriod {
  return facts.periods[facts.periods.length - 1];
}

/** The due date a period's last assignment or extension set; null before its first assignment. */
export function dueAtOf(period: HandlingPeriod): string | null {
  return period.dueDates.length === 0 ? null : period.dueDates[period.dueDates.length - 1].dueAt;
}

export function extensionsIn(period: HandlingPeriod): number {
  return period.dueDates.filter((setting) => setting.type === 'CaseDeadlineExtended').length;
}

/** The classification in force at an instant, corrections applied; null while unclassified. */
export function classificationAt(facts: CaseFacts, instant: string): CaseFacts['classifications'][number] | null {
  return inForceAt(facts.classifications, instant);
}

export function latestOf<Entry>(entries: readonly Entry[]): Entry | null {
  return entries.length === 0 ? null : entries[entries.length - 1];
}
