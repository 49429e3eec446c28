import { EVENT_CORRECTED, withCorrections } from '../../domain-kit/corrections.js';
import type { Fact } from '../../domain-kit/decider.js';
import { DomainError } from '../../domain-kit/domain-error.js';
import { isOffsetDateTime } from '../../domain-kit/offset-date-time.js';
import { toFact } from '../../ledger/command-handler.js';
import type { JsonObject, RecordedEvent } from '../../ledger/event-store.port.js';
import { caseDecider } from '../case.decider.js';
import type { CaseEvent } from '../case.events.js';
import type { CaseState } from '../case.state.js';
import { caseView } from '../http/case.view.js';
import { unhandled } from '../../domain-kit/exhaustive.js';

/**
 * Which facts of the stream a replay reads:
 *  - recorded: recordedAt <= asOf, what the ledger knew at that moment (a fact entered late, or a
 *    correction made later, is not part of it);
 *  - occurred: occurredAt <= asOf, what had happened by then as the ledger knows it now;
 *  - position: globalPosition <= asOf;
 *  - everything.
 */
export type HistorySelection =
  | { readonly by: 'everything' }
  | { readonly by: 'recorded' | 'occurred'; readonly asOf: string }
  | { readonly by: 'position'; readonly asOf: number };

export const HISTORY_TIME_BASES = ['recorded', 'occurred'] as const;
export type HistoryTimeBasis = (typeof HISTORY_TIME_BASES)[number];

export interface CaseHistoryStep {
  readonly eventId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: string;
  /** The official the actor is, as their token said; null for a user who is no official. */
  readonly officialId: string | null;
  readonly streamRevision: number;
  readonly globalPosition: number;
  readonly hash: string;
  /** As recorded: a later correction shows as its own step, never by rewriting this one. */
  readonly data: JsonObject;
  readonly stateAfter: Record<string, unknown>;
}

/** For a replay by a time: what the other time axis would show at the same asOf. */
export interface OtherAxis {
  readonly by: HistoryTimeBasis;
  readonly steps: number;
}

export interface CaseHistory {
  readonly caseId: string;
  readonly asOf: string | number | null;
  /** The axis the replay used: recordedAt (the default for a time), occurredAt, a global position, or everything. */
  readonly by: HistorySelection['by'];
  /** For a replay by a time, the steps the other axis would give; null otherwise. */
  readonly otherAxis: OtherAxis | null;
  /** Said when the axis used shows nothing while the other would (a history recorded after the fact, say); null otherwise. */
  readonly note: string | null;
  readonly state: Record<string, unknown>;
  readonly steps: readonly CaseHistoryStep[];
}

const GLOBAL_POSITION = /^\d{1,15}$/;

/** The query's asOf (a date-time with an offset, or a global position) and by, or a 400 saying what is wrong. */
export function historySelection(asOf: string | undefined, by: HistoryTimeBasis | undefined): HistorySelection {
  if (asOf === undefined) {
    if (by !== undefined) throw invalidAsOf('by needs asOf: give asOf as a date-time with an offset.');
    return { by: 'everything' };
  }
  if (GLOBAL_POSITION.test(asOf)) {
    if (by !== undefined) throw invalidAsOf('by applies to a date-time asOf, not to a global position.');
    return { by: 'position', asOf: Number(asOf) };
  }
  const given = asOf.slice(0, 40);
  if (isOffsetDateTime(asOf)) return { by: by ?? 'recorded', asOf };
  throw invalidAsOf(
    `asOf ${given} is neither a date-time with an offset (2026-03-09T08:00:00+07:00) nor a global position (a whole number).`,
  );
}

/**
 * The case at the selected moment and every step that led there, from its stream alone. Each step's
 * state is the fold of the facts up to it with the corrections among them applied, as the ledger's
 * command handler folds a stream: the state after a correction shows the corrected event.
 */
export function replayCase(caseId: string, recorded: readonly RecordedEvent[], selection: HistorySelection): CaseHistory {
  const selected = recorded.filter(selects(selection));
  const facts: Fact<CaseEvent>[] = [];
  let state: CaseState = caseDecider.initialState;
  const steps = selected.map((event): CaseHistoryStep => {
    const fact = toFact(event) as Fact<CaseEvent>;
    facts.push(fact);
    // A correction changes an earlier fact: fold again. Anything else only adds to the state.
    state =
      fact.type === EVENT_CORRECTED
        ? withCorrections(facts).reduce(caseDecider.evolve, caseDecider.initialState)
        : caseDecider.evolve(state, fact);
    const { eventId, type, recordedAt, streamRevision, globalPosition, hash, data, metadata } = event;
    return {
      eventId,
      type,
      occurredAt: metadata.occurredAt,
      recordedAt,
      actor: metadata.actor,
      officialId: metadata.officialId ?? null,
      streamRevision,
      globalPosition,
      hash,
      data,
      stateAfter: caseView(state),
    };
  });
  const otherAxis = otherAxisOf(recorded, selection);
  return {
    caseId,
    asOf: selection.by === 'everything' ? null : selection.asOf,
    by: selection.by,
    otherAxis,
    note:
      otherAxis && steps.length === 0 && otherAxis.steps > 0
        ? noteFor(otherAxis, selection.by === 'everything' ? null : selection.asOf)
        : null,
    state: caseView(state),
    steps,
  };
}

function otherAxisOf(recorded: readonly RecordedEvent[], selection: HistorySelection): OtherAxis | null {
  if (selection.by !== 'recorded' && selection.by !== 'occurred') return null;
  const by = selection.by === 'recorded' ? 'occurred' : 'recorded';
  return { by, steps: recorded.filter(selects({ by, asOf: selection.asOf })).length };
}

/** `other` is the axis not used: its steps are the facts the replay would show by it. */
function noteFor(other: OtherAxis, asOf: string | number | null): string {
  return other.by === 'occurred'
    ? `Nothing of this case was recorded in the ledger by ${asOf}, but ${other.steps} of its facts had occurred by then (recorded later): ask with by=occurred to see them.`
    : `Nothing of this case had occurred by ${asOf}, but ${other.steps} of its facts were already recorded by then (with a later occurredAt): ask with by=recorded to see them.`;
}

function selects(selection: HistorySelection): (event: RecordedEvent) => boolean {
  switch (selection.by) {
    case 'everything':
      return () => true;
    case 'position':
      return (event) => event.globalPosition <= selection.asOf;
    case 'recorded': {
      const limit = Date.parse(selection.asOf);
      return (event) => Date.parse(event.recordedAt) <= limit;
    }
    case 'occurred': {
      const limit = Date.parse(selection.asOf);
      return (event) => Date.parse(event.metadata.occurredAt) <= limit;
    }
    default:
      return unhandled(selection);
  }
}

function invalidAsOf(message: string): DomainError {
  return new DomainError('CASE_HISTORY.AS_OF_INVALID', message, 'invalid');
}
