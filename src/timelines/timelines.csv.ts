import { ids, type CsvColumn } from '../http/csv.js';
import type { TimelineDeadline } from './case-timeline.js';
import type { OverdueItem } from './case-timelines.query.js';

type Evidence = TimelineDeadline['evidence'];

/** Every event id a deadline's judgement rests on, in one cell. */
const evidenceIds = (evidence: Evidence): string =>
  ids(
    [
      evidence.clockStartEventId,
      evidence.completedByEventId,
      ...evidence.extensionEventIds,
      ...evidence.dueSetByEventIds,
      ...evidence.correctionEventIds,
      ...evidence.ruleEventIds,
      ...evidence.classificationEventIds,
    ].filter((eventId, index, all): eventId is string => eventId !== null && all.indexOf(eventId) === index),
  );

/** A case's timeline as a table: one row per deadline, as judged (the steps themselves are in the JSON answer). */
export const TIMELINE_DEADLINE_COLUMNS: readonly CsvColumn<TimelineDeadline & { readonly caseId: string }>[] = [
  ['caseId', (deadline) => deadline.caseId],
  ['step', (deadline) => deadline.step],
  ['status', (deadline) => deadline.status],
  ['ruleId', (deadline) => deadline.rule?.ruleId],
  ['legalReference', (deadline) => deadline.rule?.legalReference],
  ['limit', (deadline) => deadline.rule?.limit],
  ['limitUnit', (deadline) => deadline.rule?.unit],
  ['clockStartedAt', (deadline) => deadline.clockStartedAt],
  ['dueAt', (deadline) => deadline.dueAt],
  ['completedAt', (deadline) => deadline.completedAt],
  ['durationHours', (deadline) => deadline.durationHours],
  ['extensionsAllowed', (deadline) => deadline.extensionsAllowed],
  ['unitId', (deadline) => deadline.unitId],
  ['officialId', (deadline) => deadline.officialId],
  ['evidence', (deadline) => evidenceIds(deadline.evidence)],
];

export const OVERDUE_COLUMNS: readonly CsvColumn<OverdueItem>[] = [
  ['caseId', (item) => item.caseId],
  ['category', (item) => item.category],
  ['step', (item) => item.step],
  ['status', (item) => item.status],
  ['clockStartedAt', (item) => item.clockStartedAt],
  ['dueAt', (item) => item.dueAt],
  ['completedAt', (item) => item.completedAt],
  ['hoursLate', (item) => item.hoursLate],
  ['unitId', (item) => item.unitId],
  ['officialId', (item) => item.officialId],
  ['ruleId', (item) => item.ruleId],
  ['legalReference', (item) => item.legalReference],
  ['evidence', (item) => evidenceIds(item.evidence)],
];
