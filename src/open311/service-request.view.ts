import type { ReceivedCase } from '../cases/case.state.js';
import { caseMediaPath } from '../cases/http/case.view.js';
import { findService } from './open311-services.js';

/** A case as a GeoReport v2 service request. The reporter's personal data is never part of it. */
export interface ServiceRequestView {
  readonly service_request_id: string;
  readonly status: 'open' | 'closed';
  readonly status_notes: string | null;
  readonly service_name: string;
  readonly service_code: string;
  /** null in what a status token reads. */
  readonly description: string | null;
  readonly agency_responsible: string;
  readonly service_notice: string | null;
  readonly requested_datetime: string;
  readonly updated_datetime: string;
  readonly expected_datetime: string | null;
  readonly address: string | null;
  readonly lat: number | null;
  readonly long: number | null;
  readonly media_url: string | null;
}

/** Resolved or closed cases are "closed" to the citizen: the matter has been answered. */
export function serviceRequestView(state: ReceivedCase, agencyName: string): ServiceRequestView {
  const closed = state.status !== 'open';
  const location = (state as ReceivedCase & { location?: { address?: string; lat?: number; long?: number } }).location;
  return {
    service_request_id: state.caseId,
    status: closed ? 'closed' : 'open',
    status_notes: statusNotes(state, true),
    service_name: findService(state.category)?.service_name ?? state.category,
    service_code: state.category,
    description: state.summary,
    agency_responsible: agencyName,
    service_notice: null,
    requested_datetime: state.receivedAt,
    updated_datetime: state.lastOccurredAt,
    expected_datetime: state.dueAt,
    address: location?.address ?? null,
    lat: location?.lat ?? null,
    long: location?.long ?? null,
    // A kept photo is served (to those who may read the case) from this server; else the link the reporter gave.
    media_url: state.media ? caseMediaPath(state.caseId, state.media.sha256) : state.mediaUrl,
  };
}

/**
 * What a citizen's status token reads: where the request stands and who handles it now, never what
 * it says, where, or who sent it. The answer given on resolution is shown, except for a denunciation:
 * its outcome concerns the person denounced, so it does not go out through a secret that anyone who
 * got hold of it could use.
 */
export function statusOnlyView(state: ReceivedCase, agencyName: string): ServiceRequestView {
  return {
    ...serviceRequestView(state, agencyName),
    status_notes: statusNotes(state, state.category !== 'denunciation'),
    description: null,
    address: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

function statusNotes(state: ReceivedCase, withOutcome: boolean): string | null {
  const outcome = withOutcome ? state.outcome : null;
  if (state.status === 'closed') return outcome ? `Closed: ${outcome}` : 'Closed.';
  if (state.status === 'resolved') return outcome ? `Resolved: ${outcome}` : 'Resolved.';
  if (state.escalatedAt) return 'Escalated to a higher level.';
  if (state.acknowledgedAt) return 'Acknowledged; being handled.';
  return 'Received.';
}
