import { SqliteEventStore } from '../ledger/sqlite/sqlite-event-store.js';
import type { NewEvent } from '../ledger/event-store.port.js';
import { unitDecider } from '../organisation/unit.decider.js';
import { unitStream } from '../organisation/unit.events.js';
import { IMPORT_COMMANDS, type BuildContext } from './import-commands.js';
import { ImportUnitDirectory, ImportView } from './import-view.js';

const metadata = { actor: 'ledger-import', correlationId: 'import-test', causationId: null, occurredAt: '2020-01-01T08:00:00+07:00' };
const registered = (unitId: string, kind: string, parentId: string | null, eventId: string): NewEvent => ({
  eventId,
  type: 'UnitRegistered',
  schemaVersion: 1,
  data: { unitId, name: unitId, kind, parentId },
  metadata,
});

/** Given a province, its district and a commune under the district, all from earlier rows of the file. */
describe('a MoveUnit row of an import', () => {
  let store: SqliteEventStore;
  let view: ImportView;
  const build = (targetId: string, body: object) =>
    IMPORT_COMMANDS.MoveUnit.build(body, { targetId, units: new ImportUnitDirectory(store, view) } as unknown as BuildContext);

  beforeEach(async () => {
    store = new SqliteEventStore(':memory:');
    view = new ImportView(store);
    for (const [index, [unitId, kind, parentId]] of (
      [
        ['tinh', 'province', null],
        ['huyen', 'district', 'tinh'],
        ['xa', 'commune', 'huyen'],
      ] as const
    ).entries()) {
      const stream = await view.stream(unitStream(unitId), unitDecider);
      view.record(stream, unitDecider, [registered(unitId, kind, parentId, `00000000-0000-4000-8000-00000000000${index}`)]);
    }
  });

  afterEach(() => store.close());

  it('moves the commune under the province, reading the new parent and the units above it from the view', async () => {
    expect(await build('xa', { toParentId: 'tinh', effectiveOn: '2025-07-01', legalBasis: 'NQ 202/2025/QH15' })).toEqual({
      type: 'MoveUnit',
      to: { unitId: 'tinh', status: 'active', kind: 'province' },
      effectiveOn: '2025-07-01',
      legalBasis: 'NQ 202/2025/QH15',
      aboveTarget: [],
    });
  });

  it('names the units above the new parent, so the decider refuses a cycle', async () => {
    expect(await build('tinh', { toParentId: 'xa', effectiveOn: '2025-07-01', legalBasis: 'x' })).toMatchObject({
      aboveTarget: expect.arrayContaining(['huyen', 'tinh']),
    });
  });
});
