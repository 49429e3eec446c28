import type { CaseReceived } from '../cases/case.events.js';
import { caseStream } from '../cases/case.events.js';
import type { EventStore, JsonObject, RecordedEvent } from '../ledger/event-store.port.js';
import { ConcurrencyError } from '../ledger/ledger.errors.js';
import { metadataFollowing, secondEventId, type SecondStep } from '../ledger/second-step.js';

const NAME = 'finding-opens-case';

/** The receipt a finding carries, when it opens a case. */
function receiptOf(event: RecordedEvent): CaseReceived['data'] | null {
  if (event.type !== 'VisitFindingRecorded') return null;
  const receipt = event.data.caseReceipt;
  return typeof receipt === 'object' && receipt !== null && !Array.isArray(receipt) && typeof receipt.caseId === 'string'
    ? (receipt as unknown as CaseReceived['data'])
    : null;
}

const key = (caseId: string): string => `case-received:${caseId}`;

/**
 * A visit finding that opens a case: VisitFindingRecorded on visit-<id> carries the case's whole
 * CaseReceived data; this step records it as the first event of case-<caseId>.
 */
export const findingOpensCase: SecondStep = {
  name: NAME,

  calledFor(event) {
    const receipt = receiptOf(event);
    return receipt ? key(receipt.caseId) : null;
  },

  settles(event) {
    return event.type === 'CaseReceived' && typeof event.data.caseId === 'string' ? key(event.data.caseId) : null;
  },

  async write(store: EventStore, first: RecordedEvent): Promise<RecordedEvent> {
    const receipt = receiptOf(first);
    if (!receipt) throw new Error(`Event ${first.eventId} opens no case.`);
    const stream = caseStream(receipt.caseId);
    try {
      const appended = await store.append(
        stream,
        [
          {
            eventId: secondEventId(NAME, first),
            type: 'CaseReceived',
            schemaVersion: 1,
            data: receipt as unknown as JsonObject,
            metadata: metadataFollowing(first),
          },
        ],
        'no-stream',
      );
      return appended.events[0];
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      // The case exists without this event: received some other way, so the finding's case is there.
      const [received] = await store.readStream(stream, { maxCount: 1 });
      if (received?.type === 'CaseReceived') return received;
      throw error;
    }
  },
};
