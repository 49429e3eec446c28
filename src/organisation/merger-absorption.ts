import type { EventStore, RecordedEvent } from '../ledger/event-store.port.js';
import { metadataFollowing, secondEventId, type SecondStep } from '../ledger/second-step.js';
import { unitIdOfStream, unitStream, type UnitAbsorbed } from './unit.events.js';

const NAME = 'merger-absorption';

const key = (intoUnitId: string, fromUnitId: string): string => `unit-absorbed:${intoUnitId}:${fromUnitId}`;

/**
 * A merger: UnitMerged on the unit that ceases names the unit that continues; this step records
 * UnitAbsorbed on the continuing unit, so its history reaches the merged one's. The absorption
 * follows from the merger whatever has happened to the continuing unit since: it is a link in the
 * history, not a new decision.
 */
export const mergerAbsorption: SecondStep = {
  name: NAME,

  calledFor(event) {
    if (event.type !== 'UnitMerged' || typeof event.data.intoUnitId !== 'string') return null;
    const merged = unitIdOfStream(event.streamId);
    return merged === null ? null : key(event.data.intoUnitId, merged);
  },

  settles(event) {
    if (event.type !== 'UnitAbsorbed' || typeof event.data.fromUnitId !== 'string') return null;
    const continuing = unitIdOfStream(event.streamId);
    return continuing === null ? null : key(continuing, event.data.fromUnitId);
  },

  async write(store: EventStore, first: RecordedEvent): Promise<RecordedEvent> {
    const fromUnitId = unitIdOfStream(first.streamId);
    if (first.type !== 'UnitMerged' || fromUnitId === null) throw new Error(`Event ${first.eventId} is no merger.`);
    const into = unitStream(first.data.intoUnitId as string);
    // An absorption recorded before this step derived its id (or by an earlier attempt) is the one.
    const earlier = (await store.readStream(into)).find((event) => event.type === 'UnitAbsorbed' && event.data.fromUnitId === fromUnitId);
    if (earlier) return earlier;
    const data: UnitAbsorbed['data'] = { fromUnitId };
    const appended = await store.append(
      into,
      [{ eventId: secondEventId(NAME, first), type: 'UnitAbsorbed', schemaVersion: 1, data, metadata: metadataFollowing(first) }],
      'any',
    );
    return appended.events[0];
  },
};
