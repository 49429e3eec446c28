/**
 * A backup taken while the service runs and writes, restored into a new folder, verified, and served.
 * The built service (dist/main.js) runs as its own process and keeps receiving units over HTTP while
 * `ledger backup` (dist/cli/main.js) copies its data folder; events.db is first filled with 20,000
 * events so that the copy takes many steps and the service's commits make SQLite start it over.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/ledger/sqlite/sqlite-event-store.js';
import { newEvent } from '../support/new-events.js';
import { LedgerProcess, PROJECT_ROOT } from './support/ledger-process.js';

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function builtCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'cli', 'main.js'), ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const deadline = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(deadline);
      done({ code, stdout, stderr });
    });
  });
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('ledger backup under load, then ledger restore', () => {
  let work: string;
  let service: LedgerProcess;
  let restored: LedgerProcess | undefined;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ledger-backup-system-'));
    const keyFile = join(work, 'signing-key.pem');
    writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    env = { LEDGER_SIGNING_KEY_FILE: keyFile, LEDGER_CHECKPOINT_EVERY_EVENTS: '500', LEDGER_CHECKPOINT_ORIGIN: 'ledger.test/backup' };
    service = await LedgerProcess.create(env, join(work, 'data'));
    mkdirSync(service.dataDir, { mode: 0o700 });
    const store = new SqliteEventStore(join(service.dataDir, 'events.db'));
    const filler = 'x'.repeat(800);
    for (let batch = 0; batch < 200; batch += 1) {
      const events = Array.from({ length: 100 }, (_, index) => newEvent('LoadNoted', { batch, index, filler }));
      await store.append(`load-${batch}`, events, 'no-stream');
    }
    await store.close();
    await service.start();
  }, 120_000);

  afterAll(async () => {
    await service?.dispose();
    await restored?.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('keeps every event acknowledged before it started, and the restored service verifies', async () => {
    const admin = service.token('admin-1', ['admin', 'recorder']);
    const reporter = { name: 'Phùng Thị Backup', phone: '0909 222 333' };
    expect(
      (await service.request('POST', '/api/v1/units', { token: admin, json: { unitId: 'tinh', name: 'Tỉnh', kind: 'province' } })).status,
    ).toBe(201);
    const opened = await service.request('POST', '/api/v1/cases', {
      token: admin,
      json: { unitId: 'tinh', category: 'complaint', channel: 'letter', summary: 'Flooded road', reporter },
    });
    expect(opened.status).toBe(201);
    const caseId = (opened.json() as { caseId: string }).caseId;
    const acknowledged: { unitId: string; position: number; at: number }[] = [];
    let writing = true;
    let next = 0;
    const writer = async (): Promise<void> => {
      while (writing) {
        const unitId = `u-${(next += 1)}`;
        const response = await service.request('POST', '/api/v1/units', {
          token: admin,
          json: { unitId, name: `Đơn vị ${unitId}`, kind: 'province' },
        });
        if (response.status !== 201) throw new Error(`POST /units answered ${response.status}: ${response.text}`);
        acknowledged.push({ unitId, position: Number(response.headers.get('ledger-position')), at: Date.now() });
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (acknowledged.length < 100) await new Promise((later) => setTimeout(later, 20));

    const backupFolder = join(work, 'backup');
    const startedAt = Date.now();
    const before = [...acknowledged];
    const backup = await builtCli(['backup', backupFolder], { ...env, LEDGER_DATA_DIR: service.dataDir });
    const finishedAt = Date.now();
    await new Promise((later) => setTimeout(later, 200));
    writing = false;
    await Promise.all(writers);

    expect(backup.stderr).toContain('WARNING: keys/ holds the personal-data key store');
    expect(backup.code).toBe(0);
    expect(acknowledged.filter((ack) => ack.at > startedAt && ack.at < finishedAt).length).toBeGreaterThan(0); // it ran under writes
    const manifest = JSON.parse(readFileSync(join(backupFolder, 'manifest.json'), 'utf8'));
    expect(manifest.headPosition).toBeGreaterThanOrEqual(Math.max(...before.map((ack) => ack.position)));
    expect(manifest.events).toBe(manifest.headPosition);
    expect(manifest.merkleLog.treeSize).toBeLessThanOrEqual(manifest.events);
    expect(manifest.latestCheckpoint.treeSize).toBeGreaterThanOrEqual(20_000);
    expect(modeOf(backupFolder)).toBe(0o700);
    expect(modeOf(join(backupFolder, 'keys'))).toBe(0o700);
    // Files owner-only 0600, folders (open311/, media/ when photos were sent) 0700.
    const privateMode = (path: string) => (statSync(path).isDirectory() ? 0o700 : 0o600);
    expect(readdirSync(backupFolder)).toEqual(expect.arrayContaining(['events.db', 'webhooks.db', 'open311']));
    for (const name of readdirSync(backupFolder).filter((entry) => entry !== 'keys'))
      expect([name, modeOf(join(backupFolder, name))]).toEqual([name, privateMode(join(backupFolder, name))]);
    await service.kill('SIGKILL');

    const restoredDir = join(work, 'restored');
    const restore = await builtCli(['restore', backupFolder], { ...env, LEDGER_DATA_DIR: restoredDir });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`Events verified: ${manifest.events} events`);
    expect(restore.stdout).toContain('OK: every stream chain holds');
    expect(modeOf(restoredDir)).toBe(0o700);
    for (const name of readdirSync(restoredDir))
      expect([name, modeOf(join(restoredDir, name))]).toEqual([name, privateMode(join(restoredDir, name))]);

    restored = await LedgerProcess.create(env, restoredDir);
    await restored.start();
    const reader = restored.token('inspector-1', ['inspector', 'admin']);
    const missing: string[] = [];
    for (const { unitId } of before) {
      const response = await restored.request('GET', `/api/v1/units/${unitId}`, { token: reader });
      if (response.status !== 200) missing.push(`${unitId}: ${response.status}`);
    }
    expect(missing).toEqual([]);
    const shown = await restored.request('GET', `/api/v1/cases/${caseId}`, { token: reader });
    expect((shown.json() as { reporter: unknown }).reporter).toEqual({ subjectId: `reporter-${caseId}`, ...reporter }); // keys.db came back with the events
    expect(
      (await restored.request('POST', '/api/v1/units', { token: reader, json: { unitId: 'after-restore', name: 'Mới', kind: 'province' } }))
        .status,
    ).toBe(201);
    expect((await restored.request('POST', '/api/v1/integrity/checkpoints', { token: reader })).status).toBe(201);
    const verification = await restored.request('GET', '/api/v1/integrity/verification', { token: reader });
    const report = verification.json() as { ok: boolean; firstProblem: unknown; eventsChecked: number };
    expect(report).toMatchObject({ ok: true, firstProblem: null });
    expect(report.eventsChecked).toBeGreaterThanOrEqual(manifest.events + 2);
  }, 240_000);
});
