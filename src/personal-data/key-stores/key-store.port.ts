/**
 * Where the personal-data keys live: one random 256-bit key per data subject, kept apart from the
 * ledger so that erasing a subject is a real deletion of its key while the ledger stays append-only.
 * Two implementations pass one contract suite (test/contract/key-store.contract.ts): the SQLite file
 * in the data folder (one machine) and PostgreSQL (one store for every instance of the service).
 */
export const PERSONAL_DATA_KEYS = Symbol('PERSONAL_DATA_KEYS');

export type SubjectKey =
  | { readonly status: 'active'; readonly key: Buffer }
  | { readonly status: 'erased'; readonly erasedAt: string }
  | { readonly status: 'unknown' };

export type ActiveOrErased = Exclude<SubjectKey, { readonly status: 'unknown' }>;

export type KeyErasure =
  | { readonly outcome: 'erased'; readonly erasedAt: string }
  | { readonly outcome: 'already-erased'; readonly erasedAt: string }
  | { readonly outcome: 'unknown' };

/** The subject's key was deleted: nothing can be sealed for it any more. */
export class SubjectErasedError extends Error {
  constructor(
    readonly subjectId: string,
    readonly erasedAt: string,
  ) {
    super(`The personal data of ${subjectId} was erased at ${erasedAt}.`);
    this.name = 'SubjectErasedError';
  }
}

export interface PersonalDataKeyStore {
  /**
   * The subject's key, created on first use and the same ever after, also when several instances ask
   * at once. Durable before it resolves: an event sealed under it may be appended next. Rejects with
   * SubjectErasedError once the subject was erased: an erased subject never gets a new key.
   */
  keyFor(subjectId: string, now: Date): Promise<Buffer>;
  /**
   * keyFor for many subjects in one transaction (one durable commit for all of them): each subject's
   * key, made now if it had none, or its erasure. Durable before it resolves, like keyFor; an erased
   * subject is answered, not thrown, so the others still get their keys.
   */
  keysFor(subjectIds: readonly string[], now: Date): Promise<ReadonlyMap<string, ActiveOrErased>>;
  lookup(subjectId: string): Promise<SubjectKey>;
  /** Deletes the key and remembers that (and when) it was erased, in one transaction. */
  erase(subjectId: string, now: Date): Promise<KeyErasure>;
  close(): Promise<void>;
}
