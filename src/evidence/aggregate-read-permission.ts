import type { PermissionName } from '../auth/permissions.js';

/** Which read of the aggregate an event belongs to a caller needs, and what a scoped one is checked against. */
export interface AggregateRead {
  readonly permission: PermissionName;
  /** Scoped by the aggregate's unit (and, for a case, its assignee); absent: the permission alone decides. */
  readonly scopedBy?: 'case' | 'visit' | 'meeting';
}

/**
 * An event is shown only to whom may read what it belongs to, by the same rule as reading that thing:
 * a case's events to its readers, a visit's or a meeting's to theirs, a review's to the oversight
 * roles, a data subject's reads and erasure to the inspectors who audit them. Anything else (streams
 * of the engine, categories added later) is for the oversight roles, who read the whole audit trail.
 */
export function aggregateReadOf(category: string): AggregateRead {
  switch (category) {
    case 'case':
      return { permission: 'cases.read', scopedBy: 'case' };
    case 'visit':
      return { permission: 'records.read', scopedBy: 'visit' };
    case 'meeting':
      return { permission: 'records.read', scopedBy: 'meeting' };
    case 'unit':
    case 'official':
    case 'policy':
    case 'duty':
      return { permission: 'directory.read' };
    case 'review':
      return { permission: 'reviews.read' };
    case 'subject':
      return { permission: 'personal-data.reads' };
    case 'integrity':
      return { permission: 'integrity.read' };
    default:
      return { permission: 'oversight.read' };
  }
}
