import { caseHistoryOf } from '../cases/case-facts.js';
import type { CaseEvent } from '../cases/case.events.js';
import { withCorrections } from '../domain-kit/corrections.js';
import { fold, type DomainEvent, type Fact } from '../domain-kit/decider.js';
import { meetingDecider } from '../meetings/meeting.decider.js';
import type { MeetingEvent } from '../meetings/meeting.events.js';
import { meetingView } from '../meetings/http/meeting.view.js';
import { officialDecider } from '../officials/official.decider.js';
import type { OfficialEvent } from '../officials/official.events.js';
import { officialView } from '../officials/http/official.view.js';
import { lastDayOf } from '../officials/responsibility-assignments.js';
import { parentPeriods } from '../organisation/unit-parents.js';
import { unitDecider } from '../organisation/unit.decider.js';
import type { UnitEvent } from '../organisation/unit.events.js';
import { unitView } from '../organisation/http/unit.view.js';
import { visitDecider } from '../visits/visit.decider.js';
import type { VisitEvent } from '../visits/visit.events.js';
import { visitView } from '../visits/http/visit.view.js';
import { caseListItem } from './case-list-item.js';
import type { CaseTexts } from './case-texts.js';
import { foldedText } from './folded-text.js';
import { END_OF_TIME, FIRST_DAY } from './list-scope.js';

export type ListKind = 'case' | 'unit' | 'official' | 'visit' | 'meeting';

/**
 * The due date of a case without one: later than any instant, so that sorting by due needs no
 * expression (the indexes on due_ms serve it) and no due-date filter ever matches it.
 */
export const NO_DUE = 9_007_199_254_740_991;

type Value = string | number | null;

/**
 * What one stream's fold asks the lists to hold, every text already made (views as JSON, names and
 * search text folded): plain data, so that it can be computed in one thread and written in another.
 * The values are in the order of their table's columns (list-rows.ts), the key excepted.
 */
export type ListRow =
  | {
      readonly kind: 'case';
      /** case_id ... suspended. */
      readonly values: readonly Value[];
      readonly view: string;
      /** The texts as recorded (CaseTexts, as JSON), for a search result's snippet. */
      readonly texts: string;
      /** The search text folded, one per column of the index: summary, outcomes, actions, findings. */
      readonly search: readonly [string, string, string, string];
    }
  | {
      readonly kind: 'unit';
      /** unit_id ... view. */
      readonly values: readonly Value[];
      /** first_day, end_day, parent_id of each period with a parent. */
      readonly parents: readonly (readonly [string, string, string])[];
    }
  | {
      readonly kind: 'official';
      /** official_id ... view. */
      readonly values: readonly Value[];
      /** assignment_id, unit_id, first_day, last_day. */
      readonly assignments: readonly (readonly [string, string, string, string])[];
    }
  | {
      readonly kind: 'visit';
      /** visit_id ... view. */
      readonly values: readonly Value[];
      /** Planned participants and those present, each once. */
      readonly people: readonly string[];
      /** case_id, finding_id, text of each finding about a case. */
      readonly findings: readonly (readonly [string, string, string])[];
    }
  | {
      readonly kind: 'meeting';
      /** meeting_id ... view. */
      readonly values: readonly Value[];
      readonly people: readonly string[];
    };

/** The texts of the visits' findings about a case, in the order of their finding ids. */
export type FindingsOfCase = (caseId: string) => string[];

/**
 * Folds one stream's facts (all of them, in order) into its row, or null when the aggregate does not
 * exist yet (a case named by a finding before its receipt). Pure: the findings about a case are asked
 * of the caller, which knows those the same batch's visits recorded.
 */
export function listRowOf(kind: ListKind, facts: readonly Fact<DomainEvent>[], findingsOf: FindingsOfCase): ListRow | null {
  switch (kind) {
    case 'case':
      return caseRow(facts as readonly Fact<CaseEvent>[], findingsOf);
    case 'unit':
      return unitRow(facts as readonly Fact<UnitEvent>[]);
    case 'official':
      return officialRow(facts as readonly Fact<OfficialEvent>[]);
    case 'visit':
      return visitRow(facts as readonly Fact<VisitEvent>[]);
    case 'meeting':
      return meetingRow(facts as readonly Fact<MeetingEvent>[]);
    default:
      return kind satisfies never;
  }
}

