import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../ledger/event-store.port.js';
import { foldStream } from '../ledger/command-handler.js';
import { officialDecider, type OfficialReference, type OfficialState } from './official.decider.js';
import { officialStream } from './official.events.js';

export type { OfficialReference } from './official.decider.js';

/** Reads officials for the commands that name them (meetings, cases, visits, reviews). */
@Injectable()
export class OfficialDirectory {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async state(officialId: string): Promise<OfficialState> {
    return foldStream(officialDecider, await this.store.readStream(officialStream(officialId)));
  }

  async reference(officialId: string): Promise<OfficialReference> {
    const state = await this.state(officialId);
    return { officialId, status: state.status, leftAt: state.status === 'unregistered' ? null : (state.departure?.leftAt ?? null) };
  }

  async references(officialIds: readonly string[]): Promise<OfficialReference[]> {
    return Promise.all(officialIds.map((officialId) => this.reference(officialId)));
  }
}
