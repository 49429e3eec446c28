import { caseStream, type CaseFindingLinked } from '../cases/case.events.js';
import type { EventStore, RecordedEvent } from '../ledger/event-store.port.js';
import { metadataFollowing, secondEventId, type SecondStep } from '../ledger/second-step.js';

const NAME = 'finding-concerns-case';
const VISIT_STREAM = 'visit-';

const key = (visitId: string, findingId: string): string => `case-finding-linked:${visitId}:${findingId}`;

/** The link a finding about an existing case calls for: caseId set and no receipt (see VisitFindingRecorded). */
function linkOf(event: RecordedEvent): { caseId: string; data: CaseFindingLinked['data'] } | null {
  if (event.type !== 'VisitFindingRecorded' || !event.streamId.startsWith(VISIT_STREAM)) return null;
  const { caseId, caseReceipt, findingId, text, severity } = event.data;
  if (typeof caseId !== 'string' || caseReceipt !== null || typeof findingId !== 'string' || typeof text !== 'string') return null;
  const visitId = event.streamId.slice(VISIT_STREAM.length);
  const level = severity === 'low' || severity === 'medium' || severity === 'high' ? severity : null;
  return { caseId, data: { visitId, findingId, findingEventId: event.eventId, text, severity: level } };
}

/**
 * A visit finding about an existing case: VisitFindingRecorded on visit-<id> names the case; this step
 * records CaseFindingLinked on case-<caseId>, so the case's history and timeline show the finding. The
 * link follows from the finding whatever the case has become since (resolved, closed): it is evidence
 * of what the visit found, not a handling decision.
 */
export const findingConcernsCase: SecondStep = {
  name: NAME,

  calledFor(event) {
    const link = linkOf(event);
    return link ? key(link.data.visitId, link.data.findingId) : null;
  },

  settles(event) {
    if (event.type !== 'CaseFindingLinked') return null;
    const { visitId, findingId } = event.data;
    return typeof visitId === 'string' && typeof findingId === 'string' ? key(visitId, findingId) : null;
  },

  async write(store: EventStore, first: RecordedEvent): Promise<RecordedEvent> {
    const link = linkOf(first);
    if (!link) throw new Error(`Event ${first.eventId} concerns no existing case.`);
    const stream = caseStream(link.caseId);
    const eventId = secondEventId(NAME, first);
    // The event id is derived from the finding's, so the store's idempotency makes a repeat write nothing.
    const appended = await store.append(
      stream,
      [{ eventId, type: 'CaseFindingLinked', schemaVersion: 1, data: link.data, metadata: metadataFollowing(first) }],
      'any',
    );
    return appended.events[0];
  },
};
