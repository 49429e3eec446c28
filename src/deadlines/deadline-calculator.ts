import { addCalendarDays, vietnamDayOf, endOfVietnamDay, type CalendarDay } from '../calendar/calendar-day.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import type { CaseComplexity } from '../cases/case.events.js';
import { EVENT_CORRECTED, withCorrections } from '../domain-kit/corrections.js';
import type { DomainEvent, Fact } from '../domain-kit/decider.js';
import type { ResponsePolicyRule } from '../policies/policy.decider.js';
import type { ClockPause, ExtensionAllowance, Extensions, ResumeMode } from '../policies/policy.events.js';
import { STEP_COMPLETED_BY } from './case-clock-events.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** met/missed: the step was done in time or late; overdue: not done and past due as of asOf. */
export type DeadlineStatus = 'not-started' | 'running' | 'paused' | 'met' | 'missed' | 'overdue';

export interface ClockPauseInterval {
  readonly pausedAt: string;
  readonly pausedBy: string;
  /** Null while the clock is still stopped. */
  readonly resumedAt: string | null;
  readonly onResume: ResumeMode;
}

export interface ExtensionJudgement {
  readonly eventId: string;
  readonly occurredAt: string;
  /** The due date the recorder wrote in CaseDeadlineExtended; the rule's length is what counts here. */
  readonly recordedNewDueAt: string | null;
  /** counted: within the allowance and before the deadline; otherwise why it does not count. */
  readonly judgement: 'counted' | 'beyond-allowance' | 'after-deadline';
}

export interface Deadline {
  readonly ruleId: string;
  readonly step: ResponsePolicyRule['step'];
  readonly clockStartedAt: string | null;
  /** Without any extension; null before the clock starts or while it is stopped. */
  readonly baseDueAt: string | null;
  /** With the counted extensions. Day limits end at 23:59:59.999+07:00 of their last day; hours are exact. */
  readonly dueAt: string | null;
  readonly complexity: CaseComplexity | null;
  readonly extensionsAllowed: number;
  readonly extensions: readonly ExtensionJudgement[];
  readonly pauses: readonly ClockPauseInterval[];
  readonly completedAt: string | null;
  readonly completedByEventId: string | null;
  readonly status: DeadlineStatus;
  /** Null while it can still go either way. */
  readonly met: boolean | null;
  /** From the clock's start to completion (or to asOf): wall-clock time, pauses included. */
  readonly durationMs: number | null;
}

export interface DeadlineQuery {
  readonly rule: ResponsePolicyRule;
  /** The case's facts in stream order; corrections are applied here. Pause events may be any type the rule names. */
  readonly facts: readonly Fact<DomainEvent>[];
  readonly calendar: WorkingDayCalendar;
  /** Judge as of this instant: later facts are ignored, and an unfinished step past due is overdue. */
  readonly asOf?: string;
}

/**
 * When a step of a case was due under a rule, and whether it was done in time. Pure: the facts, the
 * rule and the calendar in, the verdict out.
 *
 * Counting (Civil Code 91/2015/QH13 arts. 147–148): the day of the starting event is not counted; a
 * limit in days ends at the end of its last day; a limit in calendar days whose last day is a weekend
 * day or holiday ends at the end of the next working day. A pause stops the clock from the day after
 * it is paused to the day it resumes, both in Vietnam's calendar (the day of the pause counts, the day
 * of resumption does not); a limit in hours stops for the exact time. On resumption the clock either
 * continues or, for rules that say so, starts again with the whole limit.
 */
