import { DomainError } from '../domain-kit/domain-error.js';
import type { CaseCategory } from './case.events.js';

/**
 * The first-level complaint a second-level complaint names, as the ledger knew it when the second was
 * received (read by CaseIntake; the decider reads nothing itself).
 */
export type FirstLevelComplaint =
  | { readonly caseId: string; readonly received: false }
  | {
      readonly caseId: string;
      readonly received: true;
      readonly category: CaseCategory;
      /** When it was resolved (the decision the complainant disagrees with), by the second's receipt; null if not. */
      readonly resolvedAt: string | null;
      /** Its legal resolution deadline as its timeline counts it (rule book, calendar, remote area); null when no rule applies. */
      readonly resolveDueAt: string | null;
    };

/**
 * The Law on Complaints 02/2011/QH13, art. 33: a complainant may complain to the second level when the
 * first-level decision does not satisfy them, or when the first-level complaint was not resolved within
 * the time art. 28 allows. So the case named must be a complaint (the category `complaint`), received,
 * and by the second's receipt either resolved or past its resolution deadline unresolved. The window of
 * art. 33 for filing (30 days, 45 in remote areas) is not enforced: a late second complaint is still a
 * fact the ledger records, and refusing to accept it (art. 11) is the authority's decision, recorded as such.
 */
export function assertAppealable(category: CaseCategory, first: FirstLevelComplaint, receivedAt: string): void {
  if (category !== 'complaint-second-level')
    throw new DomainError(
      'CASE.FIRST_LEVEL_UNEXPECTED',
      `Only a second-level complaint (category complaint-second-level) names the first-level complaint it appeals, not a ${category}.`,
      'invalid',
    );
  if (!first.received)
    throw new DomainError(
      'CASE.FIRST_LEVEL_NOT_FOUND',
      `No case ${first.caseId} has been received: name a first-level complaint the ledger holds.`,
      'unprocessable',
    );
  if (first.category !== 'complaint')
    throw new DomainError(
      'CASE.FIRST_LEVEL_NOT_A_COMPLAINT',
      `Case ${first.caseId} is a ${first.category}, not a first-level complaint: a second-level complaint appeals a complaint (Law on Complaints art. 33).`,
      'unprocessable',
    );
  if (first.resolvedAt !== null && Date.parse(first.resolvedAt) <= Date.parse(receivedAt)) return;
  if (first.resolveDueAt !== null && Date.parse(first.resolveDueAt) < Date.parse(receivedAt)) return;
  const due = first.resolveDueAt === null ? 'no resolution deadline is known for it' : `its resolution is due by ${first.resolveDueAt}`;
  throw new DomainError(
    'CASE.FIRST_LEVEL_PENDING',
    `The first-level complaint ${first.caseId} is not resolved and ${due}: a second-level complaint lies once the first level has decided, or its time has passed (Law on Complaints art. 33).`,
    'conflict',
  );
}
