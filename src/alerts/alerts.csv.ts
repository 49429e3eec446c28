import { ids, type CsvColumn } from '../http/csv.js';
import type { Alert } from './alert.js';

export const ALERT_COLUMNS: readonly CsvColumn<Alert>[] = [
  ['alertId', (a) => a.alertId],
  ['kind', (a) => a.kind],
  ['caseId', (a) => a.caseId],
  ['category', (a) => a.category],
  ['step', (a) => a.step],
  ['clockStartedAt', (a) => a.clockStartedAt],
  ['dueAt', (a) => a.dueAt],
  ['workingDaysLeft', (a) => a.workingDaysLeft],
  ['hoursLeft', (a) => a.hoursLeft],
  ['unitId', (a) => a.unitId],
  ['officialId', (a) => a.officialId],
  ['ruleId', (a) => a.ruleId],
  ['legalReference', (a) => a.legalReference],
  ['case', (a) => a.links.case],
  ['evidence', (a) => ids(a.evidenceEventIds)],
];

export const ALERT_CSV_HEADER = `${ALERT_COLUMNS.map(([name]) => name).join(',')}\r\n`;
