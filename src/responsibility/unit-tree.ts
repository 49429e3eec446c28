import { vietnamDayOf, type CalendarDay } from '../calendar/calendar-day.js';
import { parentOn, parentPeriods } from '../organisation/unit-parents.js';
import type { UnitRecord } from './report-input.js';

/**
 * How a unit reaches the assigned unit: the merge and move events crossed on the way (empty for links
 * by the parents the units were registered under).
 */
export interface UnitLink {
  readonly treeEventIds: readonly string[];
}

/** A bound on the walk up the hierarchy, in case bad data makes a cycle. */
const MAX_DEPTH = 32;

/**
 * The hierarchy as it stood on a given day. A unit belongs to another when the other is itself or an
 * ancestor by the parent links of that day (a unit moved on 2025-07-01 belongs to its old parent's tree
 * until the day before, to the new one's from that day on), or by a merge: a unit merged into X belongs to X's tree from the Vietnamese
 * day of the merge onward, never before. So the member in charge of the continuing unit answers for the
 * absorbed unit's meetings, visits and cases only from the merge on; before it, those were someone
 * else's unit. An absorbed unit keeps its own tree (its cells stay its cells) after the merge.
 */
export class UnitTree {
  private static readonly built = new WeakMap<readonly UnitRecord[], UnitTree>();

  /**
   * The tree of these units, built once per list: the reviews of a group's officials share one list of
   * units, so they share one tree and the links it has already walked (a tree is a pure function of it).
   */
  static of(units: readonly UnitRecord[]): UnitTree {
    let tree = UnitTree.built.get(units);
    if (!tree) {
      tree = new UnitTree(units);
      UnitTree.built.set(units, tree);
    }
    return tree;
  }

  private readonly units: ReadonlyMap<string, UnitRecord>;
  /** Links already walked: a report asks the same question for every fact of a unit. */
  private readonly links = new Map<string, UnitLink | null>();
  /** Without merges or moves the hierarchy is the same on every day, and a link need not be walked again for another day. */
  private readonly changesOverTime: boolean;

  constructor(units: readonly UnitRecord[]) {
    this.units = new Map(units.map((unit) => [unit.unitId, unit]));
    this.changesOverTime = units.some((unit) => unit.mergedInto !== null || (unit.moves ?? []).length > 0);
  }

  /** The unit's remote-area designations, for the deadlines of the cases it received. */
  remoteAreaOf(unitId: string): NonNullable<UnitRecord['remoteArea']> {
    return this.units.get(unitId)?.remoteArea ?? [];
  }

  kindOf(unitId: string): UnitRecord['kind'] | null {
    return this.units.get(unitId)?.kind ?? null;
  }

  /** Every unit of a kind, registered at any time (the caller links them to a unit on a day). */
  unitIdsOfKind(kind: UnitRecord['kind']): string[] {
    return [...this.units.values()].filter((unit) => unit.kind === kind).map((unit) => unit.unitId);
  }

  /** How unitId belongs to ancestorId on the day, or null when it does not. */
  linkTo(unitId: string, ancestorId: string, day: CalendarDay): UnitLink | null {
    const key = this.changesOverTime ? `${unitId}\u0000${ancestorId}\u0000${day}` : `${unitId}\u0000${ancestorId}`;
    let link = this.links.get(key);
    if (link === undefined) {
      link = this.walk(unitId, ancestorId, day, [], new Set());
      this.links.set(key, link);
    }
    return link;
  }

  /**
   * How unitId is the Party committee of ancestorId on the day: the unit itself (a committee's meeting
   * recorded on the locality), or a party-committee unit directly under it (by parent, or merged into it
   * by then). A committee further down belongs to a subordinate locality, not to this one.
   */
  committeeLinkTo(unitId: string, ancestorId: string, day: CalendarDay): UnitLink | null {
    if (unitId === ancestorId) return { treeEventIds: [] };
    const unit = this.units.get(unitId);
    if (!unit || unit.kind !== 'party-committee') return null;
    const parent = parentOn(unit, day);
    if (parent === ancestorId) return { treeEventIds: moveOn(unit, day) };
    if (unit.mergedInto?.unitId === ancestorId && vietnamDayOf(unit.mergedInto.at) <= day)
      return { treeEventIds: [unit.mergedInto.eventId] };
    return null;
  }

  private walk(unitId: string, target: string, day: CalendarDay, merges: readonly string[], seen: Set<string>): UnitLink | null {
    if (unitId === target) return { treeEventIds: merges };
    if (seen.has(unitId) || seen.size >= MAX_DEPTH) return null;
    seen.add(unitId);
    const unit = this.units.get(unitId);
    if (!unit) return null;
    const steps: { next: string; merges: readonly string[] }[] = [];
    const parent = parentOn(unit, day);
    if (parent !== null) steps.push({ next: parent, merges: [...merges, ...moveOn(unit, day)] });
    if (unit.mergedInto && vietnamDayOf(unit.mergedInto.at) <= day)
      steps.push({ next: unit.mergedInto.unitId, merges: [...merges, unit.mergedInto.eventId] });
    for (const step of steps) {
      const link = this.walk(step.next, target, day, step.merges, seen);
      if (link) return link;
    }
    return null;
  }
}

/** The move that put the unit under its parent of the day, as evidence of the link; none for the registered parent. */
function moveOn(unit: UnitRecord, day: CalendarDay): string[] {
  if ((unit.moves ?? []).length === 0) return [];
  const period = parentPeriods(unit).find((stretch) => (stretch.from ?? '') <= day && (stretch.to === null || day < stretch.to));
  return period?.eventId ? [period.eventId] : [];
}
