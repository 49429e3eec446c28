import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../domain-kit/domain-error.js';
import { keyStorePath, PersonalDataKeyStore } from './personal-data-key-store.js';
import { PersonalDataVault } from './personal-data-vault.js';

describe('personal-data vault on its key store (keys.db)', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const reporter = { name: 'Trần Thị Bích', identityNumber: '030195001234' };
  let folder: string;
  let keys: PersonalDataKeyStore;
  let vault: PersonalDataVault;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
    keys = new PersonalDataKeyStore(keyStorePath(folder));
    vault = new PersonalDataVault(keys);
  });
  afterEach(() => {
    keys.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('round-trips through a key made on first use, and keeps that key', () => {
    const sealed = vault.seal('reporter-c1', 'case-c1/reporter', reporter, now);
    expect(vault.open(sealed, 'case-c1/reporter')).toEqual({ status: 'open', value: reporter });
    expect(vault.seal('reporter-c1', 'case-c1/reporter', reporter, now)).toEqual(sealed);
  });

  it('gives every subject its own key', () => {
    vault.seal('reporter-c1', 'case-c1/reporter', reporter, now);
    vault.seal('reporter-c2', 'case-c2/reporter', reporter, now);
    const a = keys.lookup('reporter-c1');
    const b = keys.lookup('reporter-c2');
    expect(a.status === 'active' && b.status === 'active' && !a.key.equals(b.key)).toBe(true);
  });

  it('does not open with the wrong additional data', () => {
    const sealed = vault.seal('reporter-c1', 'case-c1/reporter', reporter, now);
    expect(vault.open(sealed, 'case-c9/reporter')).toEqual({ status: 'unreadable', reason: 'not-authentic' });
  });

  it('cannot open anything once the key is erased, and will not seal for that subject again', () => {
    const sealed = vault.seal('reporter-c1', 'case-c1/reporter', reporter, now);
    expect(keys.erase('reporter-c1', now)).toEqual({ outcome: 'erased', erasedAt: now.toISOString() });
    expect(vault.open(sealed, 'case-c1/reporter')).toEqual({ status: 'erased', erasedAt: now.toISOString() });
    expect(vault.erasedAt('reporter-c1')).toBe(now.toISOString());
    expect(() => vault.seal('reporter-c1', 'case-c1/reporter', reporter, now)).toThrow(DomainError);
    expect(keys.erase('reporter-c1', now)).toEqual({ outcome: 'already-erased', erasedAt: now.toISOString() });
  });

  it('knows no subject it never made a key for', () => {
    expect(keys.erase('reporter-nobody', now)).toEqual({ outcome: 'unknown' });
    expect(keys.lookup('reporter-nobody')).toEqual({ status: 'unknown' });
  });

  it('says a sealed value is unreadable when its key is missing altogether', () => {
    const sealed = vault.seal('reporter-c1', 'case-c1/reporter', reporter, now);
    expect(vault.open({ ...sealed, subjectId: 'reporter-c2' }, 'case-c1/reporter')).toEqual({
      status: 'unreadable',
      reason: 'key-missing',
    });
  });

  it('leaves no byte of an erased key in the key store files', () => {
    vault.seal('reporter-c1', 'case-c1/reporter', reporter, now);
    const found = keys.lookup('reporter-c1');
    if (found.status !== 'active') throw new Error('no key');
    const filesHolding = () => readdirSync(folder).filter((file) => readFileSync(join(folder, file)).includes(found.key));
    expect(filesHolding()).not.toEqual([]);
    keys.erase('reporter-c1', now);
    // While the store is still open: neither the log nor a free page of the file keeps the key.
    expect(filesHolding()).toEqual([]);
    expect(keys.lookup('reporter-c1')).toMatchObject({ status: 'erased' });
  });
});