function caseRow(facts: readonly Fact<CaseEvent>[], findingsOf: FindingsOfCase): ListRow | null {
  const history = caseHistoryOf(facts);
  if (history === null) return null;
  const c = history.case;
  const texts: CaseTexts = { summary: c.summary, outcomes: [], actions: [], findings: findingsOf(c.caseId) };
  for (const fact of history.facts) {
    if (fact.type === 'CaseActionRecorded') texts.actions.push(fact.data.description);
    else if (fact.type === 'CaseResolved') texts.outcomes.push(fact.data.outcome);
  }
  return {
    kind: 'case',
    values: [
      c.caseId,
      c.status,
      c.category,
      c.channel,
      c.classification,
      c.receivedUnitId,
      c.currentUnitId,
      c.assignee?.officialId ?? null,
      c.assignee?.unitId ?? null,
      Date.parse(c.receivedAt),
      c.dueAt === null ? NO_DUE : Date.parse(c.dueAt),
      Date.parse(c.lastOccurredAt),
      c.reportedUpwardAt === null ? 0 : 1,
      c.suspension === null ? 0 : 1,
    ],
    view: JSON.stringify(caseListItem(c)),
    texts: JSON.stringify(texts),
    search: [
      foldedText(texts.summary),
      foldedText(texts.outcomes.join('\n')),
      foldedText(texts.actions.join('\n')),
      foldedText(texts.findings.join('\n')),
    ],
  };
}

function unitRow(facts: readonly Fact<UnitEvent>[]): ListRow | null {
  const state = fold(unitDecider, withCorrections(facts));
  if (state.status === 'unregistered') return null;
  const parents: [string, string, string][] = [];
  for (const period of parentPeriods({ parentId: state.registeredParentId, moves: state.moves }))
    if (period.parentId !== null) parents.push([period.from ?? FIRST_DAY, period.to ?? END_OF_TIME, period.parentId]);
  return {
    kind: 'unit',
    values: [
      state.unitId,
      state.parentId,
      state.mergedIntoUnitId,
      state.status,
      state.kind,
      foldedText([state.name, ...state.formerNames].join('\n')),
      JSON.stringify(unitView(state)),
    ],
    parents,
  };
}

function officialRow(facts: readonly Fact<OfficialEvent>[]): ListRow | null {
  const state = fold(officialDecider, withCorrections(facts));
  if (state.status === 'unregistered') return null;
  return {
    kind: 'official',
    values: [state.officialId, state.unitId, state.status, foldedText(state.fullName), JSON.stringify(officialView(state))],
    assignments: state.assignments.map(
      (assignment) => [assignment.assignmentId, assignment.unitId, assignment.from, lastDayOf(assignment) ?? '9999-12-31'] as const,
    ),
  };
}

function visitRow(facts: readonly Fact<VisitEvent>[]): ListRow | null {
  const state = fold(visitDecider, withCorrections(facts));
  if (state.status === 'not-scheduled') return null;
  const findings: [string, string, string][] = [];
  for (const finding of state.findings) if (finding.caseId !== null) findings.push([finding.caseId, finding.findingId, finding.text]);
  return {
    kind: 'visit',
    values: [state.visitId, state.unitId, state.kind, state.status, Date.parse(state.plannedFor), JSON.stringify(visitView(state))],
    people: [...new Set([...state.participants, ...(state.conduct?.presentParticipants ?? [])])],
    findings,
  };
}

function meetingRow(facts: readonly Fact<MeetingEvent>[]): ListRow | null {
  const state = fold(meetingDecider, withCorrections(facts));
  if (state.status === 'unrecorded') return null;
  return {
    kind: 'meeting',
    values: [state.meetingId, state.unitId, state.kind, Date.parse(state.heldAt), JSON.stringify(meetingView(state))],
    people: [...new Set(state.attendees)],
  };
}
