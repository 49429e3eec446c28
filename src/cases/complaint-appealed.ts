import type { EventStore, RecordedEvent } from '../ledger/event-store.port.js';
import { metadataFollowing, secondEventId, type SecondStep } from '../ledger/second-step.js';
import { caseStream, type CaseAppealed } from './case.events.js';

const NAME = 'complaint-appealed';
const CASE_STREAM = 'case-';

const key = (secondLevelCaseId: string): string => `case-appealed:${secondLevelCaseId}`;

/** The link a second-level complaint's receipt calls for: a CaseReceived naming firstLevelCaseId. */
function appealOf(event: RecordedEvent): { firstLevelCaseId: string; data: CaseAppealed['data'] } | null {
  if (event.type !== 'CaseReceived' || !event.streamId.startsWith(CASE_STREAM)) return null;
  const { firstLevelCaseId, caseId } = event.data;
  if (typeof firstLevelCaseId !== 'string' || typeof caseId !== 'string') return null;
  return { firstLevelCaseId, data: { secondLevelCaseId: caseId, receiptEventId: event.eventId } };
}

/**
 * A second-level complaint names the first-level complaint it appeals: CaseReceived on case-<id>
 * carries firstLevelCaseId; this step records CaseAppealed on case-<firstLevelCaseId>, so the first
 * case's view, history and timeline show that it was appealed, and by which case.
 */
export const complaintAppealed: SecondStep = {
  name: NAME,

  calledFor(event) {
    const appeal = appealOf(event);
    return appeal ? key(appeal.data.secondLevelCaseId) : null;
  },

  settles(event) {
    if (event.type !== 'CaseAppealed') return null;
    const { secondLevelCaseId } = event.data;
    return typeof secondLevelCaseId === 'string' ? key(secondLevelCaseId) : null;
  },

  async write(store: EventStore, first: RecordedEvent): Promise<RecordedEvent> {
    const appeal = appealOf(first);
    if (!appeal) throw new Error(`Event ${first.eventId} appeals no first-level complaint.`);
    // The event id is derived from the receipt's, so the store's idempotency makes a repeat write nothing.
    const appended = await store.append(
      caseStream(appeal.firstLevelCaseId),
      [
        {
          eventId: secondEventId(NAME, first),
          type: 'CaseAppealed',
          schemaVersion: 1,
          data: appeal.data,
          metadata: metadataFollowing(first),
        },
      ],
      'any',
    );
    return appended.events[0];
  },
};
