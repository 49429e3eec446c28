/**
 * `ledger import` as an operator runs it (the built CLI, dist/cli/main.js) on a data folder of its
 * own: the sample province of docs/import (its organisation in CSV, its history in JSON Lines) and
 * the file of deliberately bad rows; then the built service started on that folder serves an imported
 * case, and `ledger verify` passes.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { importedId } from '../../src/import/import-ids.js';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import type { RecordedEvent } from '../../src/ledger/event-store.port.js';
import { LedgerProcess, PROJECT_ROOT } from './support/ledger-process.js';

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const SAMPLES = join(PROJECT_ROOT, 'docs', 'import');
const ORGANISATION = join(SAMPLES, 'sample-province.csv');
const HISTORY = join(SAMPLES, 'sample-province-history.jsonl');
const BAD_ROWS = join(SAMPLES, 'with-bad-rows.csv');

function ledger(args: readonly string[], dataDir: string): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'cli', 'main.js'), ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, LEDGER_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const deadline = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(deadline);
      done({ code, stdout, stderr });
    });
  });
}

async function allEvents(dataDir: string): Promise<RecordedEvent[]> {
  const store = new SqliteEventStore(join(dataDir, 'events.db'));
  try {
    const events: RecordedEvent[] = [];
    for await (const batch of store.readAll()) events.push(...batch);
    return events;
  } finally {
    await store.close();
  }
}

function rowsOf(file: string): number {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return file.endsWith('.csv') ? lines.length - 1 : lines.length;
}

describe('ledger import of a sample province', () => {
  let service: LedgerProcess;

  beforeAll(async () => {
    service = await LedgerProcess.create();
  });

  afterAll(async () => {
    await service?.dispose();
  });

  it('imports the organisation and the history, then writes nothing the second time', async () => {
    const organisation = await ledger(['import', ORGANISATION], service.dataDir);
    expect(organisation.stderr).not.toContain('ledger import:');
    expect(organisation.code).toBe(0);
    const history = await ledger(['import', HISTORY], service.dataDir);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/Imported sample-province-history\.jsonl \(SHA-256 [0-9a-f]{64}\): [\d,]+ rows: [\d,]+ to import/);

    const events = await allEvents(service.dataDir);
    expect(events).toHaveLength(rowsOf(ORGANISATION) + rowsOf(HISTORY));
    // Each event names the file, its SHA-256 and the line of its row, and keeps the row's own occurredAt.
    const sha256 = createHash('sha256').update(readFileSync(HISTORY)).digest('hex');
    const lines = readFileSync(HISTORY, 'utf8').split('\n');
    const fromHistory = events.filter((event) => event.metadata.import?.file === 'sample-province-history.jsonl');
    expect(fromHistory).toHaveLength(rowsOf(HISTORY));
    for (const event of fromHistory.slice(0, 200)) {
      expect(event.metadata.import?.sha256).toBe(sha256);
      const row = JSON.parse(lines[event.metadata.import!.line - 1]) as { occurredAt?: string; heldAt?: string; command: string };
      expect(event.metadata.occurredAt).toBe(row.occurredAt ?? row.heldAt);
      expect(event.metadata.import?.command).toBe(row.command);
    }

    const again = await ledger(['import', HISTORY], service.dataDir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`0 to import (0 events), ${rowsOf(HISTORY).toLocaleString('en-US')} already in the ledger, 0 bad`);
    expect(await allEvents(service.dataDir)).toHaveLength(events.length);
  }, 400_000);

  it('lists every bad row of a dry run with its line and reason, and writes nothing', async () => {
    const before = (await allEvents(service.dataDir)).length;
    const dryRun = await ledger(['import', '--dry-run', BAD_ROWS], service.dataDir);
    expect(dryRun.code).toBe(1);
    const listed = dryRun.stdout.split('\n').filter((line) => line.startsWith('line '));
    expect(listed.map((line) => line.split(': ').slice(0, 2).join(': '))).toEqual([
      'line 3: OCCURRED_AT.BEFORE_PREVIOUS',
      'line 4: CASE.UNIT_NOT_ACTIVE',
      'line 5: VALIDATION.FAILED',
      'line 6: IMPORT.UNKNOWN_COMMAND',
      'line 7: IMPORT.SOURCE_ID_REQUIRED',
      'line 8: CASE.NOT_FOUND',
      'line 9: OCCURRED_AT.IN_FUTURE',
      'line 10: IMPORT.ROW_UNREADABLE',
      'line 11: IMPORT.OCCURRED_AT_REQUIRED',
      'line 13: MEETING.UNKNOWN_ATTENDEE',
    ]);
    // The sentences name the source's ids, which the person fixing the file knows.
    expect(dryRun.stdout).toContain('line 4: CASE.UNIT_NOT_ACTIVE: Unit "KHONG-CO" is not registered.');
    expect(dryRun.stdout).toContain('Not registered officials: "CB9999"');
    expect(dryRun.stdout).toContain('14 rows: 4 to import (4 events), 0 already in the ledger, 10 bad. Nothing was written.');

    const withoutSkip = await ledger(['import', BAD_ROWS], service.dataDir);
    expect(withoutSkip.code).toBe(1);
    expect(withoutSkip.stdout).toContain('Nothing was written');
    expect(await allEvents(service.dataDir)).toHaveLength(before);
  }, 200_000);

  it('with --skip-bad writes the good rows only', async () => {
    const before = await allEvents(service.dataDir);
    const skipping = await ledger(['import', '--skip-bad', BAD_ROWS], service.dataDir);
    expect(skipping.code).toBe(0);
    expect(skipping.stdout).toContain('10 bad rows skipped');
    const written = (await allEvents(service.dataDir)).slice(before.length);
    expect(written.map((event) => [event.type, event.metadata.import?.line])).toEqual(
      expect.arrayContaining([
        ['CaseReceived', 2],
        ['CaseResolved', 12],
        ['CaseClosed', 14],
        ['CaseReceived', 15],
      ]),
    );
    expect(written).toHaveLength(4);
  }, 200_000);

  it('serves an imported case over HTTP, and the ledger verifies', async () => {
    await service.start();
    const caseId = importedId('previous-system', 'case', 'HS-2015-0001');
    const inspector = service.token('inspector-1', ['inspector']);
    const answer = await service.request('GET', `/api/v1/cases/${caseId}`, { token: inspector });
    expect(answer.status).toBe(200);
    const history = readFileSync(HISTORY, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"caseId":"HS-2015-0001"'))
      .map((line) => JSON.parse(line) as { command: string; occurredAt: string; summary?: string });
    const receipt = history.find((row) => row.command === 'ReceiveCase')!;
    expect(answer.json()).toMatchObject({ caseId, summary: receipt.summary, receivedAt: receipt.occurredAt });

    // An import while the service runs: the same store, appends with the revisions the import read;
    // the service's read side picks the new events up without a restart.
    const live = join(service.dataDir, '..', `${basename(service.dataDir)}-live.jsonl`);
    const row = {
      command: 'ReceiveCase',
      caseId: 'LIVE-1',
      unitId: 'D01-X1',
      category: 'petition',
      channel: 'letter',
      summary: 'Nhận khi dịch vụ đang chạy',
      occurredAt: '2017-12-01T09:00:00+07:00',
    };
    writeFileSync(live, `${JSON.stringify(row)}\n`);
    try {
      expect((await ledger(['import', live], service.dataDir)).code).toBe(0);
    } finally {
      rmSync(live, { force: true });
    }
    const liveCase = await service.request('GET', `/api/v1/cases/${importedId('previous-system', 'case', 'LIVE-1')}`, { token: inspector });
    expect(liveCase.status).toBe(200);
    expect(liveCase.json()).toMatchObject({ summary: row.summary });

    // The Merkle log has logged every event and a checkpoint is signed, then the ledger verifies offline.
    const deadline = Date.now() + 60_000;
    while ((await service.request('GET', '/health/ready')).status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect((await service.request('POST', '/api/v1/integrity/checkpoints', { token: service.token('admin-1', ['admin']) })).status).toBe(
      201,
    );
    await service.kill('SIGTERM');
    const verified = await ledger(['verify'], service.dataDir);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
  }, 200_000);

  afterAll(() => rmSync(service.dataDir, { recursive: true, force: true }));
});
