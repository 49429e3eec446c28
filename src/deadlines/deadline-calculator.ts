import { addCalendarDays, vietnamDayOf, endOfVietnamDay, type CalendarDay } from '../calendar/calendar-day.js';
import type { WorkingDayCalendar } from '../calendar/working-day-calendar.js';
import { EXTENDABLE_STEPS, STEP_COMPLETED_BY } from '../cases/case-event-catalogue.js';
import type { CaseMoment } from '../cases/case-facts.js';
import type { CaseComplexity } from '../cases/case.events.js';
import type { ResponsePolicyRule } from '../policies/policy.decider.js';
import type { ClockPause, ExtensionAllowance, Extensions, RemoteAreaLimits, ResumeMode } from '../policies/policy.events.js';
import { remoteAreaOn, type RemoteAreaChange } from '../organisation/unit-remote-area.js';
import { unhandled } from '../domain-kit/exhaustive.js';
import { DAY_MS, HOUR_MS, inVietnamTime } from '../domain-kit/time.js';

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
  /** The limit counted, in the rule's unit: the rule's, or its remote-area limit. */
  readonly limit: number;
  /** True when the rule's remote-area limits were applied: the receiving unit was a remote area on the receipt day. */
  readonly remoteArea: boolean;
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
  /** The case's history in stream order, corrections applied: CaseFacts.moments of the one fold. */
  readonly moments: readonly CaseMoment[];
  readonly calendar: WorkingDayCalendar;
  /** Judge as of this instant: later facts are ignored, and an unfinished step past due is overdue. */
  readonly asOf?: string;
  /** The remote-area designations of the unit that received the case (none: never a remote area). */
  readonly receivingUnitRemoteArea?: readonly RemoteAreaChange[];
}

/** Where a rule's clock runs in a case's history: from its starting fact to the fact that completes the step. */
export interface ClockWindow {
  /** -1 when the clock has not started. */
  readonly startIndex: number;
  /** -1 while the step is not done. */
  readonly completionIndex: number;
}

/**
 * When a step of a case was due under a rule, and whether it was done in time. Pure: the history, the
 * rule and the calendar in, the verdict out.
 *
 * Counting (Civil Code 91/2015/QH13 arts. 147–148): the day of the starting event is not counted; a
 * limit in days ends at the end of its last day; a limit in calendar days whose last day is a weekend
 * day or holiday ends at the end of the next working day. A pause stops the clock from the day after
 * it is paused to the day it resumes, both in Vietnam's calendar (the day of the pause counts, the day
 * of resumption does not); a limit in hours stops for the exact time. On resumption the clock either
 * continues or, for rules that say so, starts again with the whole limit. An extension counts for the
 * steps the handling's extensions are for (EXTENDABLE_STEPS), within the allowance for the case's
 * complexity, when granted before the deadline. When the rule has remote-area limits and the unit
 * that received the case was a remote area on the day (in Vietnam) it was received, those limits are
 * counted instead; a designation or lifting effective later does not change the case's limits.
 */
export function computeDeadline(query: DeadlineQuery): Deadline {
  const { rule, calendar, asOf } = query;
  const limitAt = asOf === undefined ? Infinity : Date.parse(asOf);
  const moments = query.moments.filter((moment) => Date.parse(moment.at) <= limitAt);
  const { startIndex, completionIndex } = clockWindowOf(rule, moments);
  const upToCompletion = completionIndex < 0 ? moments : moments.slice(0, completionIndex + 1);
  const complexity = latestComplexity(upToCompletion);
  const extendable = EXTENDABLE_STEPS[rule.step];
  const remote = remoteLimitsFor(rule, moments, query.receivingUnitRemoteArea);
  const limit = remote?.limit ?? rule.limit;
  const allowance = extendable ? remoteAllowance(allowanceFor(rule.extensions, complexity), complexity, remote) : { max: 0, lengthDays: 0 };
  const base = { ruleId: rule.ruleId, step: rule.step, complexity, limit, remoteArea: remote !== null, extensionsAllowed: allowance.max };
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
  const start = moments[startIndex];
  const window = moments.slice(startIndex + 1, completionIndex < 0 ? moments.length : completionIndex);
  const pauses = pausesOf(window, rule.pauses);
  const dueWith = (extraDays: number) => dueInstant(rule, limit, calendar, start.at, pauses, extraDays);

  const extensions: ExtensionJudgement[] = [];
  let counted = 0;
  for (const moment of extendable ? window : []) {
    if (moment.type !== 'CaseDeadlineExtended') continue;
    const due = dueWith(counted * allowance.lengthDays);
    const judgement =
      counted >= allowance.max
        ? 'beyond-allowance'
        : due !== null && Date.parse(moment.at) > Date.parse(due)
          ? 'after-deadline'
          : 'counted';
    if (judgement === 'counted') counted++;
    extensions.push({ eventId: moment.eventId, occurredAt: moment.at, recordedNewDueAt: moment.newDueAt, judgement });
  }

  const dueAt = dueWith(counted * allowance.lengthDays);
  const completion = completionIndex < 0 ? null : moments[completionIndex];
  const verdict = judge(dueAt, completion?.at ?? null, asOf);
  const endAt = completion?.at ?? asOf;
  return {
    ...base,
    clockStartedAt: start.at,
    baseDueAt: dueWith(0),
    dueAt,
    extensions,
    pauses,
    completedAt: completion?.at ?? null,
    completedByEventId: completion?.eventId ?? null,
    ...verdict,
    durationMs: endAt === undefined ? null : Date.parse(endAt) - Date.parse(start.at),
  };
}

