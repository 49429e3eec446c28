import type { DomainEvent } from '../domain-kit/decider.js';

/** The subject's key was deleted: what was sealed under it can no longer be read. Carries no personal data. */
export type PersonalDataErased = DomainEvent<'PersonalDataErased', { subjectId: string }>;

/**
 * Someone was shown a subject's personal data in plaintext. Carries who (also the event's actor), with
 * which roles, through which route, in which correlation, for which case: never the data itself.
 */
export type PersonalDataRead = DomainEvent<
  'PersonalDataRead',
  { subjectId: string; reader: string; roles: string[]; route: string; correlationId: string; caseId: string | null }
>;

export type PersonalDataEvent = PersonalDataErased | PersonalDataRead;

/** One stream per data subject: its erasure and every read of its data. */
export const subjectStream = (subjectId: string): string => `subject-${subjectId}`;
