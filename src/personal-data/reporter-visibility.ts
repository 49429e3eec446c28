import { hasRole, type Principal, type Role } from '../auth/principal.js';
import type { CaseCategory } from '../cases/case.events.js';

/**
 * Who may see a case reporter's identity and contact details in plaintext.
 *  - A denouncer is protected (Law on Denunciations 2018, art. 47: the denouncer's name, address and
 *    handwriting are kept confidential): only the inspectors who verify the denunciation and the
 *    standing committee that decides on it.
 *  - Any other reporter (complaint, petition, reflection, proposal, incident) must be answered, so also
 *    the recorders who took the report and the officials who handle the case.
 *  - Never the admin by role alone: an admin manages accounts and erasure, and needs no identity for that.
 * Everyone else sees a redaction marker. Unit scope is the permission matrix's concern (who may read
 * the case at all); this decides only what a reader of the case is shown of its reporter.
 */
export const REPORTER_READERS: Readonly<Record<'denunciation' | 'other', readonly Role[]>> = {
  denunciation: ['inspector', 'standing-committee'],
  other: ['recorder', 'official', 'inspector', 'standing-committee'],
};

export function mayReadReporter(principal: Principal, category: CaseCategory): boolean {
  return hasRole(principal, ...REPORTER_READERS[category === 'denunciation' ? 'denunciation' : 'other']);
}
