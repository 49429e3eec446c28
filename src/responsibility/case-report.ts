import { vietnamDayOf, type CalendarDay } from '../calendar/calendar-day.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { inForceAt } from '../cases/case-facts.js';
import type { CaseClassification } from '../cases/case.events.js';
import { judgeDeadline, noClockStart, noRuleFor, type Unjudged } from '../deadlines/judged-deadline.js';
import type { RuleBook } from '../policies/rule-book.js';
import { unique } from './monthly-attendance.js';
import { momentsOf } from './records-from-facts.js';
import type { AssignmentRecord, CaseRecord, ReportPeriod, ReportRules, TimedFact } from './report-input.js';
import type { CaseActs, CasesHandled, CaseTimeliness, Figure, MustReportMatter, Preemption } from './report-output.js';
import type { UnitTree } from './unit-tree.js';

const FOREVER = '9999-12-31';
type HandledCase = CasesHandled['cases'][number];
const TIMELINESS: readonly CaseTimeliness[] = ['on-time', 'late', 'overdue', 'open'];

export interface CaseReportContext {
  readonly officialId: string;
  readonly period: ReportPeriod;
  readonly asOf: string;
  /** Everyone's assignments in charge (roles of rules.rolesInCharge). */
  readonly inCharge: readonly AssignmentRecord[];
  readonly tree: UnitTree;
  readonly rules: ReportRules;
  readonly ruleBook: RuleBook;
  readonly calendar: WorkingDayCalendar;
}

const at = (instant: string) => Date.parse(instant);
const ownAssignments = (context: CaseReportContext) =>
  context.inCharge.filter((assignment) => assignment.officialId === context.officialId);
const inPeriod = (day: CalendarDay, period: ReportPeriod) => day >= period.from && day <= period.to;
const firstOf = <T extends TimedFact>(facts: readonly T[]): T | null =>
  facts.reduce<T | null>((first, fact) => (first === null || at(fact.at) < at(first.at) ? fact : first), null);

/**
 * The assignments in charge (of anyone, or only of those given) whose unit's tree held the case's unit
 * on that day; with the merges crossed.
 */
function inChargeOf(
  unitId: string,
  day: CalendarDay,
  context: CaseReportContext,
  among: readonly AssignmentRecord[] = context.inCharge,
): { assignment: AssignmentRecord; evidence: string[] }[] {
  return among.flatMap((assignment) => {
    if (day < assignment.from || day > (assignment.to ?? FOREVER)) return [];
    const link = context.tree.linkTo(unitId, assignment.unitId, day);
    return link ? [{ assignment, evidence: [...assignment.eventIds, ...link.treeEventIds] }] : [];
  });
}

/**
 * Cases handled are the cases assigned to the official (CaseAssigned naming them) on a day of the period:
 * personal handling, not every case of the units in charge, which the must-report and pre-emption parts
 * cover. Timeliness comes from the deadline calculator's resolve (or answer) deadline when the caller gave
 * it, else from the due date of the official's last assignment of the case.
 */
export function casesHandled(cases: readonly CaseRecord[], context: CaseReportContext): CasesHandled {
  const resolvedIds = new Set<string>();
  const items: HandledCase[] = [];
  // A loop rather than flatMap: a province's evaluation runs this over a hundred thousand cases.
  for (const record of cases) {
    const item = handledCase(record, context, resolvedIds);
    if (item !== null) items.push(item);
  }
  const figureOf = (selected: readonly HandledCase[]): Figure => ({
    count: selected.length,
    evidence: unique(selected.flatMap((item) => item.evidence)),
  });
  return {
    total: figureOf(items),
    byTimeliness: Object.fromEntries(
      TIMELINESS.map((timeliness) => [timeliness, figureOf(items.filter((item) => item.timeliness === timeliness))]),
    ) as unknown as CasesHandled['byTimeliness'],
    resolved: figureOf(items.filter((item) => resolvedIds.has(item.caseId))),
    cases: items,
  };
}

