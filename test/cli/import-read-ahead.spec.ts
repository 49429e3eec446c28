/**
 * `ledger import` in process on a data folder of its own, counting what it asks of the two stores:
 * the sample province's history names some 1,900 streams and seals 159 reporters, and the import
 * reads those streams and makes those keys a batch of rows at a time, not one call per stream or key.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliResources } from '../../src/cli/cli-resources.js';
import { runImport } from '../../src/cli/import/run-import.js';
import type { Terminal } from '../../src/cli/backup/terminal.js';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';
import type { EventStore, RecordedEvent } from '../../src/ledger/event-store.port.js';
import type { PersonalDataKeyStore } from '../../src/personal-data/key-stores/key-store.port.js';
import { PersonalDataVault } from '../../src/personal-data/personal-data-vault.js';
import { caseReporterContext, type SealedPersonalData } from '../../src/personal-data/sealed-personal-data.js';
import { PROJECT_ROOT } from '../system/support/ledger-process.js';

const SAMPLES = join(PROJECT_ROOT, 'docs', 'import');
const quiet: Terminal = { out: { write: () => true }, err: { write: () => true } };
const options = { system: 'old-system', actor: 'ledger-import' };

type Calls = Record<'readStream' | 'readStreams' | 'keyFor' | 'keysFor', number>;

/** The folder's stores, each call of the four counted. */
function counted(resources: CliResources, calls: Calls) {
  return {
    async eventStore(): Promise<EventStore> {
      const store = await resources.eventStore();
      return Object.assign(Object.create(store) as EventStore, {
        readStream: (...args: Parameters<EventStore['readStream']>) => (calls.readStream++, store.readStream(...args)),
        readStreams: (ids: readonly string[]) => (calls.readStreams++, store.readStreams(ids)),
      });
    },
    async keyStore(): Promise<PersonalDataKeyStore> {
      const keys = await resources.keyStore();
      return Object.assign(Object.create(keys) as PersonalDataKeyStore, {
        keyFor: (subjectId: string, now: Date) => (calls.keyFor++, keys.keyFor(subjectId, now)),
        keysFor: (subjectIds: readonly string[], now: Date) => (calls.keysFor++, keys.keysFor(subjectIds, now)),
      });
    },
    readModels: () => resources.readModels(),
  };
}

describe('ledger import reads ahead', () => {
  let folder: string;
  let resources: CliResources;
  let calls: Calls;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-import-'));
    resources = new CliResources(loadLedgerConfig({ LEDGER_DATA_DIR: folder }));
    await runImport(join(SAMPLES, 'sample-province.csv'), options, resources, quiet);
    calls = { readStream: 0, readStreams: 0, keyFor: 0, keysFor: 0 };
  });
  afterEach(async () => {
    await resources.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads the streams of each 1,000 rows in one call and makes their reporters keys in one transaction', async () => {
    const { written, plan, exitCode } = await runImport(
      join(SAMPLES, 'sample-province-history.jsonl'),
      options,
      counted(resources, calls),
      quiet,
    );

    expect([exitCode, plan.rows, written]).toEqual([0, 5066, 5066]);
    expect(calls.readStreams).toBe(6); // 5,066 rows: six batches
    expect(calls.keysFor).toBeLessThanOrEqual(6);
    expect(calls.keyFor).toBe(0);
    expect(calls.readStream).toBeLessThan(50); // the units and officials the rows name besides their own stream

    // Every sealed reporter opens with the key the batch made.
    const vault = new PersonalDataVault(await resources.keyStore());
    const received: RecordedEvent[] = [];
    for await (const batch of (await resources.eventStore()).readAll())
      received.push(...batch.filter((event) => event.type === 'CaseReceived'));
    const sealed = received.filter((event) => event.data.reporter !== null);
    expect(sealed).toHaveLength(159);
    for (const event of sealed) {
      const opened = await vault.open(
        event.data.reporter as unknown as SealedPersonalData,
        caseReporterContext(event.data.caseId as string),
      );
      expect([event.streamId, opened.status]).toEqual([event.streamId, 'open']);
    }
  });

  it('makes no key on a dry run', async () => {
    const dryRun = await runImport(
      join(SAMPLES, 'sample-province-history.jsonl'),
      { ...options, dryRun: true },
      counted(resources, calls),
      quiet,
    );

    expect([dryRun.exitCode, dryRun.written, dryRun.plan.bad]).toEqual([0, 0, []]);
    expect([calls.keyFor, calls.keysFor]).toEqual([0, 0]);
  });
});
