import { SqliteEventStore } from '../ledger/sqlite/sqlite-event-store.js';
import type { NewEvent } from '../ledger/event-store.port.js';
import { unitDecider } from '../organisation/unit.decider.js';
import { unitStream } from '../organisation/unit.events.js';
import { ImportView } from './import-view.js';
import { ImportConflictError, writeImport } from './import-writer.js';

const at = '2015-01-01T08:00:00+07:00';
const metadata = { actor: 'ledger-import', correlationId: 'import-test', causationId: null, occurredAt: at };
const registered = (unitId: string, parentId: string | null, eventId: string): NewEvent => ({
  eventId,
  type: 'UnitRegistered',
  schemaVersion: 1,
  data: { unitId, name: unitId, kind: parentId === null ? 'province' : 'district', parentId },
  metadata,
});

describe('writeImport', () => {
  let store: SqliteEventStore;

  beforeEach(() => {
    store = new SqliteEventStore(':memory:');
  });

  afterEach(() => store.close());

  it('writes parents before children, whatever order the view holds them in', async () => {
    const view = new ImportView(store);
    const child = await view.stream(unitStream('district'), unitDecider);
    view.record(child, unitDecider, [registered('district', 'province', '00000000-0000-4000-8000-000000000002')]);
    const parent = await view.stream(unitStream('province'), unitDecider);
    view.record(parent, unitDecider, [registered('province', null, '00000000-0000-4000-8000-000000000001')]);

    expect(await writeImport(store, view)).toBe(2);

    const written = [];
    for await (const batch of store.readAll()) written.push(...batch.map((event) => event.streamId));
    expect(written).toEqual([unitStream('province'), unitStream('district')]);
  });

  it('stops with a conflict naming the stream when another writer appended after the import read it', async () => {
    const view = new ImportView(store);
    const stream = await view.stream(unitStream('province'), unitDecider);
    view.record(stream, unitDecider, [registered('province', null, '00000000-0000-4000-8000-000000000001')]);
    await store.append(unitStream('province'), [registered('province', null, '00000000-0000-4000-8000-0000000000ff')], 'no-stream');

    await expect(writeImport(store, view)).rejects.toThrow(ImportConflictError);
    await expect(writeImport(store, view)).rejects.toThrow(/Another writer appended to unit-province/);
    expect(await store.headPosition()).toBe(1);
  });
});
