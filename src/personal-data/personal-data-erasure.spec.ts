import { DomainError } from '../domain-kit/domain-error.js';
import { SqliteEventStore } from '../ledger/sqlite/sqlite-event-store.js';
import { PersonalDataErasure } from './personal-data-erasure.js';
import { SqliteKeyStore } from './key-stores/sqlite-key-store.js';

describe('erasing a data subject', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const context = { actor: 'user-admin', correlationId: 'corr-9', now };
  let keys: SqliteKeyStore;
  let store: SqliteEventStore;
  let erasure: PersonalDataErasure;

  beforeEach(() => {
    keys = new SqliteKeyStore(':memory:');
    store = new SqliteEventStore(':memory:');
    erasure = new PersonalDataErasure(keys, store);
  });
  afterEach(async () => {
    await store.close();
    await keys.close();
  });

  const refusal = async (subjectId: string) => {
    const error = await erasure.erase(subjectId, context).catch((caught: unknown) => caught);
    return error instanceof DomainError ? { code: error.code, kind: error.kind } : error;
  };

  it('deletes the key and records PersonalDataErased, which carries only the subject id', async () => {
    await keys.keyFor('reporter-c1', now);
    const erased = await erasure.erase('reporter-c1', context);
    expect(erased).toMatchObject({ subjectId: 'reporter-c1', erasedAt: now.toISOString() });
    expect(await keys.lookup('reporter-c1')).toEqual({ status: 'erased', erasedAt: now.toISOString() });
    expect(await store.readStream('subject-reporter-c1')).toEqual([
      expect.objectContaining({
        eventId: erased.eventId,
        type: 'PersonalDataErased',
        data: { subjectId: 'reporter-c1' },
        metadata: expect.objectContaining({ actor: 'user-admin', correlationId: 'corr-9' }),
      }),
    ]);
  });

  it('answers a second erasure with ALREADY_ERASED, and an unknown or malformed subject with UNKNOWN_SUBJECT', async () => {
    await keys.keyFor('reporter-c1', now);
    await erasure.erase('reporter-c1', context);
    expect(await refusal('reporter-c1')).toEqual({ code: 'PERSONAL_DATA.ALREADY_ERASED', kind: 'conflict' });
    expect(await refusal('reporter-nobody')).toEqual({ code: 'PERSONAL_DATA.UNKNOWN_SUBJECT', kind: 'not-found' });
    expect(await refusal('../etc')).toEqual({ code: 'PERSONAL_DATA.UNKNOWN_SUBJECT', kind: 'not-found' });
    expect(await store.readStream('subject-reporter-c1')).toHaveLength(1);
  });

  it('completes an erasure whose event was never written (the key went, then the append failed)', async () => {
    await keys.keyFor('reporter-c1', now);
    await keys.erase('reporter-c1', now);
    const repaired = await erasure.erase('reporter-c1', context);
    expect(repaired).toMatchObject({ subjectId: 'reporter-c1', erasedAt: now.toISOString() });
    expect(await store.readStream('subject-reporter-c1')).toHaveLength(1);
  });
});
