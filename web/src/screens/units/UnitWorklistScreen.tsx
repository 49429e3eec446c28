import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ApiError } from '../../api/api-error';
import { api, documented } from '../../api/client';
import { can, useSession } from '../../api/session';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ErrorNotice, Loading, Section } from '../../ui/common';
import { RequirePermission } from '../../ui/Shell';
import { DUE_SOON_WORKING_DAYS } from '../overview/CaseFigures';
import { WorklistSections } from '../overview/MyWork';
import { RankedUnits } from './RankedUnits';

const route = getRouteApi('/units/$unitId');
// Enough for a unit's leaders to see the size of each part; beyond it the figure says "more than".
const COUNTED = 200;

/** The unit as the directory answers it (GET /api/v1/units/{unitId}): only its name and parent are read here. */
function unitOf(body: Record<string, unknown>, unitId: string): { name: string; parentId: string | null } {
  return {
    name: typeof body.name === 'string' ? body.name : unitId,
    parentId: typeof body.parentId === 'string' ? body.parentId : null,
  };
}

/** A unit's worklist, for its leaders: the work of the unit and the units under it, and those units ranked, each a click away. */
export function UnitWorklistScreen() {
  return (
    <RequirePermission permission="cases.read">
      <UnitWorklist />
    </RequirePermission>
  );
}

function UnitWorklist() {
  const { m } = useI18n();
  const { unitId } = route.useParams();
  const { data: session } = useSession();
  const directory = can(session, 'directory.read');
  const unit = useQuery({
    queryKey: ['units', unitId],
    enabled: directory,
    queryFn: async () => unitOf((await documented(api.GET('/api/v1/units/{unitId}', { params: { path: { unitId } } }))).body, unitId),
  });
  const worklist = useQuery({
    queryKey: ['worklists', 'units', unitId],
    queryFn: async () =>
      (
        await documented(
          api.GET('/api/v1/worklists/units/{unitId}', {
            params: { path: { unitId }, query: { limit: COUNTED, dueSoonWorkingDays: DUE_SOON_WORKING_DAYS } },
          }),
        )
      ).body,
  });
  const name = unit.data?.name ?? unitId;
  const notFound = worklist.error instanceof ApiError && worklist.error.status === 404;
  return (
    <article>
      <h1>{m.unitWork.title(name)}</h1>
      <p className="help">{m.unitWork.help}</p>
      <ul className="shortcuts">
        {unit.data?.parentId && (
          <li>
            {m.unitWork.parent}:{' '}
            <Link to="/units/$unitId" params={{ unitId: unit.data.parentId }}>
              {unit.data.parentId}
            </Link>
          </li>
        )}
        {can(session, 'records.read') && (
          <>
            <li>
              <Link to="/visits" search={{ unitId, below: true }}>
                {m.unitWork.visits}
              </Link>
            </li>
            <li>
              <Link to="/meetings" search={{ unitId, below: true }}>
                {m.unitWork.meetings}
              </Link>
            </li>
          </>
        )}
      </ul>
      {worklist.isPending ? (
        <Loading />
      ) : notFound ? (
        <p className="notice">{m.unitWork.notFound}</p>
      ) : worklist.error ? (
        <ErrorNotice error={worklist.error} onRetry={() => worklist.refetch()} />
      ) : (
        <Section title={m.overview.asOf(formatDateTime(worklist.data.asOf))}>
          <WorklistSections worklist={worklist.data} />
        </Section>
      )}
      {directory && !notFound && <UnitsBelow unitId={unitId} />}
    </article>
  );
}

function UnitsBelow({ unitId }: { readonly unitId: string }) {
  const { m } = useI18n();
  const below = useQuery({
    queryKey: ['units', 'below', unitId],
    queryFn: async () =>
      (await documented(api.GET('/api/v1/units', { params: { query: { parentId: unitId, status: 'active', limit: 200 } } }))).body.items,
  });
  return (
    <Section title={m.unitWork.below} help={m.unitWork.belowHelp}>
      {below.isPending ? (
        <Loading />
      ) : below.error ? (
        <ErrorNotice error={below.error} onRetry={() => below.refetch()} />
      ) : below.data.length === 0 ? (
        <p>{m.unitWork.belowNone}</p>
      ) : (
        <RankedUnits units={below.data} label={m.unitWork.below} />
      )}
    </Section>
  );
}
