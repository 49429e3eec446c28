import {
  SubjectErasedError,
  type ActiveOrErased,
  type KeyErasure,
  type PersonalDataKeyStore,
  type SubjectKey,
} from '../personal-data/key-stores/key-store.port.js';

/**
 * The key store as an import uses it: before a batch of rows is decided, the keys of every reporter
 * the batch will seal are made in one transaction of the store (one durable commit instead of one per
 * reporter), and sealing a row then finds its key here. The keys are durable before the plan ends, so
 * before any event sealed under them is appended; a crash in between leaves keys no event uses, never
 * an event without its key. A subject not prepared is asked of the store as usual.
 */
export class ImportKeys implements PersonalDataKeyStore {
  private readonly prepared = new Map<string, ActiveOrErased>();

  constructor(private readonly store: PersonalDataKeyStore) {}

  async prepare(subjectIds: readonly string[], now: Date): Promise<void> {
    const missing = subjectIds.filter((subjectId) => !this.prepared.has(subjectId));
    if (missing.length === 0) return;
    for (const [subjectId, key] of await this.store.keysFor(missing, now)) this.prepared.set(subjectId, key);
  }

  async keyFor(subjectId: string, now: Date): Promise<Buffer> {
    const known = this.prepared.get(subjectId);
    if (known?.status === 'active') return known.key;
    if (known?.status === 'erased') throw new SubjectErasedError(subjectId, known.erasedAt);
    return this.store.keyFor(subjectId, now);
  }

  keysFor(subjectIds: readonly string[], now: Date): Promise<ReadonlyMap<string, ActiveOrErased>> {
    return this.store.keysFor(subjectIds, now);
  }

  async lookup(subjectId: string): Promise<SubjectKey> {
    return this.prepared.get(subjectId) ?? this.store.lookup(subjectId);
  }

  erase(subjectId: string, now: Date): Promise<KeyErasure> {
    this.prepared.delete(subjectId);
    return this.store.erase(subjectId, now);
  }

  /** The store is the caller's: closed by whoever opened it. */
  async close(): Promise<void> {}
}