/** The case as handled by the official in the period, or null when it is not theirs (skipped before allocating). */
function handledCase(record: CaseRecord, context: CaseReportContext, resolvedIds: Set<string>): HandledCase | null {
  if (!record.assignments.some((assignment) => assignment.officialId === context.officialId)) return null;
  const mine = record.assignments.filter((assignment) => assignment.officialId === context.officialId);
  if (!mine.some((assignment) => inPeriod(vietnamDayOf(assignment.at), context.period))) return null;
  if (record.resolved) resolvedIds.add(record.caseId);
  const base = [
    record.received.eventId,
    ...mine.map((assignment) => assignment.eventId),
    ...(record.resolved ? [record.resolved.eventId] : []),
  ];
  const deadline =
    record.deadlines?.find((candidate) => candidate.step === 'resolve') ??
    record.deadlines?.find((candidate) => candidate.step === 'answer');
  if (deadline) {
    const timeliness: CaseTimeliness =
      deadline.status === 'met' ? 'on-time' : deadline.status === 'missed' ? 'late' : deadline.status === 'overdue' ? 'overdue' : 'open';
    const evidence = [...base, ...(deadline.completedByEventId ? [deadline.completedByEventId] : []), ...(deadline.evidence ?? [])];
    return { caseId: record.caseId, timeliness, judgedBy: 'deadline-calculator', dueAt: deadline.dueAt, evidence: unique(evidence) };
  }
  const dueAt = mine[mine.length - 1].dueAt;
  const timeliness: CaseTimeliness = record.resolved
    ? at(record.resolved.at) <= at(dueAt)
      ? 'on-time'
      : 'late'
    : at(context.asOf) > at(dueAt)
      ? 'overdue'
      : 'open';
  return { caseId: record.caseId, timeliness, judgedBy: 'assignment-due-date', dueAt, evidence: unique(base) };
}

/**
 * The acknowledgements and actions the official did on a day of the period, whoever recorded them: an act
 * is the official's a clerk named (byOfficialId), else the one the recording token named (CaseRecord.acts),
 * never the token's subject. Each counted once, by its own event.
 */
export function caseActs(cases: readonly CaseRecord[], context: CaseReportContext): CaseActs {
  const acknowledgements: string[] = [];
  const actions: string[] = [];
  for (const record of cases) {
    for (const act of record.acts ?? []) {
      if (act.officialId !== context.officialId || !inPeriod(vietnamDayOf(act.at), context.period)) continue;
      (act.kind === 'acknowledgement' ? acknowledgements : actions).push(act.eventId);
    }
  }
  const figure = (ids: readonly string[]): Figure => ({ count: ids.length, evidence: ids });
  return { acknowledgements: figure(acknowledgements), actions: figure(actions) };
}

/** The classification in force at the judged instant (the report's asOf), corrections applied. */
const classificationOf = (record: CaseRecord, context: CaseReportContext) => inForceAt(record.classifications, context.asOf);

/**
 * Must-report matters: cases classified must-report (by the classification in force as of the report,
 * as the timelines judge it) received, on a day of the period, in a unit the official was in charge of
 * that day. The official had to report them upward by the deadline of the rule book's report-upward
 * rule for the case's category, in force when its clock started, counted by the deadline calculator;
 * a report by someone else is shown but does not discharge the official's own duty.
 */
export function mustReportMatters(cases: readonly CaseRecord[], context: CaseReportContext): MustReportMatter[] {
  const officialsOwn = ownAssignments(context);
  // A loop rather than flatMap: a province's evaluation runs this over a hundred thousand cases.
  const found: MustReportMatter[] = [];
  for (const record of cases) {
    // The cheap tests first: a province's evaluation meets most cases here, and few were ever must-report.
    if (!record.classifications.some((classified) => classified.value === 'must-report')) continue;
    const day = vietnamDayOf(record.received.at);
    if (!inPeriod(day, context.period)) continue;
    const mine = inChargeOf(record.unitId, day, context, officialsOwn);
    if (mine.length === 0) continue;
    const classification = classificationOf(record, context);
    if (classification?.value !== 'must-report') continue;
    const due = upwardReportDeadline(record, context);
    const own = firstOf(record.reportsUpward.filter((report) => report.officialId === context.officialId));
    const others = record.reportsUpward.filter((report) => report.officialId !== context.officialId);
    const evidence = [
      record.received.eventId,
      classification.eventId,
      ...due.ruleEventIds,
      ...mine.flatMap((entry) => entry.evidence),
      ...(own ? [own.eventId] : []),
      ...others.map((report) => report.eventId),
    ];
    found.push({
      caseId: record.caseId,
      unitId: record.unitId,
      category: record.category,
      receivedAt: record.received.at,
      ruleId: due.ruleId,
      dueAt: due.dueAt,
      reportedAt: own?.at ?? null,
      status: due.unjudged?.reason ?? upwardReportStatus(own, due.dueAt, context.asOf),
      unjudged: due.unjudged,
      reportedByOthers: others.map(({ officialId, at: reportedAt, eventId }) => ({ officialId, at: reportedAt, eventId })),
      assignmentId: mine[0].assignment.assignmentId,
      evidence: unique(evidence),
    });
  }
  return found;
}

