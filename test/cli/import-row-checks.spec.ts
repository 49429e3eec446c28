/**
 * `ledger import` with its rows checked in another thread (row-checks.worker.ts, from the sources)
 * against the same import with every row checked in the deciding thread: the same rows refused, at the
 * same lines, with the same codes and sentences (the source's ids in them), on a dry run and with
 * --skip-bad, and the same events written, in the same order, with the same ids, data and metadata.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliResources } from '../../src/cli/cli-resources.js';
import { runImport, type ImportOptions, type ImportResources } from '../../src/cli/import/run-import.js';
import type { Terminal } from '../../src/cli/backup/terminal.js';
import { loadLedgerConfig } from '../../src/config/ledger.config.js';
import { RowChecker, type RowCheckRun } from '../../src/import/row-checker.js';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { PROJECT_ROOT } from '../system/support/ledger-process.js';

const SAMPLES = join(PROJECT_ROOT, 'docs', 'import');
const HISTORY_LINES = readFileSync(join(SAMPLES, 'sample-province-history.jsonl'), 'utf8').trim().split('\n');
const options = { system: 'old-system', actor: 'ledger-import' };

/** Ways a row goes wrong, one after another down the file: each refused before, during or after the DTO's check. */
const SPOILERS: readonly ((row: Record<string, unknown>) => string)[] = [
  (row) => JSON.stringify({ ...row, command: 'DeleteCase' }),
  (row) => JSON.stringify({ ...row, caseId: undefined, meetingId: undefined, visitId: undefined }),
  (row) => JSON.stringify({ ...row, occurredAt: undefined, heldAt: undefined }),
  (row) => JSON.stringify({ ...row, unknownField: 'x' }),
  (row) => JSON.stringify({ ...row, unitId: 'KHONG-CO' }),
  (row) => JSON.stringify({ ...row, occurredAt: '2017-02-30T09:00:00+07:00', heldAt: '2017-13-01T09:00:00Z' }),
  (row) => JSON.stringify({ ...row, summary: 'x'.repeat(5000), agendaSummary: 7 }),
  (row) => `{"__proto__":{"polluted":true},${JSON.stringify(row).slice(1)}`,
  (row) => JSON.stringify({ ...row, caseId: 42, unitId: 3.5, attendees: ['CB9999', 12] }),
  () => '{"command": "ReceiveCase", this is not JSON',
  (row) => JSON.stringify({ ...row, reporter: { fullName: '', phone: 12 }, outcome: null }),
];

/** The first rows of the sample history, every seventh spoilt another way: some 400 bad rows over three batches. */
function spoiltHistory(folder: string): string {
  const lines = HISTORY_LINES.slice(0, 2600).map((line, index) =>
    index % 7 === 3 ? SPOILERS[Math.floor(index / 7) % SPOILERS.length](JSON.parse(line) as Record<string, unknown>) : line,
  );
  const path = join(folder, 'spoilt-history.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function captured(): Terminal & { readonly text: () => string } {
  let text = '';
  return { out: { write: (chunk: string) => ((text += chunk), true) }, err: { write: () => true }, text: () => text };
}

/** A folder with the sample organisation, its rows checked in this thread (no rowChecker) or in the given thread. */
async function folderWith(checker: RowChecker | undefined, batches: { count: number; unanswered: number }) {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-row-checks-'));
  const resources = new CliResources(loadLedgerConfig({ LEDGER_DATA_DIR: folder }));
  const counting: RowChecker | undefined =
    checker &&
    Object.assign(Object.create(checker) as RowChecker, {
      run: (system: string): RowCheckRun => {
        const run = checker.run(system);
        return {
          get ready() {
            return run.ready;
          },
          patient: run.patient,
          reached: (number) => run.reached(number),
          check: async (number, rows) => {
            const answers = await run.check(number, rows);
            batches.count += 1;
            batches.unanswered += answers.filter((answer, index) => answer === null && rows[index] !== null).length;
            return answers;
          },
        };
      },
    });
  const imports: ImportResources = {
    eventStore: () => resources.eventStore(),
    keyStore: () => resources.keyStore(),
    readModels: () => resources.readModels(),
    rowChecker: () => counting,
  };
  await runImport(join(SAMPLES, 'sample-province.csv'), options, imports, captured());
  return { folder, resources, imports };
}

async function imported(path: string, importOptions: ImportOptions, imports: ImportResources) {
  const terminal = captured();
  const summary = await runImport(path, importOptions, imports, terminal);
  // The run's counts and bad rows, and the terminal's text, without the time of the run.
  const untimed = (text: string) =>
    text.replace(/wrote .* events\/s\)/, 'wrote …').replace(/the server's time is [^)]*\)/g, "the server's time is …)");
  return { summary: JSON.parse(untimed(JSON.stringify(summary))) as typeof summary, shown: untimed(terminal.text()) };
}

