import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../ledger/event-store.port.js';
import { foldStream } from '../ledger/command-handler.js';

/** Where a unit's stream is read from: the store, or the reads of one request (each stream read once). */
export interface StreamReader {
  readStream(streamId: string): Promise<readonly RecordedEvent[]>;
}
import { unitDecider, type UnitReference, type UnitState } from './unit.decider.js';
import { LOCALITY_KINDS, unitStream } from './unit.events.js';

/** Reads units for the commands that name them: their status, and the chain of their parents. */
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
   * The locality a unit is at: itself for a province, district or commune, else the nearest one above
   * it (a district's Party committee and its Standing Committee are at the district). Null if none.
   */
  async localityOf(unitId: string): Promise<string | null> {
    let current = await this.state(unitId);
    for (let depth = 0; current.status !== 'unregistered' && depth < 32; depth++) {
      if (LOCALITY_KINDS.includes(current.kind)) return current.unitId;
      if (current.parentId === null) return null;
      current = await this.state(current.parentId);
    }
    return null;
  }

  /** The unit's parents, nearest first, up to the root (bounded, in case of a cycle in bad data). */
  async ancestorsOf(unitId: string, reader: StreamReader = this.store): Promise<string[]> {
    const ancestors: string[] = [];
    let current = await this.state(unitId, reader);
    while (
      current.status !== 'unregistered' &&
      current.parentId !== null &&
      ancestors.length < 32 &&
      !ancestors.includes(current.parentId)
    ) {
      ancestors.push(current.parentId);
      current = await this.state(current.parentId, reader);
    }
    return ancestors;
  }
}
