/**
 * `ledger import` writing many streams per transaction (EventStore.appendStreams) against the same
 * import appending stream by stream, as it did before the store had that operation: the same events
 * in the ledger, field by field (ids, positions, revisions, data, metadata, recordedAt, the hash chain),
 * after the sample province's organisation and history, after a second run of the same file, and
 * after a file with bad rows, without and with --skip-bad. Both folders share one key store, so the
 * sealed reporters are sealed under the same keys, and one store clock, so recordedAt is the same.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliResources } from '../../src/cli/cli-resources.js';
import { runImport, type ImportOptions, type ImportResources } from '../../src/cli/import/run-import.js';
import type { Terminal } from '../../src/cli/backup/terminal.js';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';
import type { EventStore, RecordedEvent } from '../../src/ledger/event-store.port.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { PROJECT_ROOT } from '../system/support/ledger-process.js';

const SAMPLES = join(PROJECT_ROOT, 'docs', 'import');
const RECORDED_AT = new Date('2026-12-02T10:00:00.000Z');
const options: ImportOptions = { system: 'old-system', actor: 'ledger-import' };

function captured(): Terminal & { readonly text: () => string } {
  let text = '';
  return { out: { write: (chunk: string) => ((text += chunk), true) }, err: { write: () => true }, text: () => text };
}

async function everyEvent(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const batch of store.readAll()) events.push(...batch);
  return events;
}

describe('ledger import writes many streams per transaction', () => {
  const folders: string[] = [];
  const closing: (() => Promise<void>)[] = [];
  let keys: CliResources;
  let batched: { store: SqliteEventStore; resources: ImportResources; transactions: () => number };
  let oneByOne: { store: SqliteEventStore; resources: ImportResources; transactions: () => number };

  /** A data folder with its own events on the pinned clock and the shared key store; appendStreams kept or hidden. */
  function folderWith(withAppendStreams: boolean) {
    const folder = mkdtempSync(join(tmpdir(), 'ledger-import-append-'));
    folders.push(folder);
    const own = new CliResources(loadLedgerConfig({ LEDGER_DATA_DIR: folder }));
    const store = new SqliteEventStore(join(folder, 'events.db'), { now: () => RECORDED_AT });
    closing.push(
      () => own.close(),
      () => store.close(),
    );
    let transactions = 0;
    const seen = Object.assign(Object.create(store) as EventStore, {
      appendStreams: withAppendStreams
        ? (...args: Parameters<SqliteEventStore['appendStreams']>) => (transactions++, store.appendStreams(...args))
        : undefined,
    });
    const resources: ImportResources = {
      eventStore: async () => seen,
      keyStore: () => keys.keyStore(),
      readModels: () => own.readModels(),
    };
    return { store, resources, transactions: () => transactions };
  }

  async function importBoth(file: string, these: ImportOptions = options) {
    const terminals = [captured(), captured()];
    const summaries = [
      await runImport(join(SAMPLES, file), these, oneByOne.resources, terminals[0]),
      await runImport(join(SAMPLES, file), these, batched.resources, terminals[1]),
    ];
    // The two runs differ only in the times they were made at: the write's duration and the clock a row in the future is judged by.
    const strip = (text: string) => text.replace(/in \d+\.\d s \([\d,]+ events\/s\)/, '').replace(/time is [\d:.TZ-]+/g, '');
    expect(strip(terminals[1].text())).toBe(strip(terminals[0].text()));
    return summaries;
  }

  beforeEach(() => {
    const folder = mkdtempSync(join(tmpdir(), 'ledger-import-keys-'));
    folders.push(folder);
    keys = new CliResources(loadLedgerConfig({ LEDGER_DATA_DIR: folder }));
    closing.push(() => keys.close());
    oneByOne = folderWith(false);
    batched = folderWith(true);
  });
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('writes the same ledger as appending stream by stream, and nothing more the second time', async () => {
    const organisation = await importBoth('sample-province.csv');
    const history = await importBoth('sample-province-history.jsonl');
    const again = await importBoth('sample-province-history.jsonl');

    expect(organisation.map((summary) => [summary.exitCode, summary.written])).toEqual([
      [0, 486],
      [0, 486],
    ]);
    expect(history.map((summary) => [summary.exitCode, summary.written])).toEqual([
      [0, 5066],
      [0, 5066],
    ]);
    expect(again.map((summary) => [summary.exitCode, summary.written, summary.plan.alreadyImported])).toEqual([
      [0, 0, 5066],
      [0, 0, 5066],
    ]);
    const written = await everyEvent(batched.store);
    expect(written).toHaveLength(486 + 5066);
    expect(written).toEqual(await everyEvent(oneByOne.store));
    // The history's 5,066 events in a few transactions, where stream by stream took one group commit per 256 streams.
    expect(batched.transactions()).toBeGreaterThan(2);
    expect(batched.transactions()).toBeLessThan(12);
    expect(oneByOne.transactions()).toBe(0);
  });

  it('writes nothing of a file with a bad row, and the same good rows with --skip-bad', async () => {
    await importBoth('sample-province.csv');
    const before = await everyEvent(batched.store);

    const refused = await importBoth('with-bad-rows.csv');
    expect(refused.map((summary) => [summary.exitCode, summary.written])).toEqual([
      [1, 0],
      [1, 0],
    ]);
    expect(await everyEvent(batched.store)).toEqual(before);

    const skipped = await importBoth('with-bad-rows.csv', { ...options, skipBad: true });
    expect(skipped.map((summary) => summary.exitCode)).toEqual([0, 0]);
    expect(skipped[1].written).toBeGreaterThan(0);
    expect(skipped[1].written).toBe(skipped[0].written);
    expect(await everyEvent(batched.store)).toEqual(await everyEvent(oneByOne.store));
  });
});
