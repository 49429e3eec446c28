import type { CsvColumn } from '../http/csv.js';
import type { CaseListItem } from './case-list-item.js';

/** The case list as a table: one row per case, the list item's fields (never a reporter). */
export const CASE_LIST_COLUMNS: readonly CsvColumn<CaseListItem>[] = [
  ['caseId', (c) => c.caseId],
  ['status', (c) => c.status],
  ['category', (c) => c.category],
  ['channel', (c) => c.channel],
  ['classification', (c) => c.classification],
  ['complexity', (c) => c.complexity],
  ['summary', (c) => c.summary],
  ['receivedUnitId', (c) => c.receivedUnitId],
  ['currentUnitId', (c) => c.currentUnitId],
  ['assignedOfficialId', (c) => c.assignee?.officialId],
  ['assignedUnitId', (c) => c.assignee?.unitId],
  ['receivedAt', (c) => c.receivedAt],
  ['acknowledgedAt', (c) => c.acknowledgedAt],
  ['assignedAt', (c) => c.assignedAt],
  ['dueAt', (c) => c.dueAt],
  ['extensions', (c) => c.extensions],
  ['actionCount', (c) => c.actionCount],
  ['reportedUpwardAt', (c) => c.reportedUpwardAt],
  ['escalatedAt', (c) => c.escalatedAt],
  ['suspendedAt', (c) => c.suspendedAt],
  ['resolvedAt', (c) => c.resolvedAt],
  ['outcome', (c) => c.outcome],
  ['closedAt', (c) => c.closedAt],
  ['lastActivityAt', (c) => c.lastActivityAt],
  ['sourceVisitId', (c) => c.sourceVisitId],
];

export const CASE_LIST_CSV_HEADER = `${CASE_LIST_COLUMNS.map(([name]) => name).join(',')}\r\n`;

/** A CSV export holds at most this many rows; the cursor of the rest goes in the Ledger-Next-After and Link headers. */
export const CASE_CSV_MAX_ROWS = 20_000;
