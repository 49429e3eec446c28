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
  RecordedReporter,
  UpperLevelChannel,
} from './case.events.js';

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
  readonly dueDates: readonly (CaseInstant & { readonly type: 'CaseAssigned' | 'CaseDeadlineExtended'; readonly dueAt: string })[];
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

export interface UpperLevelNotice extends CaseInstant {
  readonly unitId: string;
  readonly channel: UpperLevelChannel;
}

/** A received case's history. */
export interface CaseFacts {
  readonly status: 'open' | 'resolved' | 'closed';
  readonly caseId: string;
  readonly category: CaseCategory;
  readonly channel: CaseChannel;
  readonly summary: string;
  readonly reporter: RecordedReporter;
  readonly location: CaseLocation | null;
  readonly sourceVisitId: string | null;
  readonly referredFromUnitId: string | null;
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
   * Suspensions go here once the case stream records them (CaseSuspended, CaseResumed): each a pause
   * of the handling, from its suspension to its resumption. Their moments pause the clocks of the rules
   * that name them (deadlines/deadline-calculator.ts pairs them by type).
   */
  /** The latest occurredAt of any fact, corrections included: a new fact may not be dated before it. */
  readonly lastOccurredAt: string;
}

/** Before its receipt a case has no history; the fold starts with the CaseReceived. */
export type CaseFold = { readonly status: 'unreceived' } | CaseFacts;

export const unreceivedCase: CaseFold = { status: 'unreceived' };

const KNOWN_TYPES: ReadonlySet<string> = new Set(CASE_EVENT_TYPES);

/**
 * Folds one fact into the history. Generic so that a state extending CaseFacts (the decider's, which
 * also keeps the facts) keeps its own fields: every change is a spread of the state given.
 */
export function evolveCaseFacts<State extends CaseFacts>(state: State, fact: Fact<CaseEvent>): State {
  // An event of a type this version does not know (written by a later one) changes nothing it can read.
  if (!KNOWN_TYPES.has(fact.type)) return state;
  const at = fact.occurredAt;
  const instant: CaseInstant = { at, eventId: fact.eventId };
  const lastOccurredAt = Date.parse(at) > Date.parse(state.lastOccurredAt) ? at : state.lastOccurredAt;
  if (fact.type === EVENT_CORRECTED) return { ...state, lastOccurredAt };
  const base = { ...state, lastOccurredAt, moments: [...state.moments, momentOf(fact)] };
  switch (fact.type) {
    case 'CaseReceived': // only the first receipt counts; the decider refuses another
    case 'CaseAcknowledged':
    case 'CaseActionRecorded':
      return base;
    case 'CaseClassified':
      return { ...base, classifications: [...state.classifications, { ...instant, value: fact.data.classification }] };
    case 'CaseAssigned': {
      const assignee = { officialId: fact.data.officialId, unitId: fact.data.unitId };
      return {
        ...base,
        assignments: [...state.assignments, { ...instant, ...assignee, dueAt: fact.data.dueAt }],
        holdings: [...state.holdings, { ...instant, unitId: currentUnitOf(state), assignee }],
        periods: withCurrentPeriod(state, (period) => ({
          ...period,
          dueDates: [...period.dueDates, { ...instant, type: fact.type, dueAt: fact.data.dueAt }],
        })),
      };
    }
    case 'CaseMarkedComplex':
      return { ...base, complexities: [...state.complexities, { ...instant, value: fact.data.complexity }] };
    case 'CaseReportedUpward': {
      const { officialId, toUnitId, fromUnitId } = fact.data;
      return { ...base, upwardReports: [...state.upwardReports, { ...instant, officialId, toUnitId, fromUnitId }] };
    }
    case 'UpperLevelInformed':
      return {
        ...base,
        upperLevelNotices: [...state.upperLevelNotices, { ...instant, unitId: fact.data.unitId, channel: fact.data.channel }],
      };
    case 'CaseEscalated':
      return {
        ...base,
        holdings: [...state.holdings, { ...instant, unitId: fact.data.toUnitId, assignee: null }],
        periods: nextPeriod(state, { ...instant, type: fact.type }, fact.data.toUnitId),
      };
    case 'CaseDeadlineExtended':
      return {
        ...base,
        periods: withCurrentPeriod(state, (period) => ({
          ...period,
          dueDates: [...period.dueDates, { ...instant, type: fact.type, dueAt: fact.data.newDueAt }],
        })),
      };
    case 'CaseResolved':
      return {
        ...base,
        status: 'resolved',
        periods: withCurrentPeriod(state, (period) => ({ ...period, resolvedBy: { ...instant, outcome: fact.data.outcome } })),
      };
    case 'CaseClosed':
      return { ...base, status: 'closed', periods: withCurrentPeriod(state, (period) => ({ ...period, closedBy: instant })) };
    case 'CaseReopened': {
      const unitId = currentUnitOf(state);
      return {
        ...base,
        status: 'open',
        holdings: [...state.holdings, { ...instant, unitId, assignee: null }],
        periods: nextPeriod(state, { ...instant, type: fact.type }, unitId),
      };
    }
    default:
      return unhandled(fact);
  }
}

