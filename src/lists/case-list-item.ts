import type { CaseFacts } from '../cases/case-facts.js';

/**
 * A case as a list shows it: where it is, who holds it, its dates and its summary. Never its reporter,
 * whatever the reader's role: a list is not a read of personal data (read the case for that).
 */
export function caseListItem(c: CaseFacts) {
  return {
    caseId: c.caseId,
    status: c.status,
    category: c.category,
    channel: c.channel,
    classification: c.classification,
    complexity: c.complexity,
    summary: c.summary,
    receivedUnitId: c.receivedUnitId,
    currentUnitId: c.currentUnitId,
    assignee: c.assignee,
    receivedAt: c.receivedAt,
    acknowledgedAt: c.acknowledgedAt,
    assignedAt: c.assignedAt,
    dueAt: c.dueAt,
    extensions: c.extensions,
    actionCount: c.actionCount,
    reportedUpwardAt: c.reportedUpwardAt,
    escalatedAt: c.escalatedAt,
    resolvedAt: c.resolvedAt,
    outcome: c.outcome,
    closedAt: c.closedAt,
    suspendedAt: c.suspension?.at ?? null,
    lastActivityAt: c.lastOccurredAt,
    sourceVisitId: c.sourceVisitId,
  };
}

export type CaseListItem = ReturnType<typeof caseListItem>;
