/** Where one event is served as evidence (its envelope, hash chain and inclusion proof). */
export const EVENT_EVIDENCE_PATH = '/api/v1/events';

export function eventLink(eventId: string): string {
  return `${EVENT_EVIDENCE_PATH}/${eventId}`;
}

export interface EventLinks {
  /** Each event id the answer cites, mapped to GET /api/v1/events/{eventId}, which opens it as evidence. */
  readonly eventLinks: Record<string, string>;
}

const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Fields that cite events: `eventId`, `evidence`, and any name ending in EventId or EventIds
 * (clockStartEventId, ruleEventIds, evidenceEventIds...). One rule for every read side, so a new
 * evidence field is linked without anyone remembering to.
 */
const CITING_FIELD = /^(eventId|evidence|.*EventIds?)$/;

/** Every event id the value cites, in first-seen order. */
export function citedEventIds(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (node: unknown, citing: boolean): void => {
    if (typeof node === 'string') {
      if (citing && EVENT_ID.test(node)) found.add(node);
    } else if (Array.isArray(node)) {
      for (const item of node) visit(item, citing);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) visit(child, CITING_FIELD.test(key));
    }
  };
  visit(value, false);
  return [...found];
}

/**
 * The answer with `eventLinks` added: each event id it cites as evidence, mapped to the link that
 * opens that event. The cited fields stay as they were, so existing clients read the answer unchanged.
 */
export function withEventLinks<T extends object>(answer: T): T & EventLinks {
  return { ...answer, eventLinks: Object.fromEntries(citedEventIds(answer).map((eventId) => [eventId, eventLink(eventId)])) };
}