/** The stored events as they compare across two folders: without the time of writing, the hash chain over it, the random bytes of a seal. */
async function storedEvents(resources: CliResources): Promise<unknown[]> {
  const events: RecordedEvent[] = [];
  for await (const batch of (await resources.eventStore()).readAll()) events.push(...batch);
  return events.map(({ eventId, streamId, streamRevision, globalPosition, type, data, metadata }) => ({
    eventId,
    streamId,
    streamRevision,
    globalPosition,
    type,
    data: JSON.parse(JSON.stringify(data, (key, value: unknown) => (['iv', 'ciphertext', 'tag'].includes(key) ? '…' : value))),
    metadata,
  }));
}

describe('ledger import with its rows checked in another thread', () => {
  /** One that answers every row (the deciding thread waits for it), one that shares the rows with the deciding thread as they come. */
  let patient: RowChecker;
  let sharing: RowChecker;
  const folders: string[] = [];
  const opened: CliResources[] = [];
  let spoilt: string;

  beforeAll(async () => {
    const thread = {
      workerUrl: pathToFileURL(join(PROJECT_ROOT, 'src/import/row-checks.worker.ts')),
      execArgv: ['--import', pathToFileURL(join(PROJECT_ROOT, 'test/support/register-ts.mjs')).href],
    };
    patient = new RowChecker(thread, true);
    sharing = new RowChecker(thread);
    // The threads from the sources compile them first: seconds.
    await Promise.all([patient.whenReady(), sharing.whenReady()]);
    const files = mkdtempSync(join(tmpdir(), 'ledger-row-checks-files-'));
    folders.push(files);
    spoilt = spoiltHistory(files);
  }, 180_000);

  afterAll(async () => {
    await patient.close();
    await sharing.close();
    for (const resources of opened) await resources.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  async function bothWays(checker: RowChecker) {
    const threaded = { count: 0, unanswered: 0 };
    const here = await folderWith(undefined, { count: 0, unanswered: 0 });
    const there = await folderWith(checker, threaded);
    folders.push(here.folder, there.folder);
    opened.push(here.resources, there.resources);
    return { here, there, threaded };
  }

  it('refuses the same rows at the same lines with the same reasons, on a dry run and without --skip-bad', async () => {
    const { here, there, threaded } = await bothWays(patient);
    for (const path of [spoilt, join(SAMPLES, 'with-bad-rows.csv')]) {
      for (const dryRun of [true, false]) {
        const inThisThread = await imported(path, { ...options, dryRun }, here.imports);
        const inTheOther = await imported(path, { ...options, dryRun }, there.imports);
        expect(inTheOther).toEqual(inThisThread);
        expect(inThisThread.summary.written).toBe(0);
      }
    }
    const { plan } = (await imported(spoilt, { ...options, dryRun: true }, here.imports)).summary;
    expect(plan.bad.length).toBeGreaterThan(300);
    expect([...new Set(plan.bad.map((row) => row.code))]).toEqual(
      expect.arrayContaining([
        'IMPORT.UNKNOWN_COMMAND',
        'IMPORT.SOURCE_ID_REQUIRED',
        'IMPORT.OCCURRED_AT_REQUIRED',
        'IMPORT.ROW_UNREADABLE',
        'VALIDATION.FAILED',
        'CASE.UNIT_NOT_ACTIVE',
      ]),
    );
    // A sentence names the source's ids, translated from the ids the other thread derived.
    expect(plan.bad.some((row) => row.reason.includes('"KHONG-CO"'))).toBe(true);
    // Every row went to the other thread (250 at a time: the organisation's, the spoilt history's twice, the CSV's twice), and it answered every readable row.
    expect(threaded.count).toBe(2 + 2 * 11 + 2);
    expect(threaded.unanswered).toBe(0);
  }, 300_000);

  it('writes the same events with --skip-bad, and recognises them the same way the second time', async () => {
    const { here, there } = await bothWays(sharing);
    const first = [await imported(spoilt, { ...options, skipBad: true }, here.imports)];
    first.push(await imported(spoilt, { ...options, skipBad: true }, there.imports));
    expect(first[1]).toEqual(first[0]);
    expect(first[0].summary.written).toBeGreaterThan(1500);
    expect(await storedEvents(there.resources)).toEqual(await storedEvents(here.resources));

    const again = [
      await imported(spoilt, { ...options, skipBad: true }, here.imports),
      await imported(spoilt, { ...options, skipBad: true }, there.imports),
    ];
    expect(again[1]).toEqual(again[0]);
    expect([again[0].summary.written, again[0].summary.plan.alreadyImported]).toEqual([0, first[0].summary.plan.accepted]);
  }, 300_000);
});
