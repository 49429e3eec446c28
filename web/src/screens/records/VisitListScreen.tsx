import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { api, documented } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';
import { Badge, DateTime, label, type Tone } from '../../ui/common';
import { RequirePermission } from '../../ui/Shell';
import { EventTrail } from './EventTrail';
import { type FilterSpec } from './RecordFilterForm';
import { RecordListPage } from './RecordListPage';
import { VISIT_KINDS, VISIT_SORTS, VISIT_STATUSES, visitListQueryOf, visitSearchOf } from './record-filters';

type VisitListItem = components['schemas']['VisitListItemView'];

const route = getRouteApi('/visits');
const PAGE = 50;
const TONES: Record<string, Tone> = { scheduled: 'warn', conducted: 'good', cancelled: 'neutral' };

/** The visits to the grassroots: every filter of the visit list, kept in the address; each row opens the visit's events. */
export function VisitListScreen() {
  return (
    <RequirePermission permission="records.read">
      <VisitList />
    </RequirePermission>
  );
}

function VisitList() {
  const { m } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate();
  const pages = useInfiniteQuery({
    queryKey: ['visits', 'list', search],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await documented(api.GET('/api/v1/visits', { params: { query: { ...visitListQueryOf(search), after: pageParam, limit: PAGE } } })))
        .body,
    getNextPageParam: (page) => page.nextAfter ?? undefined,
  });
  const specs: readonly FilterSpec[] = [
    { name: 'unitId', label: m.records.unitId, kind: 'units' },
    { name: 'below', label: m.records.below, kind: 'checkbox' },
    { name: 'participantId', label: m.records.participantId, kind: 'officials' },
    { name: 'from', label: m.records.from, kind: 'day' },
    { name: 'to', label: m.records.to, kind: 'day' },
    { name: 'kind', label: m.records.kind, kind: 'select', options: VISIT_KINDS.map((kind) => [kind, label(m.visitKinds, kind)]) },
    {
      name: 'status',
      label: m.records.status,
      kind: 'select',
      options: VISIT_STATUSES.map((status) => [status, label(m.records.visitStatuses, status)]),
    },
    {
      name: 'sort',
      label: m.records.sort,
      kind: 'select',
      any: false,
      options: VISIT_SORTS.map((sort) => [sort, label(m.records.visitSorts, sort)]),
    },
  ];
  return (
    <RecordListPage
      title={m.records.visitsTitle}
      help={m.records.visitsHelp}
      clear="/visits"
      idPrefix="visits"
      specs={specs}
      search={search}
      searchOf={visitSearchOf}
      idFields={['unitId', 'participantId']}
      go={(next) => void navigate({ to: '/visits', search: next })}
      pages={pages}
      table={(items) => <VisitTable items={items} />}
    />
  );
}

export function VisitTable({ items }: { readonly items: readonly VisitListItem[] }) {
  const { m } = useI18n();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={m.records.visitsTitle}>
      <table className="record-table">
        <thead>
          <tr>
            <th scope="col">{m.records.purpose}</th>
            <th scope="col">{m.records.plannedFor}</th>
            <th scope="col">{m.records.kind}</th>
            <th scope="col">{m.records.status}</th>
            <th scope="col">{m.records.unitId}</th>
            <th scope="col">{m.records.participants}</th>
            <th scope="col">{m.records.findings}</th>
            <th scope="col">{m.records.events}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((visit) => (
            <tr key={visit.visitId}>
              <th scope="row">
                {visit.events[0] ? (
                  <Link
                    to="/events/$eventId"
                    params={{ eventId: visit.events[0].eventId }}
                    aria-label={m.records.openVisit(visit.purpose)}
                    className="case-link"
                  >
                    {visit.purpose}
                  </Link>
                ) : (
                  visit.purpose
                )}
                <span className="muted case-id">
                  <code>{visit.visitId}</code>
                  {visit.place && <> · {visit.place}</>}
                </span>
              </th>
              <td>
                <DateTime value={visit.plannedFor} />
              </td>
              <td>{label(m.visitKinds, visit.kind)}</td>
              <td>
                <Badge tone={TONES[visit.status] ?? 'neutral'}>{label(m.records.visitStatuses, visit.status)}</Badge>
              </td>
              <td>
                <Link to="/units/$unitId" params={{ unitId: visit.unitId }}>
                  {visit.unitId}
                </Link>
              </td>
              <td>
                <OfficialLinks ids={visit.participants} />
              </td>
              <td>{visit.findings.length}</td>
              <td>
                <EventTrail events={visit.events} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function OfficialLinks({ ids }: { readonly ids: readonly string[] }) {
  if (ids.length === 0) return <span className="muted">–</span>;
  return (
    <ul className="evidence-inline">
      {ids.map((officialId) => (
        <li key={officialId}>
          <Link to="/officials/$officialId" params={{ officialId }}>
            {officialId}
          </Link>
        </li>
      ))}
    </ul>
  );
}
