import type { RecordedEvent } from '../ledger/event-store.port.js';
import { SqliteEventStore } from '../ledger/sqlite/sqlite-event-store.js';
import { complaintAppealed } from './complaint-appealed.js';

const metadata = { actor: 'clerk', correlationId: 'c-1', causationId: null, occurredAt: '2015-02-20T08:00:00+07:00' };
const receipt = (data: Record<string, unknown>) => ({
  eventId: '00000000-0000-4000-8000-000000000002',
  type: 'CaseReceived',
  schemaVersion: 1,
  data: { caseId: 'second', unitId: 'huyen', category: 'complaint-second-level', channel: 'letter', summary: 'Appeal', ...data },
  metadata,
});

/** Given the receipt of a second-level complaint naming the first, the step links the first to it, once. */
describe('the complaint-appealed second step', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
  });
  afterEach(() => store.close());

  it('is called for by a receipt naming a first-level case, and by no other', async () => {
    const [named] = (await store.append('case-second', [receipt({ firstLevelCaseId: 'first' })], 'no-stream')).events;
    const [plain] = (
      await store.append('case-other', [{ ...receipt({ caseId: 'other' }), eventId: '00000000-0000-4000-8000-000000000003' }], 'no-stream')
    ).events;
    expect(complaintAppealed.calledFor(named!)).toBe('case-appealed:second');
    expect(complaintAppealed.calledFor(plain!)).toBeNull();
  });

  it('records CaseAppealed on the first case, as the same act, and settles its key; a repeat writes nothing', async () => {
    const [first] = (await store.append('case-second', [receipt({ firstLevelCaseId: 'first' })], 'no-stream')).events;
    const written: RecordedEvent = await complaintAppealed.write(store, first!);
    expect(written).toMatchObject({
      streamId: 'case-first',
      type: 'CaseAppealed',
      data: { secondLevelCaseId: 'second', receiptEventId: first!.eventId },
      metadata: { actor: 'clerk', causationId: first!.eventId, occurredAt: metadata.occurredAt },
    });
    expect(complaintAppealed.settles(written)).toBe('case-appealed:second');
    await complaintAppealed.write(store, first!);
    expect((await store.readStream('case-first')).map((event) => event.type)).toEqual(['CaseAppealed']);
  });
});
