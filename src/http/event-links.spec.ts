import { citedEventIds, eventLink, withEventLinks } from './event-links.js';

const a = '11111111-1111-4111-8111-111111111111';
const b = '22222222-2222-4222-8222-222222222222';
const c = '33333333-3333-4333-8333-333333333333';

describe('links to the events an answer cites', () => {
  it('finds event ids in eventId, evidence and *EventId(s) fields, at any depth, once each', () => {
    const answer = {
      caseId: a, // an id, but not an event id field
      steps: [{ eventId: a }, { eventId: b }],
      deadlines: [{ evidence: { clockStartEventId: b, ruleEventIds: [c], completedByEventId: null } }],
      indicators: { received: { count: 2, evidence: [a, c] } },
    };
    expect(citedEventIds(answer)).toEqual([a, b, c]);
  });

  it('ignores strings that are not event ids, even in citing fields', () => {
    expect(citedEventIds({ eventId: 'not-an-id', evidence: ['x', 42] })).toEqual([]);
  });

  it('adds the links beside the answer without changing its fields', () => {
    const answer = { entries: [{ eventId: a, type: 'CaseReceived' }], nextAfter: null };
    expect(withEventLinks(answer)).toEqual({ ...answer, eventLinks: { [a]: eventLink(a) } });
    expect(eventLink(a)).toBe(`/api/v1/events/${a}`);
  });
});
