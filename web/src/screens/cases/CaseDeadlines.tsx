import type { UseQueryResult } from '@tanstack/react-query';
import type { TimelineView } from '../../api/views';
import { useI18n } from '../../i18n/i18n';
import { DateTime, ErrorNotice, EventLink, label, Loading, Section } from '../../ui/common';
import { DeadlineBadge } from './StatusBadge';

/** Each legal deadline of the case: its rule and article, when the clock started, when it was due, and the verdict. */
export function CaseDeadlines({ timeline }: { readonly timeline: UseQueryResult<TimelineView> }) {
  const { m } = useI18n();
  return (
    <Section title={m.cases.deadlines}>
      {timeline.isPending ? (
        <Loading />
      ) : timeline.error ? (
        <ErrorNotice error={timeline.error} onRetry={() => timeline.refetch()} />
      ) : timeline.data.deadlines.length === 0 ? (
        <p>{m.cases.noDeadlines}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.cases.step}</th>
                <th scope="col">{m.cases.legalReference}</th>
                <th scope="col">{m.cases.limit}</th>
                <th scope="col">{m.cases.dueAt}</th>
                <th scope="col">{m.cases.completedAt}</th>
                <th scope="col">{m.cases.deadlineStatus}</th>
                <th scope="col">{m.cases.evidence}</th>
              </tr>
            </thead>
            <tbody>
              {timeline.data.deadlines.map((deadline) => {
                const evidence = [
                  deadline.evidence.clockStartEventId,
                  deadline.evidence.completedByEventId,
                  ...deadline.evidence.dueSetByEventIds,
                  ...deadline.evidence.extensionEventIds,
                ].filter((id): id is string => id !== null);
                return (
                  <tr key={deadline.step}>
                    <th scope="row">{label(m.steps, deadline.step)}</th>
                    <td>
                      {deadline.rule ? (
                        <>
                          {deadline.rule.legalReference}
                          {deadline.rule.remoteArea && <span className="muted"> ({m.cases.remoteArea})</span>}
                          {deadline.rule.needsCheck && <span className="muted"> ({m.cases.needsCheck})</span>}
                        </>
                      ) : (
                        <span className="muted">–</span>
                      )}
                    </td>
                    <td>
                      {deadline.rule
                        ? (m.limitUnits[deadline.rule.unit]?.(deadline.rule.limit) ?? `${deadline.rule.limit} ${deadline.rule.unit}`)
                        : '–'}
                    </td>
                    <td>
                      <DateTime value={deadline.dueAt} />
                    </td>
                    <td>
                      <DateTime value={deadline.completedAt} />
                    </td>
                    <td>
                      <DeadlineBadge status={deadline.status} />
                    </td>
                    <td>
                      <ul className="evidence-inline">
                        {[...new Set(evidence)].map((eventId) => (
                          <li key={eventId}>
                            <EventLink eventId={eventId} />
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