export function computeDeadline(query: DeadlineQuery): Deadline {
  const { rule, calendar, asOf } = query;
  const limitAt = asOf === undefined ? Infinity : Date.parse(asOf);
  const facts = withCorrections(query.facts).filter((fact) => fact.type !== EVENT_CORRECTED && Date.parse(fact.occurredAt) <= limitAt);
  const startIndex = facts.findIndex((fact) => fact.type === rule.clockStartsAt);
  const completing: readonly string[] = STEP_COMPLETED_BY[rule.step];
  const completionIndex = startIndex < 0 ? -1 : facts.findIndex((fact, index) => index > startIndex && completing.includes(fact.type));
  const upToCompletion = completionIndex < 0 ? facts : facts.slice(0, completionIndex + 1);
  const complexity = latestComplexity(upToCompletion);
  const allowance = allowanceFor(rule.extensions, complexity);
  const base = { ruleId: rule.ruleId, step: rule.step, complexity, extensionsAllowed: allowance.max };
  if (startIndex < 0) {
    return {
      ...base,
      clockStartedAt: null,
      baseDueAt: null,
      dueAt: null,
      extensions: [],
      pauses: [],
      completedAt: null,
      completedByEventId: null,
      status: 'not-started',
      met: null,
      durationMs: null,
    };
  }
  const start = facts[startIndex];
  const window = facts.slice(startIndex + 1, completionIndex < 0 ? facts.length : completionIndex);
  const pauses = pausesOf(window, rule.pauses);
  const dueWith = (extraDays: number) => dueInstant(rule, calendar, start.occurredAt, pauses, extraDays);

  const extensions: ExtensionJudgement[] = [];
  let counted = 0;
  for (const fact of window.filter((candidate) => candidate.type === 'CaseDeadlineExtended')) {
    const due = dueWith(counted * allowance.lengthDays);
    const judgement =
      counted >= allowance.max
        ? 'beyond-allowance'
        : due !== null && Date.parse(fact.occurredAt) > Date.parse(due)
          ? 'after-deadline'
          : 'counted';
    if (judgement === 'counted') counted++;
    const newDueAt = (fact.data as { newDueAt?: unknown }).newDueAt;
    extensions.push({
      eventId: fact.eventId,
      occurredAt: fact.occurredAt,
      recordedNewDueAt: typeof newDueAt === 'string' ? newDueAt : null,
      judgement,
    });
  }

  const dueAt = dueWith(counted * allowance.lengthDays);
  const completion = completionIndex < 0 ? null : facts[completionIndex];
  const verdict = judge(dueAt, completion?.occurredAt ?? null, asOf);
  const endAt = completion?.occurredAt ?? asOf;
  return {
    ...base,
    clockStartedAt: start.occurredAt,
    baseDueAt: dueWith(0),
    dueAt,
    extensions,
    pauses,
    completedAt: completion?.occurredAt ?? null,
    completedByEventId: completion?.eventId ?? null,
    ...verdict,
    durationMs: endAt === undefined ? null : Date.parse(endAt) - Date.parse(start.occurredAt),
  };
}

/** The allowance for the case's complexity, falling back to the next less complex one the rule defines. */
export function allowanceFor(extensions: Extensions | null, complexity: CaseComplexity | null): ExtensionAllowance {
  if (extensions === null) return { max: 0, lengthDays: 0 };
  if (complexity === 'especially-complex') return extensions.especiallyComplex ?? extensions.complex ?? extensions;
  if (complexity === 'complex') return extensions.complex ?? extensions;
  return extensions;
}

function judge(dueAt: string | null, completedAt: string | null, asOf: string | undefined): Pick<Deadline, 'status' | 'met'> {
  if (completedAt !== null) {
    const met = dueAt === null || Date.parse(completedAt) <= Date.parse(dueAt);
    return { status: met ? 'met' : 'missed', met };
  }
  if (dueAt === null) return { status: 'paused', met: null };
  if (asOf !== undefined && Date.parse(asOf) > Date.parse(dueAt)) return { status: 'overdue', met: false };
  return { status: 'running', met: null };
}

function latestComplexity(facts: readonly Fact<DomainEvent>[]): CaseComplexity | null {
  const marked = facts.filter((fact) => fact.type === 'CaseMarkedComplex');
  return marked.length === 0 ? null : (marked[marked.length - 1].data as { complexity: CaseComplexity }).complexity;
}

