/**
 * Personal data as the ledger carries it: AES-256-GCM ciphertext under the data subject's own key,
 * every binary field in base64. The event hash covers these bytes, so the chain stays verifiable
 * after the key is deleted (erasure), when the ciphertext can no longer be read by anyone.
 */
export type SealedPersonalData = {
  readonly subjectId: string;
  readonly alg: 'A256GCM';
  /** 96 bits, synthetic (see personal-data-cipher.ts): a repeat of the same data seals to the same bytes. */
  readonly iv: string;
  readonly ciphertext: string;
  /** The 128-bit GCM authentication tag. */
  readonly tag: string;
};

/** A subject id: letters, digits and "-", as the stream names of the ledger want them. */
export const SUBJECT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function isSealedPersonalData(value: unknown): value is SealedPersonalData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const candidate = value as Record<string, unknown>;
  return (
    candidate.alg === 'A256GCM' &&
    typeof candidate.subjectId === 'string' &&
    SUBJECT_ID.test(candidate.subjectId) &&
    [candidate.iv, candidate.ciphertext, candidate.tag].every((field) => typeof field === 'string' && BASE64.test(field))
  );
}

/** The data subject of a case's reporter: one per case, derived from the case id so a repeated receipt finds the same key. */
export function reporterSubjectId(caseId: string): string {
  return `reporter-${caseId}`;
}

/** What the sealed reporter of a case is bound to (GCM additional data): moving it to another case makes it unreadable. */
export function caseReporterContext(caseId: string): string {
  return `case-${caseId}/reporter`;
}
