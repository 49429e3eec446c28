import { personalDataReadsProjection } from '../../src/personal-data/personal-data-reads.projection.js';
import { PersonalDataReadsQuery, type PersonalDataReadsFilter } from '../../src/personal-data/personal-data-reads.query.js';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { recorded } from './recorded-events.js';
import { projectionOnMemory, type ProjectionOnMemory } from '../support/projection-on-memory.js';

const read = (position: number, subjectId: string, reader: string, occurredAt: string) =>
  recorded(
    position,
    `subject-${subjectId}`,
    position,
    'PersonalDataRead',
    {
      subjectId,
      reader,
      roles: ['inspector'],
      route: 'GET /api/v1/cases/:caseId',
      correlationId: `corr-${position}`,
      caseId: subjectId.slice('reporter-'.length),
    },
    occurredAt,
  );

/** Given these events (through the engine's writer, on :memory:), the reads list answers with these rows. */
describe('the personal-data reads projection', () => {
  let reads: ProjectionOnMemory<string>;
  let query: PersonalDataReadsQuery;

  const given = (...events: RecordedEvent[]): void => {
    reads.given(events);
  };
  const positions = (filter: Partial<PersonalDataReadsFilter>): number[] =>
    query.find({ after: 0, limit: 100, ...filter }).reads.map((entry) => entry.globalPosition);

  beforeEach(() => {
    reads = projectionOnMemory(personalDataReadsProjection);
    query = new PersonalDataReadsQuery(reads.db);
  });
  afterEach(() => reads.close());

  it('keeps one row per read, with who, which roles, which route and correlation, and nothing else of the ledger', () => {
    given(
      recorded(1, 'case-c1', 0, 'CaseReceived', { caseId: 'c1' }),
      read(2, 'reporter-c1', 'user-1', '2024-03-09T08:00:00+07:00'),
      recorded(3, 'subject-reporter-c1', 1, 'PersonalDataErased', { subjectId: 'reporter-c1' }),
    );
    expect(query.find({ after: 0, limit: 10 })).toEqual({
      reads: [
        {
          globalPosition: 2,
          eventId: '00000000-0000-4000-8000-000000000002',
          subjectId: 'reporter-c1',
          reader: 'user-1',
          roles: ['inspector'],
          route: 'GET /api/v1/cases/:caseId',
          correlationId: 'corr-2',
          caseId: 'c1',
          readAt: '2024-03-09T08:00:00+07:00',
        },
      ],
      nextAfter: null,
    });
  });

  it('filters by subject, reader and time, and pages by position', () => {
    given(
      read(1, 'reporter-c1', 'user-1', '2024-03-01T08:00:00+07:00'),
      read(2, 'reporter-c2', 'user-1', '2024-03-02T08:00:00+07:00'),
      read(3, 'reporter-c1', 'user-2', '2024-03-03T08:00:00+07:00'),
      read(4, 'reporter-c1', 'user-1', '2024-03-04T08:00:00+07:00'),
    );
    expect(positions({ subjectId: 'reporter-c1' })).toEqual([1, 3, 4]);
    expect(positions({ reader: 'user-1' })).toEqual([1, 2, 4]);
    expect(positions({ subjectId: 'reporter-c1', reader: 'user-1' })).toEqual([1, 4]);
    expect(positions({ from: Date.parse('2024-03-02T08:00:00+07:00'), to: Date.parse('2024-03-04T08:00:00+07:00') })).toEqual([2, 3]);
    expect(query.find({ after: 0, limit: 2 })).toMatchObject({ nextAfter: 2 });
    expect(positions({ after: 2, limit: 2 })).toEqual([3, 4]);
  });

  it('refuses a time range that ends before it starts', () => {
    expect(() => query.find({ after: 0, limit: 10, from: 2, to: 1 })).toThrow('ends before it starts');
  });

  it('answers an empty list before the projection has a generation', () => {
    expect(query.find({ after: 0, limit: 10 })).toEqual({ reads: [], nextAfter: null });
  });
});
