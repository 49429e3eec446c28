import type { Principal, Role } from '../auth/principal.js';
import { SqliteEventStore } from '../ledger/sqlite/sqlite-event-store.js';
import type { EventStore } from '../ledger/event-store.port.js';
import { SqliteKeyStore } from './key-stores/sqlite-key-store.js';
import { PersonalDataVault } from './personal-data-vault.js';
import { ReporterDisclosure, type ReadContext } from './reporter-disclosure.js';
import { caseReporterContext, reporterSubjectId } from './sealed-personal-data.js';

describe('showing a case reporter', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const reporter = { name: 'Trần Thị Bích', phone: '0987 654 321' };
  const reader = (...roles: Role[]): ReadContext => ({
    principal: { subject: 'user-1', roles, units: 'all' } satisfies Principal,
    route: 'GET /api/v1/cases/:caseId',
    correlationId: 'corr-1',
  });
  let keys: SqliteKeyStore;
  let store: SqliteEventStore;
  let vault: PersonalDataVault;
  let disclosure: ReporterDisclosure;

  beforeEach(() => {
    keys = new SqliteKeyStore(':memory:');
    store = new SqliteEventStore(':memory:');
    vault = new PersonalDataVault(keys);
    disclosure = new ReporterDisclosure(vault, store, { now: () => now });
  });
  afterEach(async () => {
    await store.close();
    await keys.close();
  });

  const sealed = () => vault.seal(reporterSubjectId('c1'), caseReporterContext('c1'), reporter, now);

  it('shows a permitted reader the plaintext, after recording the read', async () => {
    expect(await disclosure.show(await sealed(), 'c1', 'complaint', reader('official'))).toEqual({ subjectId: 'reporter-c1', ...reporter });
    const [read] = await store.readStream('subject-reporter-c1');
    expect(read).toMatchObject({
      type: 'PersonalDataRead',
      data: {
        subjectId: 'reporter-c1',
        reader: 'user-1',
        roles: ['official'],
        route: 'GET /api/v1/cases/:caseId',
        correlationId: 'corr-1',
        caseId: 'c1',
      },
      metadata: { actor: 'user-1', occurredAt: now.toISOString() },
    });
    expect(JSON.stringify(read)).not.toContain(reporter.name);
  });

  it('shows others a marker and records nothing', async () => {
    expect(await disclosure.show(await sealed(), 'c1', 'denunciation', reader('official', 'recorder'))).toEqual({
      redacted: true,
      reason: 'role',
      subjectId: 'reporter-c1',
    });
    expect(await store.readStream('subject-reporter-c1')).toEqual([]);
  });

  it('shows everyone the erasure marker once the key is gone', async () => {
    const value = await sealed();
    await keys.erase('reporter-c1', now);
    expect(await disclosure.show(value, 'c1', 'complaint', reader('inspector'))).toEqual({
      redacted: true,
      reason: 'erased',
      subjectId: 'reporter-c1',
    });
    expect(await disclosure.show(value, 'c1', 'complaint', reader())).toEqual({
      redacted: true,
      reason: 'erased',
      subjectId: 'reporter-c1',
    });
  });

  it('does not open a reporter moved to another case', async () => {
    expect(await disclosure.show(await sealed(), 'c2', 'complaint', reader('inspector'))).toEqual({
      redacted: true,
      reason: 'unreadable',
      subjectId: 'reporter-c1',
    });
  });

  it('shows nothing for an anonymous report, and a plaintext reporter of an old event by the same rule', async () => {
    expect(await disclosure.show(null, 'c1', 'complaint', reader('inspector'))).toBeNull();
    expect(await disclosure.show({}, 'c1', 'complaint', reader('inspector'))).toBeNull();
    expect(await disclosure.show(reporter, 'c1', 'denunciation', reader('recorder'))).toEqual({
      redacted: true,
      reason: 'role',
      subjectId: 'reporter-c1',
    });
    expect(await disclosure.show(reporter, 'c1', 'denunciation', reader('inspector'))).toEqual({ subjectId: 'reporter-c1', ...reporter });
    expect(await store.readStream('subject-reporter-c1')).toHaveLength(1);
  });

  it('reveals nothing when the read cannot be recorded', async () => {
    const failing = { append: () => Promise.reject(new Error('store down')) } as unknown as EventStore;
    const blind = new ReporterDisclosure(vault, failing, { now: () => now });
    await expect(blind.show(await sealed(), 'c1', 'complaint', reader('official'))).rejects.toThrow('store down');
  });

  it('omits the reporter from a command answer', async () => {
    expect(disclosure.omittedInCaseView({ caseId: 'c1', category: 'complaint', reporter: await sealed() })).toEqual({
      caseId: 'c1',
      category: 'complaint',
      reporter: { redacted: true, reason: 'omitted', subjectId: 'reporter-c1' },
    });
    expect(disclosure.omittedInCaseView({ caseId: 'c1', category: 'complaint', reporter: null })).toEqual({
      caseId: 'c1',
      category: 'complaint',
      reporter: null,
    });
  });
});
