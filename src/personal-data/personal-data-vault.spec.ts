import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../domain-kit/domain-error.js';
import { keyStorePath, SqliteKeyStore } from './key-stores/sqlite-key-store.js';
import { PersonalDataVault } from './personal-data-vault.js';

describe('personal-data vault on its key store (keys.db)', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const reporter = { name: 'Trần Thị Bích', identityNumber: '030195001234' };
  let folder: string;
  let keys: SqliteKeyStore;
  let vault: PersonalDataVault;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
    keys = new SqliteKeyStore(keyStorePath(folder));
    vault = new PersonalDataVault(keys);
  });
  afterEach(async () => {
    await keys.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('round-trips through a key made on first use, and keeps that key', async () => {
    const sealed = await vault.seal('reporter-c1', 'case-c1/reporter', reporter, now);
    expect(await vault.open(sealed, 'case-c1/reporter')).toEqual({ status: 'open', value: reporter });
    expect(await vault.seal('reporter-c1', 'case-c1/reporter', reporter, now)).toEqual(sealed);
  });

  it('gives every subject its own key', async () => {
    await vault.seal('reporter-c1', 'case-c1/reporter', reporter, now);
    await vault.seal('reporter-c2', 'case-c2/reporter', reporter, now);
    const a = await keys.lookup('reporter-c1');
    const b = await keys.lookup('reporter-c2');
    expect(a.status === 'active' && b.status === 'active' && !a.key.equals(b.key)).toBe(true);
  });

  it('does not open with the wrong additional data', async () => {
    const sealed = await vault.seal('reporter-c1', 'case-c1/reporter', reporter, now);
    expect(await vault.open(sealed, 'case-c9/reporter')).toEqual({ status: 'unreadable', reason: 'not-authentic' });
  });

  it('cannot open anything once the key is erased, and will not seal for that subject again', async () => {
    const sealed = await vault.seal('reporter-c1', 'case-c1/reporter', reporter, now);
    expect(await keys.erase('reporter-c1', now)).toEqual({ outcome: 'erased', erasedAt: now.toISOString() });
    expect(await vault.open(sealed, 'case-c1/reporter')).toEqual({ status: 'erased', erasedAt: now.toISOString() });
    expect(await vault.erasedAt('reporter-c1')).toBe(now.toISOString());
    await expect(vault.seal('reporter-c1', 'case-c1/reporter', reporter, now)).rejects.toThrow(DomainError);
    expect(await keys.erase('reporter-c1', now)).toEqual({ outcome: 'already-erased', erasedAt: now.toISOString() });
  });

  it('knows no subject it never made a key for', async () => {
    expect(await keys.erase('reporter-nobody', now)).toEqual({ outcome: 'unknown' });
    expect(await keys.lookup('reporter-nobody')).toEqual({ status: 'unknown' });
  });

  it('says a sealed value is unreadable when its key is missing altogether', async () => {
    const sealed = await vault.seal('reporter-c1', 'case-c1/reporter', reporter, now);
    expect(await vault.open({ ...sealed, subjectId: 'reporter-c2' }, 'case-c1/reporter')).toEqual({
      status: 'unreadable',
      reason: 'key-missing',
    });
  });

  it('leaves no byte of an erased key in the key store files', async () => {
    await vault.seal('reporter-c1', 'case-c1/reporter', reporter, now);
    const found = await keys.lookup('reporter-c1');
    if (found.status !== 'active') throw new Error('no key');
    const filesHolding = () => readdirSync(folder).filter((file) => readFileSync(join(folder, file)).includes(found.key));
    expect(filesHolding()).not.toEqual([]);
    await keys.erase('reporter-c1', now);
    // While the store is still open: neither the log nor a free page of the file keeps the key.
    expect(filesHolding()).toEqual([]);
    expect(await keys.lookup('reporter-c1')).toMatchObject({ status: 'erased' });
  });
});
