/**
 * The tree of the day: a unit's parent changes when it is moved (Vietnam abolished the district level
 * on 2025-07-01 and put the communes under their province), so "which units are above U" is a question
 * about a day. A unit's history of parents is its parent at registration and its moves, each effective
 * from a Vietnamese calendar day (YYYY-MM-DD, compared as strings). Everything that asks who is above
 * a unit (upper levels, scopes, subtrees in lists, reviews and evaluations) asks it here.
 */

/** A move to a new parent, effective from the day `from` on (inclusive). */
export interface UnitParentChange {
  readonly parentId: string;
  readonly from: string;
  readonly eventId: string;
}

/** A unit's parents over time: the one it was registered under, then its moves in date order. */
export interface ParentHistory {
  readonly parentId: string | null;
  readonly moves?: readonly UnitParentChange[];
}

/** One stretch of a unit's parent: from `from` (null: since registration) to `to` (exclusive; null: still). */
export interface ParentPeriod {
  readonly parentId: string | null;
  readonly from: string | null;
  readonly to: string | null;
  /** The move that began the stretch; null for the parent the unit was registered under. */
  readonly eventId: string | null;
}

/** A bound on walks up the tree, in case bad data made a cycle. */
const MAX_DEPTH = 32;

/** The unit's parent on the day. */
export function parentOn(unit: ParentHistory, day: string): string | null {
  let parent = unit.parentId;
  for (const move of unit.moves ?? []) if (move.from <= day) parent = move.parentId;
  return parent;
}

/** The unit's parent today and ever after, once every recorded move has taken effect. */
export function latestParent(unit: ParentHistory): string | null {
  const moves = unit.moves ?? [];
  return moves.length === 0 ? unit.parentId : moves[moves.length - 1].parentId;
}

/** The stretches of the unit's parents, oldest first. */
export function parentPeriods(unit: ParentHistory): ParentPeriod[] {
  const moves = unit.moves ?? [];
  const periods: ParentPeriod[] = [{ parentId: unit.parentId, from: null, to: moves[0]?.from ?? null, eventId: null }];
  moves.forEach((move, index) =>
    periods.push({ parentId: move.parentId, from: move.from, to: moves[index + 1]?.from ?? null, eventId: move.eventId }),
  );
  return periods;
}

/** Every unit the unit has had as a parent at any time (for supersets: the reader then applies the dates). */
export function everyParent(unit: ParentHistory): string[] {
  const parents = [unit.parentId, ...(unit.moves ?? []).map((move) => move.parentId)];
  return [...new Set(parents.filter((id): id is string => id !== null))];
}

/** The unit's ancestors on the day, nearest first, up to the root. */
export function ancestorsOn(unitId: string, day: string, historyOf: (unitId: string) => ParentHistory | undefined): string[] {
  const ancestors: string[] = [];
  let current = historyOf(unitId);
  while (current && ancestors.length < MAX_DEPTH) {
    const parent = parentOn(current, day);
    if (parent === null || parent === unitId || ancestors.includes(parent)) break;
    ancestors.push(parent);
    current = historyOf(parent);
  }
  return ancestors;
}

/**
 * Every unit above the unit on some day from `from` on: the units a move effective on `from` must not
 * put the unit under, or the tree would have a cycle on that day or a later one. Each step follows a
 * parent only over the days it shares with the step below, so a parent before `from` never counts.
 */
export function ancestorsFrom(unitId: string, from: string, historyOf: (unitId: string) => ParentHistory | undefined): Set<string> {
  const found = new Set<string>();
  const walked = new Set<string>();
  const pending: { unitId: string; from: string; to: string | null; depth: number }[] = [{ unitId, from, to: null, depth: 0 }];
  while (pending.length > 0) {
    const step = pending.pop()!;
    const key = `${step.unitId}\u0000${step.from}\u0000${step.to ?? ''}`;
    const history = historyOf(step.unitId);
    if (!history || walked.has(key) || step.depth >= MAX_DEPTH) continue;
    walked.add(key);
    for (const period of parentPeriods(history)) {
      if (period.parentId === null) continue;
      const start = period.from === null || period.from < step.from ? step.from : period.from;
      const end = period.to === null ? step.to : step.to === null || period.to < step.to ? period.to : step.to;
      if (end !== null && end <= start) continue;
      found.add(period.parentId);
      pending.push({ unitId: period.parentId, from: start, to: end, depth: step.depth + 1 });
    }
  }
  return found;
}
