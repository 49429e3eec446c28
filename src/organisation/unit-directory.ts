import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../ledger/event-store.port.js';
import { foldStream } from '../ledger/command-handler.js';

/** Where a unit's stream is read from: the store, or the reads of one request (each stream read once). */
export interface StreamReader {
  readStream(streamId: string): Promise<readonly RecordedEvent[]>;
}
import { unitDecider, type UnitReference, type UnitState } from './unit.decider.js';
import { LOCALITY_KINDS, unitStream } from './unit.events.js';
import { ancestorsFrom, ancestorsOn, everyParent, type ParentHistory } from './unit-parents.js';

/** Reads units for the commands that name them: their status, and the chain of their parents on a day. */
@Injectable()
export class UnitDirectory {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async state(unitId: string, reader: StreamReader = this.store): Promise<UnitState> {
    return foldStream(unitDecider, await reader.readStream(unitStream(unitId)));
  }

  async reference(unitId: string): Promise<UnitReference> {
    const state = await this.state(unitId);
    return state.status === 'unregistered' ? { unitId, status: state.status } : { unitId, status: state.status, kind: state.kind };
  }

  /**
   * The locality a unit is at on the day: itself for a province, district or commune, else the nearest
   * one above it (a district's Party committee and its Standing Committee are at the district). Null if
   * none. Without a day, by the parents of today (every recorded move in effect).
   */
  async localityOf(unitId: string, day?: string, reader: StreamReader = this.store): Promise<string | null> {
    const tree = await this.treeAbove(unitId, reader);
    const unit = tree.get(unitId);
    if (!unit || unit.status === 'unregistered') return null;
    if (LOCALITY_KINDS.includes(unit.kind)) return unitId;
    for (const ancestorId of ancestorsOn(unitId, day ?? LATEST, historyIn(tree))) {
      const ancestor = tree.get(ancestorId);
      if (ancestor && ancestor.status !== 'unregistered' && LOCALITY_KINDS.includes(ancestor.kind)) return ancestorId;
    }
    return null;
  }

  /** The unit's parents on the day, nearest first, up to the root; without a day, by the parents of today. */
  async ancestorsOf(unitId: string, reader: StreamReader = this.store, day?: string): Promise<string[]> {
    return ancestorsOn(unitId, day ?? LATEST, historyIn(await this.treeAbove(unitId, reader)));
  }

  /** Every unit above the unit on some day from `from` on (what a move effective on `from` must not go under). */
  async aboveFrom(unitId: string, from: string, reader: StreamReader = this.store): Promise<string[]> {
    return [...ancestorsFrom(unitId, from, historyIn(await this.treeAbove(unitId, reader)))];
  }

  /** The states of the unit and of every unit that has been above it at any time (bounded, in case of a cycle). */
  private async treeAbove(unitId: string, reader: StreamReader): Promise<Map<string, UnitState>> {
    const tree = new Map<string, UnitState>();
    const pending = [unitId];
    while (pending.length > 0 && tree.size < MAX_UNITS_ABOVE) {
      const next = pending.shift()!;
      if (tree.has(next)) continue;
      const state = await this.state(next, reader);
      tree.set(next, state);
      if (state.status !== 'unregistered') pending.push(...everyParent(historyOf(state)));
    }
    return tree;
  }
}

/** A day after every effective day: the tree once every recorded move has taken effect. */
const LATEST = '9999-12-31';
const MAX_UNITS_ABOVE = 256;

function historyOf(state: Exclude<UnitState, { status: 'unregistered' }>): ParentHistory {
  return { parentId: state.registeredParentId, moves: state.moves };
}

function historyIn(tree: ReadonlyMap<string, UnitState>): (unitId: string) => ParentHistory | undefined {
  return (unitId) => {
    const state = tree.get(unitId);
    return state && state.status !== 'unregistered' ? historyOf(state) : undefined;
  };
}
