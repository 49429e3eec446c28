import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerProcess } from './support/ledger-process.js';

/** Every path under the folder with its permission bits, e.g. { "events.db": "600" }. */
function modesUnder(folder: string, prefix = ''): Record<string, string> {
  const modes: Record<string, string> = {};
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    const stat = lstatSync(path);
    modes[`${prefix}${name}`] = (stat.mode & 0o777).toString(8);
    if (stat.isDirectory()) Object.assign(modes, modesUnder(path, `${prefix}${name}/`));
  }
  return modes;
}

/** Free text in the ledger names people: the data folder and everything in it are the service's owner's alone. */
describe('the data folder is owner-only', () => {
  const parent = mkdtempSync(join(tmpdir(), 'ledger-modes-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  async function exercise(ledger: LedgerProcess): Promise<void> {
    const admin = ledger.token('admin-1', ['admin']);
    await ledger.request('POST', '/api/v1/units', {
      token: admin,
      json: { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province' },
    });
    const received = await ledger.request('POST', '/api/v1/cases', {
      token: ledger.token('van-thu-1', ['recorder']),
      json: { unitId: 'hai-duong', category: 'complaint', channel: 'letter', summary: 'x', reporter: { name: 'Nguyễn Văn A' } },
    });
    expect(received.status).toBe(201);
    expect((await ledger.request('POST', '/api/v1/integrity/checkpoints', { token: admin })).status).toBe(201);
  }

  it('creates a new data folder 0700 and every file in it 0600, -wal and -shm included', async () => {
    const dataDir = join(parent, 'fresh', 'data');
    const ledger = await LedgerProcess.create({}, dataDir);
    try {
      await ledger.start();
      await exercise(ledger);
      expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
      const modes = modesUnder(dataDir);
      for (const file of ['events.db', 'events.db-wal', 'events.db-shm', 'read-models.db', 'integrity.db', 'keys.db', 'auth/hs256.secret'])
        expect(modes).toHaveProperty([file], '600');
      expect(modes).toHaveProperty(['auth'], '700');
      const open = Object.entries(modes).filter(([, mode]) => (parseInt(mode, 8) & 0o077) !== 0);
      expect(open).toEqual([]);
    } finally {
      await ledger.dispose();
    }
  }, 60_000);

  it('tightens a folder and files left open, and says so in a warning', async () => {
    const dataDir = join(parent, 'loose');
    mkdirSync(join(dataDir, 'auth'), { recursive: true });
    writeFileSync(join(dataDir, 'notes.txt'), 'left by a restore');
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'auth'), 0o775);
    chmodSync(join(dataDir, 'notes.txt'), 0o644);
    const ledger = await LedgerProcess.create({}, dataDir);
    try {
      await ledger.start();
      await exercise(ledger);
      expect(modesUnder(dataDir)).toMatchObject({ auth: '700', 'notes.txt': '600', 'events.db': '600' });
      expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
      expect(ledger.log).toMatch(/"level":"warn".*permissions were looser than owner-only.*notes\.txt was 0644, now 0600/);
    } finally {
      await ledger.dispose();
    }
  }, 60_000);
});
