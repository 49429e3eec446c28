import { DomainError } from '../domain-kit/domain-error.js';
import type { OfficialReference } from '../officials/official.decider.js';

/**
 * An official named by a case command (the assignee, the one who reported upward) must be registered,
 * and must not have left before the fact happened (a fact recorded late may name someone who left since).
 */
export function assertOfficialCouldAct(official: OfficialReference, occurredAt: string, role: string): void {
  if (official.status === 'unregistered') {
    throw new DomainError('CASE.OFFICIAL_UNKNOWN', `Official ${official.officialId} (${role}) is not registered.`, 'unprocessable', {
      officialId: official.officialId,
    });
  }
  if (official.leftAt !== null && Date.parse(official.leftAt) < Date.parse(occurredAt)) {
    throw new DomainError(
      'CASE.OFFICIAL_LEFT',
      `Official ${official.officialId} (${role}) had left on ${official.leftAt}, before ${occurredAt}.`,
      'unprocessable',
      { officialId: official.officialId },
    );
  }
}
