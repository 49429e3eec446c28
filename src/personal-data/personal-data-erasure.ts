import { DomainError } from '../domain-kit/domain-error.js';
import { deterministicUuid } from '../ledger/deterministic-uuid.js';
import type { EventStore } from '../ledger/event-store.port.js';
import { subjectStream, type PersonalDataErased } from './personal-data.events.js';
import type { PersonalDataKeyStore } from './key-stores/key-store.port.js';
import { SUBJECT_ID } from './sealed-personal-data.js';

export interface Erasure {
  readonly subjectId: string;
  readonly erasedAt: string;
  /** The PersonalDataErased event and its global position. */
  readonly eventId: string;
  readonly position: number;
}

/** Who erases, and in which correlation (a request's, or the CLI's own). */
export interface ErasureContext {
  readonly actor: string;
  readonly correlationId: string;
  readonly now: Date;
}

/**
 * Erases a data subject: deletes its key (keys.db), then records PersonalDataErased on the subject's
 * stream. The key goes first: an erasure must never be announced and then fail to happen. Should the
 * append fail after the delete, erasing again finds the key gone but no event, and records it then
 * (the event id is derived from the subject, so a race of two such repairs writes one event).
 *
 * Errors: PERSONAL_DATA.UNKNOWN_SUBJECT (404) when no key was ever made for the id;
 * PERSONAL_DATA.ALREADY_ERASED (409) when the erasure is already recorded.
 */
export class PersonalDataErasure {
  constructor(
    private readonly keys: PersonalDataKeyStore,
    private readonly store: EventStore,
  ) {}

  async erase(subjectId: string, context: ErasureContext): Promise<Erasure> {
    if (!SUBJECT_ID.test(subjectId)) throw unknownSubject(subjectId);
    const erasure = await this.keys.erase(subjectId, context.now);
    if (erasure.outcome === 'unknown') throw unknownSubject(subjectId);
    const stream = subjectStream(subjectId);
    const recorded = (await this.store.readStream(stream)).find((event) => event.type === 'PersonalDataErased');
    if (recorded) {
      throw new DomainError(
        'PERSONAL_DATA.ALREADY_ERASED',
        `The personal data of ${subjectId} was already erased at ${recorded.metadata.occurredAt}.`,
        'conflict',
        {
          subjectId,
          erasedAt: recorded.metadata.occurredAt,
          eventId: recorded.eventId,
        },
      );
    }
    const data: PersonalDataErased['data'] = { subjectId };
    const appended = await this.store.append(
      stream,
      [
        {
          eventId: deterministicUuid(`event\npersonal-data-erased\n${subjectId}`),
          type: 'PersonalDataErased',
          schemaVersion: 1,
          data,
          metadata: { actor: context.actor, correlationId: context.correlationId, causationId: null, occurredAt: erasure.erasedAt },
        },
      ],
      'any',
    );
    const event = appended.events[0];
    return { subjectId, erasedAt: erasure.erasedAt, eventId: event.eventId, position: event.globalPosition };
  }
}

function unknownSubject(subjectId: string): DomainError {
  return new DomainError('PERSONAL_DATA.UNKNOWN_SUBJECT', `No personal data is kept for subject ${subjectId.slice(0, 100)}.`, 'not-found');
}
