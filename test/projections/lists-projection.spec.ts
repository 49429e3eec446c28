import { loadVietnamCalendar } from '../../src/calendar/holiday-files.js';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { CaseListQuery, type CaseListFilter } from '../../src/lists/case-list.query.js';
import { listsProjection } from '../../src/lists/lists.projection.js';
import { projectionOnMemory, type ProjectionOnMemory } from '../support/projection-on-memory.js';
import { recorded } from './recorded-events.js';

const receipt = {
  caseId: 'c-1',
  unitId: 'gia-tan',
  category: 'reflection',
  channel: 'letter',
  summary: 'Ô nhiễm môi trường',
  reporter: { name: 'Nguyễn Văn Bí Mật' },
  sourceVisitId: null,
  referredFromUnitId: null,
};
const everywhere = { everywhere: true } as const;
const filter = (more: Partial<CaseListFilter> = {}): CaseListFilter => ({
  asOf: '2024-04-01T00:00:00+07:00',
  sort: '-received',
  limit: 50,
  ...more,
});

/** Given these events (through the engine's writer, on :memory:, in batches as given), the lists answer so. */
describe('the lists projection', () => {
  let lists: ProjectionOnMemory<(typeof listsProjection.tables)[number]>;
  let query: CaseListQuery;

  const given = (...batches: RecordedEvent[][]): void => lists.given(...batches);
  const stored = (): string => JSON.stringify(lists.rows('facts'));

  beforeEach(() => {
    lists = projectionOnMemory(listsProjection);
    query = new CaseListQuery(lists.db, loadVietnamCalendar());
  });

  it('folds each fact of a case once, whether its stream spans one batch or several', () => {
    given(
      [
        recorded(1, 'case-c-1', 0, 'CaseReceived', receipt),
        recorded(2, 'case-c-1', 1, 'CaseActionRecorded', { description: 'Đo mẫu nước' }),
      ],
      [recorded(3, 'case-c-1', 2, 'CaseActionRecorded', { description: 'Lập biên bản' })],
    );
    const [item] = query.list(filter(), everywhere).items;
    expect(item).toMatchObject({ caseId: 'c-1', actionCount: 2, summary: 'Ô nhiễm môi trường' });
    expect(query.list(filter({ q: 'bien ban' }), everywhere).items).toHaveLength(1);
    expect(query.list(filter({ q: 'mau nuoc' }), everywhere).items).toHaveLength(1);
  });

  it('reads a corrected summary in the search, and forgets the text it replaced', () => {
    given(
      [recorded(1, 'case-c-1', 0, 'CaseReceived', receipt)],
      [
        recorded(2, 'case-c-1', 1, 'EventCorrected', {
          correctedEventId: recorded(1, 'case-c-1', 0, 'CaseReceived').eventId,
          reason: 'Typo',
          fields: { summary: 'Đường ngập nước' },
        }),
      ],
    );
    expect(query.list(filter({ q: 'duong ngap' }), everywhere).items.map((item) => item.summary)).toEqual(['Đường ngập nước']);
    expect(query.list(filter({ q: 'o nhiem' }), everywhere).items).toEqual([]);
  });

  it('pages a search of a word most cases share newest received first, as it pages a rare one', () => {
    // Received in an order other than the feed's, so that neither the feed nor the keys give the answer.
    const day = (n: number): string => `2024-0${1 + (n % 3)}-${String(1 + (n % 28)).padStart(2, '0')}T0${n % 10}:00:00+07:00`;
    const events = Array.from({ length: 1200 }, (_, n) =>
      recorded(
        n + 1,
        `case-c-${n}`,
        0,
        'CaseReceived',
        { ...receipt, caseId: `c-${n}`, summary: n % 400 === 0 ? 'Karaoke ồn ào' : 'Ô nhiễm môi trường' },
        day(n),
      ),
    );
    given(events);
    const expected = (wanted: (n: number) => boolean): string[] =>
      events
        .map((event, n) => ({ n, at: Date.parse(event.metadata.occurredAt as string) }))
        .filter(({ n }) => wanted(n))
        .sort((a, b) => b.at - a.at || b.n - a.n)
        .map(({ n }) => `c-${n}`);

    const common = query.list(filter({ q: 'o nhiem', limit: 20 }), everywhere);
    const next = query.list(filter({ q: 'o nhiem', limit: 20, after: common.nextAfter! }), everywhere);
    const rare = query.list(filter({ q: 'karaoke', limit: 20 }), everywhere);

    expect([...common.items, ...next.items].map((item) => item.caseId)).toEqual(expected((n) => n % 400 !== 0).slice(0, 40));
    expect(rare.items.map((item) => item.caseId)).toEqual(expected((n) => n % 400 === 0));
  });

  it('never stores the reporter', () => {
    given([recorded(1, 'case-c-1', 0, 'CaseReceived', receipt)]);
    expect(stored()).not.toContain('Bí Mật');
    expect(JSON.stringify(query.list(filter(), everywhere))).not.toContain('Bí Mật');
  });
});
