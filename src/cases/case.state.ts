import type { Fact } from '../domain-kit/decider.js';
import {
  currentHoldingOf,
  currentPeriodOf,
  dueAtOf,
  evolveCaseFacts,
  extensionsIn,
  latestOf,
  receivedCaseFacts,
  type CaseAssignee,
  type CaseFacts,
} from './case-facts.js';
import type { CaseClassification, CaseComplexity, CaseEvent } from './case.events.js';

export type { CaseAssignee } from './case-facts.js';

/** A stay of the case at a unit: where it was received, then every unit it was escalated to. */
export interface CaseUnitStay {
  readonly unitId: string;
  readonly since: string;
}

/**
 * The case now, read off its history: what the decider checks and the API shows. The first times
 * (acknowledgedAt, reportedUpwardAt, firstActionAt...) are kept as first: later facts do not move
 * them, because the time to the first of each is what the ledger measures. The due date, the
 * extensions and the assignee are those of the current handling period.
 */
export interface CasePresent {
  readonly receivedUnitId: string;
  readonly currentUnitId: string;
  readonly unitHistory: readonly CaseUnitStay[];
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
}

/**
 * The case as the decider sees it: its history as every reader folds it (case-facts.ts), the present
 * read off that history, and the facts themselves, which a correction names. One fold for deciding
 * and for reading, so a rule about where the case is, who holds it or when a handling period starts
 * is written once.
 */
export type ReceivedCase = CaseFacts &
  CasePresent & {
    /** Every fact of the case, corrections included, so a correction can name the event it corrects. */
    readonly facts: readonly Fact<CaseEvent>[];
  };

export type CaseState = { readonly status: 'unreceived' } | ReceivedCase;

export const initialCaseState: CaseState = { status: 'unreceived' };

export function evolveCase(state: CaseState, fact: Fact<CaseEvent>): CaseState {
  if (state.status === 'unreceived') {
    const received = receivedCaseFacts(fact);
    return received ? { ...received, ...presentOf(received), facts: [fact] } : state;
  }
  const history = evolveCaseFacts(state, fact);
  return { ...history, ...presentOf(history), facts: [...state.facts, fact] };
}

export function presentOf(history: CaseFacts): CasePresent {
  const period = currentPeriodOf(history);
  const dueDates = period.dueDates;
  const first = (type: CaseFacts['moments'][number]['type']) => history.moments.find((moment) => moment.type === type)?.at ?? null;
  const last = (type: CaseFacts['moments'][number]['type']) => history.moments.findLast((moment) => moment.type === type)?.at ?? null;
  const assignments = dueDates.filter((setting) => setting.type === 'CaseAssigned');
  return {
    receivedUnitId: history.received.unitId,
    currentUnitId: currentHoldingOf(history).unitId,
    unitHistory: history.holdings
      .filter((holding, index) => index === 0 || holding.unitId !== history.holdings[index - 1].unitId)
      .map(({ unitId, at }) => ({ unitId, since: at })),
    receivedAt: history.received.at,
    acknowledgedAt: first('CaseAcknowledged'),
    classification: latestOf(history.classifications)?.value ?? null,
    classifiedAt: history.classifications[0]?.at ?? null,
    complexity: latestOf(history.complexities)?.value ?? null,
    assignee: currentHoldingOf(history).assignee,
    assignedAt: latestOf(assignments)?.at ?? null,
    dueAt: dueAtOf(period),
    extensions: extensionsIn(period),
    firstActionAt: first('CaseActionRecorded'),
    actionCount: history.moments.filter((moment) => moment.type === 'CaseActionRecorded').length,
    reportedUpwardAt: history.upwardReports[0]?.at ?? null,
    upperLevelInformedAt: history.upperLevelNotices[0]?.at ?? null,
    escalatedAt: last('CaseEscalated'),
    resolvedAt: period.resolvedBy?.at ?? null,
    outcome: period.resolvedBy?.outcome ?? null,
    closedAt: period.closedBy?.at ?? null,
    reopenedAt: last('CaseReopened'),
    reopenCount: history.periods.filter((candidate) => candidate.startedBy.type === 'CaseReopened').length,
  };
}