/** The first fact that starts the rule's clock, and the first after it that completes its step. */
export function clockWindowOf(rule: Pick<ResponsePolicyRule, 'clockStartsAt' | 'step'>, moments: readonly CaseMoment[]): ClockWindow {
  const startIndex = moments.findIndex((moment) => moment.type === rule.clockStartsAt);
  const completing: readonly string[] = STEP_COMPLETED_BY[rule.step];
  const completionIndex =
    startIndex < 0 ? -1 : moments.findIndex((moment, index) => index > startIndex && completing.includes(moment.type));
  return { startIndex, completionIndex };
}

/** The complexity the last marking among these facts set. */
export function latestComplexity(moments: readonly CaseMoment[]): CaseComplexity | null {
  for (let index = moments.length - 1; index >= 0; index--) {
    const moment = moments[index];
    if (moment.type === 'CaseMarkedComplex') return moment.complexity;
  }
  return null;
}

/** The allowance for the case's complexity, falling back to the next less complex one the rule defines. */
export function allowanceFor(extensions: Extensions | null, complexity: CaseComplexity | null): ExtensionAllowance {
  if (extensions === null) return { max: 0, lengthDays: 0 };
  if (complexity === 'especially-complex') return extensions.especiallyComplex ?? extensions.complex ?? extensions;
  if (complexity === 'complex') return extensions.complex ?? extensions;
  return extensions;
}

/** The rule's remote-area limits when it has them and the receiving unit was a remote area on the receipt day; else null. */
export function remoteLimitsFor(
  rule: Pick<ResponsePolicyRule, 'remoteArea'>,
  moments: readonly CaseMoment[],
  designations: readonly RemoteAreaChange[] | undefined,
): RemoteAreaLimits | null {
  const received = moments.find((moment) => moment.type === 'CaseReceived');
  if (!rule.remoteArea || !received) return null;
  return remoteAreaOn(designations, vietnamDayOf(received.at)) ? rule.remoteArea : null;
}

/** A complex case's extensions in a remote area: as many as the rule allows, each as long as reaches the remote complex limit. */
function remoteAllowance(
  allowance: ExtensionAllowance,
  complexity: CaseComplexity | null,
  remote: RemoteAreaLimits | null,
): ExtensionAllowance {
  if (remote === null || remote.complexLimit === null || complexity === null || allowance.max === 0) return allowance;
  return { max: allowance.max, lengthDays: (remote.complexLimit - remote.limit) / allowance.max };
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

/** Pairs each pausing event with the next resuming event of the same pause; a second pause while stopped is ignored. */
function pausesOf(window: readonly CaseMoment[], definitions: readonly ClockPause[]): ClockPauseInterval[] {
  const intervals: ClockPauseInterval[] = [];
  let open: { definition: ClockPause; pausedAt: string } | null = null;
  for (const moment of window) {
    if (open === null) {
      const definition = definitions.find((candidate) => candidate.pausedBy === moment.type);
      if (definition) open = { definition, pausedAt: moment.at };
    } else if (moment.type === open.definition.resumedBy) {
      intervals.push({
        pausedAt: open.pausedAt,
        pausedBy: open.definition.pausedBy,
        resumedAt: moment.at,
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
  limit: number,
  calendar: WorkingDayCalendar,
  startedAt: string,
  pauses: readonly ClockPauseInterval[],
  extraDays: number,
): string | null {
  switch (rule.unit) {
    case 'hours': {
      const due = dueAfterHours(Date.parse(startedAt), limit * HOUR_MS + extraDays * DAY_MS, pauses);
      return due === null ? null : inVietnamTime(due);
    }
    case 'working-days': {
      const last = lastDayOf(vietnamDayOf(startedAt), limit + extraDays, pauses, (day) => calendar.isWorkingDay(day));
      return last === null ? null : endOfVietnamDay(last);
    }
    case 'calendar-days': {
      const last = lastDayOf(vietnamDayOf(startedAt), limit + extraDays, pauses, () => true);
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
