import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { api, documented } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';
import { DateTime, label } from '../../ui/common';
import { RequirePermission } from '../../ui/Shell';
import { EventTrail } from './EventTrail';
import { type FilterSpec } from './RecordFilterForm';
import { RecordListPage } from './RecordListPage';
import { MEETING_KINDS, MEETING_SORTS, meetingListQueryOf, meetingSearchOf } from './record-filters';
import { OfficialLinks } from './VisitListScreen';

type MeetingListItem = components['schemas']['MeetingListItemView'];

const route = getRouteApi('/meetings');
const PAGE = 50;

/** The meetings (party committee, party cell): every filter of the meeting list, kept in the address; each row opens its events. */
export function MeetingListScreen() {
  return (
    <RequirePermission permission="records.read">
      <MeetingList />
    </RequirePermission>
  );
}

function MeetingList() {
  const { m } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate();
  const pages = useInfiniteQuery({
    queryKey: ['meetings', 'list', search],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (
        await documented(
          api.GET('/api/v1/meetings', { params: { query: { ...meetingListQueryOf(search), after: pageParam, limit: PAGE } } }),
        )
      ).body,
    getNextPageParam: (page) => page.nextAfter ?? undefined,
  });
  const specs: readonly FilterSpec[] = [
    { name: 'unitId', label: m.records.unitId, kind: 'units' },
    { name: 'below', label: m.records.below, kind: 'checkbox' },
    { name: 'attendeeId', label: m.records.attendeeId, kind: 'officials' },
    { name: 'from', label: m.records.from, kind: 'day' },
    { name: 'to', label: m.records.to, kind: 'day' },
    {
      name: 'kind',
      label: m.records.meetingKind,
      kind: 'select',
      options: MEETING_KINDS.map((kind) => [kind, label(m.meetingKinds, kind)]),
    },
    {
      name: 'sort',
      label: m.records.sort,
      kind: 'select',
      any: false,
      options: MEETING_SORTS.map((sort) => [sort, label(m.records.meetingSorts, sort)]),
    },
  ];
  return (
    <RecordListPage
      title={m.records.meetingsTitle}
      help={m.records.meetingsHelp}
      clear="/meetings"
      idPrefix="meetings"
      specs={specs}
      search={search}
      searchOf={meetingSearchOf}
      idFields={['unitId', 'attendeeId']}
      go={(next) => void navigate({ to: '/meetings', search: next })}
      pages={pages}
      table={(items) => <MeetingTable items={items} />}
    />
  );
}

export function MeetingTable({ items }: { readonly items: readonly MeetingListItem[] }) {
  const { m } = useI18n();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={m.records.meetingsTitle}>
      <table className="record-table">
        <thead>
          <tr>
            <th scope="col">{m.records.heldAt}</th>
            <th scope="col">{m.records.meetingKind}</th>
            <th scope="col">{m.records.unitId}</th>
            <th scope="col">{m.records.attendees}</th>
            <th scope="col">{m.records.agenda}</th>
            <th scope="col">{m.records.events}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((meeting) => (
            <tr key={meeting.meetingId}>
              <th scope="row">
                {meeting.events[0] ? (
                  <Link to="/events/$eventId" params={{ eventId: meeting.events[0].eventId }}>
                    <DateTime value={meeting.heldAt} />
                  </Link>
                ) : (
                  <DateTime value={meeting.heldAt} />
                )}
                <span className="muted case-id">
                  <code>{meeting.meetingId}</code>
                </span>
              </th>
              <td>{label(m.meetingKinds, meeting.kind)}</td>
              <td>
                <Link to="/units/$unitId" params={{ unitId: meeting.unitId }}>
                  {meeting.unitId}
                </Link>
              </td>
              <td>
                <OfficialLinks ids={meeting.attendees} />
              </td>
              <td>{meeting.agendaSummary ?? <span className="muted">–</span>}</td>
              <td>
                <EventTrail events={meeting.events} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
