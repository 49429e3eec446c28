import type { CsvColumn } from '../http/csv.js';
import type { CaseListItem } from './case-list-item.js';

/** The case list as a table: the list item's field names as columns (never a reporter: a list holds none). */
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
  ['assigneeOfficialId', (c) => c.assignee?.officialId],
  ['assigneeUnitId', (c) => c.assignee?.unitId],
  ['receivedAt', (c) => c.receivedAt],
  ['acknowledgedAt', (c) => c.acknowledgedAt],
  ['assignedAt', (c) => c.assignedAt],
  ['dueAt', (c) => c.dueAt],
  ['extensions', (c) => c.extensions],
  ['actionCount', (c) => c.actionCount],
  ['reportedUpwardAt', (c) => c.reportedUpwardAt],
  ['escalatedAt', (c) => c.escalatedAt],
  ['resolvedAt', (c) => c.resolvedAt],
  ['outcome', (c) => c.outcome],
  ['closedAt', (c) => c.closedAt],
  ['lastActivityAt', (c) => c.lastActivityAt],
  ['sourceVisitId', (c) => c.sourceVisitId],
];

/** A CSV export holds at most this many rows; the cursor of the rest goes in the Ledger-Next-After header. */
export const CASE_CSV_MAX_ROWS = 20_000;