/**
 * Pre-emption: the upper level was informed (UpperLevelInformed) before anyone reported the case upward,
 * or with no report at all. It is attributed to every member in charge of the case's unit (where it was
 * received) on the Vietnamese day the upper level was first informed, and appears in this official's
 * review when they were one of them; the others are named. Which cases count is rules.preemptionScope.
 */
export function preemptions(cases: readonly CaseRecord[], context: CaseReportContext): Preemption[] {
  const officialsOwn = ownAssignments(context);
  // A loop rather than flatMap: a province's evaluation runs this over a hundred thousand cases.
  const found: Preemption[] = [];
  for (const record of cases) {
    if (record.upperLevelInformed.length === 0) continue; // the upper level never learned of it: no pre-emption
    const informed = firstOf(record.upperLevelInformed);
    const firstReport = firstOf(record.reportsUpward);
    if (!informed || (firstReport && at(firstReport.at) <= at(informed.at))) continue;
    const day = vietnamDayOf(informed.at);
    if (!inPeriod(day, context.period)) continue;
    // The official's own assignments first: walking everyone's is needed only for a case that is theirs.
    const mine = inChargeOf(record.unitId, day, context, officialsOwn);
    if (mine.length === 0) continue;
    const classification = classificationOf(record, context);
    if (!inScope(classification?.value ?? null, context.rules.preemptionScope)) continue;
    const responsible = inChargeOf(record.unitId, day, context);
    const informedBeforeReport = record.upperLevelInformed.filter((fact) => !firstReport || at(fact.at) < at(firstReport.at));
    const evidence = [
      record.received.eventId,
      ...(classification ? [classification.eventId] : []),
      ...informedBeforeReport.map((fact) => fact.eventId),
      ...(firstReport ? [firstReport.eventId] : []),
      ...responsible.flatMap((entry) => entry.evidence),
    ];
    found.push({
      caseId: record.caseId,
      unitId: record.unitId,
      classification: classification?.value ?? null,
      upperLevelInformedAt: informed.at,
      firstReportedAt: firstReport?.at ?? null,
      assignmentId: mine[0].assignment.assignmentId,
      alsoInCharge: unique(
        responsible.map((entry) => entry.assignment.officialId).filter((officialId) => officialId !== context.officialId),
      ),
      evidence: unique(evidence),
    });
  }
  return found;
}

function inScope(classification: CaseClassification | null, scope: ReportRules['preemptionScope']): boolean {
  switch (scope) {
    case 'any':
      return true;
    case 'must-report':
      return classification === 'must-report';
    case 'not-within-authority':
      return classification !== 'within-authority';
    default:
      return unhandled(scope);
  }
}

/** The upward report's deadline under the rule book, or why it cannot be judged. */
function upwardReportDeadline(
  record: CaseRecord,
  context: CaseReportContext,
): { ruleId: string | null; dueAt: string | null; ruleEventIds: readonly string[]; unjudged: Unjudged | null } {
  const moments = momentsOf(record);
  let clockStartedAt: string | null = null;
  for (const clockStartsAt of context.ruleBook.clockStartsFor(record.category, 'report-upward')) {
    const start = moments.find((moment) => moment.type === clockStartsAt);
    clockStartedAt ??= start?.at ?? null;
    const sourced = start && context.ruleBook.inForce(record.category, 'report-upward', clockStartsAt, start.at);
    if (!sourced) continue;
    const judged = { ruleId: sourced.rule.ruleId, ruleEventIds: sourced.eventIds };
    // A year outside the working-day calendar leaves this matter unjudged, not the whole review.
    const { deadline, unjudged } = judgeDeadline({
      rule: sourced.rule,
      moments,
      calendar: context.calendar,
      asOf: context.asOf,
      receivingUnitRemoteArea: context.tree.remoteAreaOf(record.unitId),
    });
    return { ...judged, dueAt: deadline?.dueAt ?? null, unjudged };
  }
  const unjudged = clockStartedAt
    ? noRuleFor(record.category, 'report-upward', clockStartedAt)
    : noClockStart(record.category, 'report-upward');
  return { ruleId: null, dueAt: null, ruleEventIds: [], unjudged };
}

/** By the official's own first report: in time or late; without one, never once due, else pending (also while the clock is stopped). */
function upwardReportStatus(own: TimedFact | null, dueAt: string | null, asOf: string): MustReportMatter['status'] {
  if (own) return dueAt === null || at(own.at) <= at(dueAt) ? 'on-time' : 'late';
  return dueAt !== null && at(asOf) > at(dueAt) ? 'never' : 'pending';
}

function unhandled(value: never): never {
  throw new Error(`Unhandled ${JSON.stringify(value)}`);
}
