import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { can, useSession } from '../../api/session';
import type { CaseView } from '../../api/views';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { DateTime, Definitions, ErrorNotice, label, Loading, Section } from '../../ui/common';
import { RequirePermission } from '../../ui/Shell';
import { CaseActions } from './CaseActions';
import { CaseEvents } from './CaseEvents';
import { caseAuditQuery, caseHistoryQuery, caseTimelineQuery } from './case-queries';
import { CaseDeadlines } from './CaseDeadlines';
import { ReplayControl } from './ReplayControl';
import { ReporterPanel } from './ReporterPanel';
import { StatusBadge } from './StatusBadge';

const route = getRouteApi('/cases/$caseId');

export function CaseScreen() {
  return (
    <RequirePermission permission="cases.read">
      <CaseDetail />
    </RequirePermission>
  );
}

function CaseDetail() {
  const { m } = useI18n();
  const { caseId } = route.useParams();
  const search = route.useSearch();
  const replay = { asOf: search.asOf, by: search.by === 'occurred' ? ('occurred' as const) : ('recorded' as const) };
  const { data: session } = useSession();
  const oversight = can(session, 'oversight.read');
  const [minPosition, setMinPosition] = useState<number>();
  const queryClient = useQueryClient();

  const history = useQuery(caseHistoryQuery(caseId, replay));
  const timeline = useQuery({ ...caseTimelineQuery(caseId, replay.asOf, minPosition), enabled: oversight });
  const audit = useQuery({ ...caseAuditQuery(caseId, minPosition), enabled: oversight });

  if (history.isPending) return <Loading />;
  if (history.error) {
    if (history.error instanceof ApiError && history.error.status === 404) return <p className="notice">{m.cases.notFound}</p>;
    return <ErrorNotice error={history.error} onRetry={() => history.refetch()} />;
  }
  const { state, steps } = history.data;
  const last = steps[steps.length - 1];

  async function afterWrite(position: number | null) {
    if (position !== null) setMinPosition(position);
    await queryClient.invalidateQueries({ queryKey: ['case', caseId] });
  }

  return (
    <article className="case">
      <h1>{m.cases.title(caseId.slice(0, 8))}</h1>
      <p className="muted">
        <code>{caseId}</code>
      </p>
      <ReplayControl caseId={caseId} asOf={replay.asOf} by={replay.by} />
      {replay.asOf && (
        <p className="notice notice-replay" role="status">
          {m.cases.replayingAt(formatDateTime(replay.asOf), replay.by === 'occurred' ? m.cases.byOccurred : m.cases.byRecorded)}
        </p>
      )}
      {state.status === 'unreceived' ? (
        <p className="notice">{m.cases.notYetReceived}</p>
      ) : (
        <>
          <CaseSummary state={state} />
          <ReporterPanel reporter={state.reporter} />
        </>
      )}
      <CaseEvents steps={steps} audit={oversight ? audit : undefined} />
      {oversight && <CaseDeadlines timeline={timeline} />}
      {!replay.asOf && state.status !== 'unreceived' && last && (
        <CaseActions state={state} etag={`"${last.streamRevision}"`} onDone={afterWrite} />
      )}
    </article>
  );
}

function CaseSummary({ state }: { readonly state: CaseView }) {
  const { m } = useI18n();
  const assignee = state.assignee?.officialId ? (
    <Link to="/officials/$officialId" params={{ officialId: state.assignee.officialId }}>
      {state.assignee.officialId}
    </Link>
  ) : (
    (state.assignee?.unitId ?? '–')
  );
  return (
    <Section title={m.cases.summary}>
      <p className="case-summary">{state.summary}</p>
      <Definitions
        items={[
          [m.cases.status, <StatusBadge status={state.status} key="status" />],
          [m.cases.category, label(m.categories, state.category)],
          [m.cases.channel, label(m.channels, state.channel)],
          [m.cases.unit, state.currentUnitId],
          [m.cases.receivedUnit, state.receivedUnitId],
          [m.cases.classification, label(m.classifications, state.classification)],
          [m.cases.complexity, label(m.complexities, state.complexity)],
          [m.cases.assignee, assignee],
          [m.cases.dueAt, <DateTime value={state.dueAt} key="due" />],
          [m.cases.receivedAt, <DateTime value={state.receivedAt} key="received" />],
          ...(state.location?.address ? ([[m.cases.location, state.location.address]] as const) : []),
          ...(state.outcome ? ([[m.cases.outcome, state.outcome]] as const) : []),
        ]}
      />
    </Section>
  );
}
