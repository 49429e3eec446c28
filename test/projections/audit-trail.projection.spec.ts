import { auditTrailProjection } from '../../src/audit/audit-trail.projection.js';
import { AuditTrailQuery, type AuditFilter } from '../../src/audit/audit-trail.query.js';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { projectionOnMemory, type ProjectionOnMemory } from '../support/projection-on-memory.js';
import { recorded } from './recorded-events.js';

/** Given these events (through the engine's writer, on :memory:), the audit trail answers with these entries. */
describe('the audit trail projection', () => {
  let audit: ProjectionOnMemory<string>;
  let query: AuditTrailQuery;

  const given = (...events: RecordedEvent[]): void => audit.given(events);
  const positions = (filter: Partial<AuditFilter>): number[] =>
    query.find({ after: 0, limit: 100, ...filter }).entries.map((entry) => entry.globalPosition);

  beforeEach(() => {
    audit = projectionOnMemory(auditTrailProjection);
    query = new AuditTrailQuery(audit.db);
  });
  afterEach(() => audit.close());

  it('writes one entry per event with both times, the actor, the hash chain and the aggregate', () => {
    given(recorded(1, 'case-2024-0001', 0, 'CaseReceived', { caseId: '2024-0001', unitId: 'gia-loc' }, '2024-03-08T16:30:00+07:00'));
    expect(query.find({ after: 0, limit: 10 })).toEqual({
      entries: [
        {
          globalPosition: 1,
          streamId: 'case-2024-0001',
          streamRevision: 0,
          eventId: '00000000-0000-4000-8000-000000000001',
          type: 'CaseReceived',
          occurredAt: '2024-03-08T16:30:00+07:00',
          recordedAt: '2024-03-09T01:00:05.000Z',
          actor: 'user:clerk-1',
          correlationId: 'corr-1',
          causationId: null,
          aggregate: { category: 'case', id: '2024-0001' },
          previousHash: null,
          hash: 'hash-of-case-2024-0001-0',
        },
      ],
      nextAfter: null,
    });
  });

  it("gives a unit's trail with the units merged into it, transitively, in global order", () => {
    given(
      recorded(1, 'unit-xa-a', 0, 'UnitRegistered', { unitId: 'xa-a' }),
      recorded(2, 'unit-xa-b', 0, 'UnitRegistered', { unitId: 'xa-b' }),
      recorded(3, 'unit-xa-c', 0, 'UnitRegistered', { unitId: 'xa-c' }),
      recorded(4, 'unit-xa-d', 0, 'UnitRegistered', { unitId: 'xa-d' }),
      recorded(5, 'case-1', 0, 'CaseReceived', { caseId: '1', unitId: 'xa-a' }),
      // c merges into b (recorded on both units), then b merges into a (only UnitMerged recorded: enough)
      recorded(6, 'unit-xa-c', 1, 'UnitMerged', { intoUnitId: 'xa-b' }),
      recorded(7, 'unit-xa-b', 1, 'UnitAbsorbed', { fromUnitId: 'xa-c' }),
      recorded(8, 'unit-xa-b', 2, 'UnitMerged', { intoUnitId: 'xa-a' }),
      recorded(9, 'unit-xa-a', 1, 'UnitRenamed', { name: 'Xã A', previousName: 'A' }),
    );
    expect(positions({ unitId: 'xa-a' })).toEqual([1, 2, 3, 6, 7, 8, 9]);
    expect(positions({ unitId: 'xa-b' })).toEqual([2, 3, 6, 7, 8]);
    expect(positions({ unitId: 'xa-c' })).toEqual([3, 6]);
    expect(positions({ unitId: 'xa-d' })).toEqual([4]);
  });

  it("selects a case's or an official's own stream, and the whole ledger without a subject", () => {
    given(
      recorded(1, 'official-nguyen-van-a', 0, 'OfficialRegistered'),
      recorded(2, 'case-7', 0, 'CaseReceived'),
      recorded(3, 'case-77', 0, 'CaseReceived'),
      recorded(4, 'case-7', 1, 'CaseAcknowledged'),
      recorded(5, 'official-nguyen-van-a', 1, 'ResponsibilityAssigned'),
    );
    expect(positions({ caseId: '7' })).toEqual([2, 4]);
    expect(positions({ officialId: 'nguyen-van-a' })).toEqual([1, 5]);
    expect(positions({ caseId: 'unknown' })).toEqual([]);
    expect(positions({})).toEqual([1, 2, 3, 4, 5]);
  });

  it('filters by occurredAt (from inclusive, to exclusive, offsets compared as instants) and by event type', () => {
    given(
      recorded(1, 'case-1', 0, 'CaseReceived', {}, '2024-01-01T06:59:59+07:00'), // 2023-12-31T23:59:59Z
      recorded(2, 'case-1', 1, 'CaseAcknowledged', {}, '2024-01-01T00:00:00Z'),
      recorded(3, 'case-1', 2, 'CaseClassified', {}, '2024-06-30T23:00:00Z'),
      recorded(4, 'case-1', 3, 'CaseResolved', {}, '2024-07-01T07:00:00+07:00'), // 2024-07-01T00:00:00Z
    );
    expect(positions({ from: Date.parse('2024-01-01T00:00:00Z'), to: Date.parse('2024-07-01T00:00:00Z') })).toEqual([2, 3]);
    expect(positions({ types: ['CaseReceived', 'CaseResolved'] })).toEqual([1, 4]);
    expect(positions({ caseId: '1', types: ['CaseClassified'], from: Date.parse('2024-01-01T00:00:00Z') })).toEqual([3]);
  });

  it('pages by a position cursor, saying where the next page starts and when there is none', () => {
    given(...Array.from({ length: 5 }, (_, index) => recorded(index + 1, 'case-1', index, 'CaseActionRecorded')));
    const first = query.find({ after: 0, limit: 2 });
    expect([first.entries.map((entry) => entry.globalPosition), first.nextAfter]).toEqual([[1, 2], 2]);
    const second = query.find({ after: 2, limit: 2 });
    expect([second.entries.map((entry) => entry.globalPosition), second.nextAfter]).toEqual([[3, 4], 4]);
    const last = query.find({ after: 4, limit: 2 });
    expect([last.entries.map((entry) => entry.globalPosition), last.nextAfter]).toEqual([[5], null]);
  });

  it('refuses two subjects at once and a range that ends before it starts', () => {
    expect(() => query.find({ after: 0, limit: 1, caseId: '1', unitId: 'a' })).toThrow(
      expect.objectContaining({ code: 'AUDIT.ONE_SUBJECT' }),
    );
    expect(() => query.find({ after: 0, limit: 1, from: 2, to: 1 })).toThrow(expect.objectContaining({ code: 'AUDIT.EMPTY_RANGE' }));
  });

  it('answers an empty page before the projection has a generation', () => {
    expect(query.find({ after: 0, limit: 10 })).toEqual({ entries: [], nextAfter: null });
  });
});