/** The history begun by a receipt; null for any other fact, which an unreceived case ignores. */
export function receivedCaseFacts(fact: Fact<CaseEvent>): CaseFacts | null {
  if (fact.type !== 'CaseReceived') return null;
  const { caseId, unitId, category, channel, summary, reporter, sourceVisitId, referredFromUnitId, location } = fact.data;
  const instant = { at: fact.occurredAt, eventId: fact.eventId };
  return {
    status: 'open',
    caseId,
    category,
    channel,
    summary,
    reporter,
    location: location ?? null,
    sourceVisitId,
    referredFromUnitId,
    received: { ...instant, unitId },
    moments: [{ ...instant, type: 'CaseReceived' }],
    holdings: [{ ...instant, unitId, assignee: null }],
    periods: [{ startedBy: { ...instant, type: 'CaseReceived' }, unitId, dueDates: [], resolvedBy: null, closedBy: null, endedBy: null }],
    classifications: [],
    complexities: [],
    assignments: [],
    upwardReports: [],
    upperLevelNotices: [],
    lastOccurredAt: fact.occurredAt,
  };
}

export function evolveCaseFold(state: CaseFold, fact: Fact<CaseEvent>): CaseFold {
  if (state.status === 'unreceived') return receivedCaseFacts(fact) ?? state;
  return evolveCaseFacts(state, fact);
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
  let fold: CaseFold = unreceivedCase;
  const facts: (F & Fact<CaseFactEvent>)[] = [];
  for (const fact of corrected) {
    fold = evolveCaseFold(fold, fact);
    if (isHistoryFact(fact)) facts.push(fact);
  }
  if (fold.status === 'unreceived') return null;
  return { case: fold, facts, correctionsOf: (eventId) => corrections.get(eventId) ?? [] };
}

function isCorrection(fact: Fact<CaseEvent>): fact is Fact<EventCorrected> {
  return fact.type === EVENT_CORRECTED;
}

function isHistoryFact<F extends Fact<CaseEvent>>(fact: F): fact is F & Fact<CaseFactEvent> {
  return fact.type !== EVENT_CORRECTED;
}

function momentOf(fact: Fact<CaseFactEvent>): CaseMoment {
  const instant = { at: fact.occurredAt, eventId: fact.eventId };
  if (fact.type === 'CaseMarkedComplex') return { ...instant, type: fact.type, complexity: fact.data.complexity };
  if (fact.type === 'CaseDeadlineExtended') return { ...instant, type: fact.type, newDueAt: fact.data.newDueAt };
  return { ...instant, type: fact.type };
}

function withCurrentPeriod(state: CaseFacts, change: (period: HandlingPeriod) => HandlingPeriod): HandlingPeriod[] {
  const periods = [...state.periods];
  periods[periods.length - 1] = change(periods[periods.length - 1]);
  return periods;
}

function nextPeriod(
  state: CaseFacts,
  startedBy: HandlingPeriod['startedBy'] & HandlingPeriod['endedBy'],
  unitId: string,
): HandlingPeriod[] {
  const ended = withCurrentPeriod(state, (period) => ({ ...period, endedBy: startedBy }));
  return [...ended, { startedBy, unitId, dueDates: [], resolvedBy: null, closedBy: null, endedBy: null }];
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

export function currentUnitOf(facts: CaseFacts): string {
  return facts.holdings[facts.holdings.length - 1].unitId;
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

/** The first fact of a type, or null. */
export function firstMoment(facts: CaseFacts, type: CaseFactType): CaseMoment | null {
  return facts.moments.find((moment) => moment.type === type) ?? null;
}

export function unhandled(value: never): never {
  throw new Error(`Unhandled ${JSON.stringify(value)}`);
}