/** Pairs each pausing event with the next resuming event of the same pause; a second pause while stopped is ignored. */
function pausesOf(window: readonly Fact<DomainEvent>[], definitions: readonly ClockPause[]): ClockPauseInterval[] {
  const intervals: ClockPauseInterval[] = [];
  let open: { definition: ClockPause; pausedAt: string } | null = null;
  for (const fact of window) {
    if (open === null) {
      const definition = definitions.find((candidate) => candidate.pausedBy === fact.type);
      if (definition) open = { definition, pausedAt: fact.occurredAt };
    } else if (fact.type === open.definition.resumedBy) {
      intervals.push({
        pausedAt: open.pausedAt,
        pausedBy: open.definition.pausedBy,
        resumedAt: fact.occurredAt,
        onResume: open.definition.onResume,
      });
      open = null;
    }
  }
  if (open)
    intervals.push({ pausedAt: open.pausedAt, pausedBy: open.definition.pausedBy, resumedAt: null, onResume: open.definition.onResume });
  return intervals;
}

function dueInstant(
  rule: ResponsePolicyRule,
  calendar: WorkingDayCalendar,
  startedAt: string,
  pauses: readonly ClockPauseInterval[],
  extraDays: number,
): string | null {
  switch (rule.unit) {
    case 'hours': {
      const due = dueAfterHours(Date.parse(startedAt), rule.limit * HOUR_MS + extraDays * DAY_MS, pauses);
      return due === null ? null : vietnamTime(due);
    }
    case 'working-days': {
      const last = lastDayOf(vietnamDayOf(startedAt), rule.limit + extraDays, pauses, (day) => calendar.isWorkingDay(day));
      return last === null ? null : endOfVietnamDay(last);
    }
    case 'calendar-days': {
      const last = lastDayOf(vietnamDayOf(startedAt), rule.limit + extraDays, pauses, () => true);
      return last === null ? null : endOfVietnamDay(calendar.nextWorkingDayFrom(last));
    }
    default:
      return unhandled(rule.unit);
  }
}

function dueAfterHours(startedAt: number, budget: number, pauses: readonly ClockPauseInterval[]): number | null {
  let from = startedAt;
  let remaining = budget;
  for (const pause of pauses) {
    const pausedAt = Date.parse(pause.pausedAt);
    if (pausedAt >= from + remaining) break;
    if (pause.resumedAt === null) return null;
    remaining = pause.onResume === 'restart' ? budget : remaining - Math.max(0, pausedAt - from);
    from = Date.parse(pause.resumedAt);
  }
  return from + remaining;
}

/** Walks the days after the start, counting those that count, skipping the suspended ones. */
function lastDayOf(
  startDay: CalendarDay,
  budget: number,
  pauses: readonly ClockPauseInterval[],
  counts: (day: CalendarDay) => boolean,
): CalendarDay | null {
  let day = startDay;
  let consumed = 0;
  let next = 0;
  for (;;) {
    const pause = pauses[next];
    if (pause && day >= vietnamDayOf(pause.pausedAt)) {
      if (pause.resumedAt === null) return null;
      const resumedOn = vietnamDayOf(pause.resumedAt);
      if (resumedOn > day) day = resumedOn;
      if (pause.onResume === 'restart') consumed = 0;
      next++;
      continue;
    }
    day = addCalendarDays(day, 1);
    if (counts(day) && ++consumed >= budget) return day;
  }
}

/** An instant as Vietnam's clock shows it, with its offset. */
function vietnamTime(time: number): string {
  return `${new Date(time + 7 * HOUR_MS).toISOString().slice(0, 23)}+07:00`;
}

function unhandled(value: never): never {
  throw new Error(`Unhandled ${JSON.stringify(value)}`);
}
