import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runImport, type ImportSummary } from '../cli/import/run-import.js';
import type { RecordedEvent } from '../ledger/event-store.port.js';
import { SqliteEventStore } from '../ledger/sqlite/sqlite-event-store.js';
import { unitDecider } from '../organisation/unit.decider.js';
import { unitStream } from '../organisation/unit.events.js';
import { fold, type DomainEvent, type Fact } from '../domain-kit/decider.js';
import { SqliteKeyStore } from '../personal-data/key-stores/sqlite-key-store.js';
import { openReadModels } from '../projections/read-models.database.js';
import { importedId } from './import-ids.js';

/**
 * A remote-area row of `ledger import`, in both formats: the same command as POST
 * /api/v1/units/{id}/remote-area, its boolean written as a spreadsheet writes it.
 */
describe('a SetUnitRemoteArea row of an import', () => {
  let folder: string;
  let store: SqliteEventStore;
  let output: string;

  const file = (name: string, text: string): string => {
    const path = join(folder, name);
    writeFileSync(path, text);
    return path;
  };
  const run = async (path: string, dryRun = false): Promise<ImportSummary> => {
    output = '';
    const terminal = { out: { write: (text: string) => (output += text) }, err: { write: () => true } };
    const readModels = openReadModels(join(folder, 'read-models.db'));
    try {
      return await runImport(
        path,
        { dryRun, system: 'previous-system', actor: 'ledger-import' },
        { eventStore: async () => store, keyStore: async () => new SqliteKeyStore(join(folder, 'keys.db')), readModels: () => readModels },
        terminal,
      );
    } finally {
      readModels.close();
    }
  };
  const unitEvents = (sourceId: string): Promise<RecordedEvent[]> =>
    store.readStream(unitStream(importedId('previous-system', 'unit', sourceId)));

  // Given a province, a district and a mountain commune, then its designation (2013) and its lifting (2021).
  const CSV = [
    'command,unitId,name,kind,parentId,remote,effectiveOn,legalBasis,occurredAt',
    'RegisterUnit,BG,Tỉnh Bắc Giang,province,,,,,2010-01-04T08:00:00+07:00',
    'RegisterUnit,D01,Huyện Sơn Động,district,BG,,,,2010-01-04T08:00:00+07:00',
    'RegisterUnit,D01-X1,Xã An Lạc,commune,D01,,,,2010-01-04T08:00:00+07:00',
    'SetUnitRemoteArea,D01-X1,,,,true,2013-01-01,Quyết định 2405/QĐ-TTg,2013-01-02T08:00:00+07:00',
    'SetUnitRemoteArea,D01-X1,,,,false,2021-06-04,Quyết định 861/QĐ-TTg,2021-06-05T08:00:00+07:00',
  ].join('\n');

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'import-remote-area-'));
    store = new SqliteEventStore(join(folder, 'events.db'));
  });
  afterEach(() => {
    store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('checks the rows in a dry run and writes nothing', async () => {
    const summary = await run(file('units.csv', CSV), true);
    expect([summary.exitCode, summary.plan.bad, summary.plan.events, summary.written]).toEqual([0, [], 5, 0]);
    expect(output).toContain('5 rows: 5 to import (5 events), 0 already in the ledger, 0 bad. Nothing was written.');
    expect(await store.headPosition()).toBe(0);
  });

  it('records the designation and its lifting, with their days and decisions, from CSV', async () => {
    const summary = await run(file('units.csv', CSV));
    expect([summary.exitCode, summary.written]).toEqual([0, 5]);
    const events = await unitEvents('D01-X1');
    expect(events.slice(1).map((event) => [event.type, event.data, event.metadata.occurredAt])).toEqual([
      ['UnitRemoteAreaSet', { remote: true, effectiveOn: '2013-01-01', legalBasis: 'Quyết định 2405/QĐ-TTg' }, '2013-01-02T08:00:00+07:00'],
      ['UnitRemoteAreaSet', { remote: false, effectiveOn: '2021-06-04', legalBasis: 'Quyết định 861/QĐ-TTg' }, '2021-06-05T08:00:00+07:00'],
    ]);
    const facts = events.map((event) => ({ ...event, occurredAt: event.metadata.occurredAt }) as unknown as Fact<DomainEvent>);
    const state = fold(unitDecider, facts);
    expect(state).toMatchObject({
      remoteArea: [
        { remote: true, from: '2013-01-01' },
        { remote: false, from: '2021-06-04' },
      ],
    });
    // Run again: recognised, nothing written twice.
    expect((await run(file('units.csv', CSV))).written).toBe(0);
  });

  it('accepts the same row as JSON Lines', async () => {
    const jsonl = [
      '{"command":"RegisterUnit","unitId":"BG","name":"Tỉnh Bắc Giang","kind":"province","occurredAt":"2010-01-04T08:00:00+07:00"}',
      '{"command":"SetUnitRemoteArea","unitId":"BG","remote":true,"effectiveOn":"2013-01-01","legalBasis":"Quyết định 2405/QĐ-TTg","occurredAt":"2013-01-02T08:00:00+07:00"}',
    ].join('\n');
    expect((await run(file('units.jsonl', jsonl))).written).toBe(2);
    expect((await unitEvents('BG')).map((event) => event.type)).toEqual(['UnitRegistered', 'UnitRemoteAreaSet']);
  });

  it("refuses what the API refuses, with the decider's and the validation's codes, and writes nothing", async () => {
    const bad = [
      CSV,
      // Not a boolean; then the same status again; then a change taking effect before the last one.
      'SetUnitRemoteArea,D01-X1,,,,yes,2022-01-01,QĐ 1,2022-01-02T08:00:00+07:00',
      'SetUnitRemoteArea,D01-X1,,,,false,2022-01-01,QĐ 2,2022-01-02T08:00:00+07:00',
      'SetUnitRemoteArea,D01-X1,,,,true,2020-01-01,QĐ 3,2022-01-03T08:00:00+07:00',
      'SetUnitRemoteArea,KHONG-CO,,,,true,2020-01-01,QĐ 4,2022-01-03T08:00:00+07:00',
    ].join('\n');
    const summary = await run(file('bad.csv', bad));
    expect(summary.exitCode).toBe(1);
    expect(summary.plan.bad.map((row) => [row.line, row.code])).toEqual([
      [7, 'VALIDATION.FAILED'],
      [8, 'UNIT.REMOTE_AREA_UNCHANGED'],
      [9, 'UNIT.REMOTE_AREA_OUT_OF_ORDER'],
      [10, 'UNIT.NOT_FOUND'],
    ]);
    expect(await store.headPosition()).toBe(0);
  });
});
