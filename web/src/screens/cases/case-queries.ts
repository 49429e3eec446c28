import { queryOptions } from '@tanstack/react-query';
import { api, undocumented } from '../../api/client';
import type { AuditPage, CaseHistoryView, TimelineView } from '../../api/views';

export interface Replay {
  readonly asOf?: string;
  readonly by?: 'recorded' | 'occurred';
}

/**
 * The case's history: its state (now, or as of a moment) and every step with who recorded it and when.
 * One read serves the whole screen, because a read that shows the reporter is recorded in the ledger.
 */
export function caseHistoryQuery(caseId: string, replay: Replay) {
  return queryOptions({
    queryKey: ['case', caseId, 'history', replay.asOf ?? null, replay.by ?? null],
    queryFn: async () =>
      (
        await undocumented<CaseHistoryView>(
          api.GET('/api/v1/cases/{caseId}/history', {
            params: { path: { caseId }, query: { asOf: replay.asOf, by: replay.asOf ? replay.by : undefined } },
          }),
        )
      ).body,
  });
}

export function caseTimelineQuery(caseId: string, asOf: string | undefined, minPosition: number | undefined) {
  return queryOptions({
    queryKey: ['case', caseId, 'timeline', asOf ?? null, minPosition ?? null],
    queryFn: async () =>
      (
        await undocumented<TimelineView>(
          api.GET('/api/v1/timelines/cases/{caseId}', { params: { path: { caseId }, query: { asOf, minPosition } } }),
        )
      ).body,
  });
}

/** The case's events in the audit trail, with each one's previous hash: what the chain check reads. */
export function caseAuditQuery(caseId: string, minPosition: number | undefined) {
  return queryOptions({
    queryKey: ['case', caseId, 'audit', minPosition ?? null],
    queryFn: async () =>
      (await undocumented<AuditPage>(api.GET('/api/v1/audit', { params: { query: { caseId, limit: 1000, minPosition } } }))).body,
  });
}
