import { DomainError } from '../domain-kit/domain-error.js';
import type { JsonObject } from '../ledger/event-store.port.js';
import { open, seal } from './personal-data-cipher.js';
import { SubjectErasedError, type PersonalDataKeyStore } from './key-stores/key-store.port.js';
import type { SealedPersonalData } from './sealed-personal-data.js';

export const PERSONAL_DATA_VAULT = Symbol('PERSONAL_DATA_VAULT');

/** What opening sealed data gives: the plaintext, or why not (the subject was erased, the key is missing, the bytes do not authenticate). */
export type Unsealed =
  | { readonly status: 'open'; readonly value: JsonObject }
  | { readonly status: 'erased'; readonly erasedAt: string }
  | { readonly status: 'unreadable'; readonly reason: 'key-missing' | 'not-authentic' };

/**
 * Seals personal data under its subject's key before it enters the ledger, and opens it for the
 * views that may show it. The only holder of keys; nothing else in the service sees one.
 */
export class PersonalDataVault {
  constructor(private readonly keys: PersonalDataKeyStore) {}

  /** Throws DomainError PERSONAL_DATA.SUBJECT_ERASED (409) when the subject's data was erased. */
  async seal(subjectId: string, context: string, plaintext: JsonObject, now: Date): Promise<SealedPersonalData> {
    try {
      return seal(await this.keys.keyFor(subjectId, now), subjectId, context, plaintext);
    } catch (error) {
      if (error instanceof SubjectErasedError) {
        throw new DomainError(
          'PERSONAL_DATA.SUBJECT_ERASED',
          `${error.message} It cannot be recorded again under the same subject.`,
          'conflict',
          { subjectId },
        );
      }
      throw error;
    }
  }

  /** When the subject's data was erased, or null while it is not. */
  async erasedAt(subjectId: string): Promise<string | null> {
    const found = await this.keys.lookup(subjectId);
    return found.status === 'erased' ? found.erasedAt : null;
  }

  async open(sealed: SealedPersonalData, context: string): Promise<Unsealed> {
    const found = await this.keys.lookup(sealed.subjectId);
    if (found.status === 'erased') return { status: 'erased', erasedAt: found.erasedAt };
    if (found.status === 'unknown') return { status: 'unreadable', reason: 'key-missing' };
    try {
      return { status: 'open', value: open(found.key, sealed, context) };
    } catch {
      return { status: 'unreadable', reason: 'not-authentic' };
    }
  }
}
