import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { api, undocumented } from '../../api/client';
import { can, useSession } from '../../api/session';
import type { AggregatesView, OverdueItem } from '../../api/views';
import { formatDateTime, formatMonth, formatNumber, formatPercent } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { DateTime, ErrorNotice, label, Loading, Section } from '../../ui/common';
import { visibleNav } from '../../ui/Shell';
import { DeadlineBadge } from '../cases/StatusBadge';
import { CaseFigures } from './CaseFigures';
import { MyUnits } from './MyUnits';
import { MyWork } from './MyWork';

const BarChart = lazy(() => import('../../ui/charts/BarChart'));

const aggregates = (groupBy: 'month' | 'unit') => ({
  queryKey: ['timelines', 'aggregates', groupBy],
  queryFn: async () =>
    (await undocumented<AggregatesView>(api.GET('/api/v1/timelines/aggregates', { params: { query: { groupBy } } }))).body,
});

/**
 * The overview: the figures of the user's units (each opening its worklist view), the official's own
 * work, and for oversight the on-time rate by month, the units ranked by it and every deadline missed.
 */
export function OverviewScreen() {
  const { m } = useI18n();
  const { data: session } = useSession();
  const official = session?.roles.includes('official') ?? false;
  if (!can(session, 'oversight.read'))
    return (
      <div className="panel">
        <h1>{m.overview.title}</h1>
        {can(session, 'cases.read') && <CaseFigures />}
        {official && can(session, 'cases.read') && <MyWork />}
        {can(session, 'cases.read') && <MyUnits />}
        <p>{m.overview.welcome}</p>
        <ul className="shortcuts">
          {visibleNav(session)
            .filter((item) => item.to !== '/')
            .map((item) => (
              <li key={item.to}>
                <Link to={item.to}>{item.label(m)}</Link>
              </li>
            ))}
        </ul>
      </div>
    );
  return (
    <>
      <h1>{m.overview.title}</h1>
      {can(session, 'cases.read') && <CaseFigures />}
      {official && can(session, 'cases.read') && <MyWork />}
      {can(session, 'cases.read') && <MyUnits />}
      <div className="grid-2">
        <OnTimeByMonth />
        <UnitsRanked />
      </div>
      <OverdueDeadlines />
    </>
  );
}

function OnTimeByMonth() {
  const { m, language } = useI18n();
  const months = useQuery(aggregates('month'));
  return (
    <Section title={m.overview.onTimeByMonth} help={m.overview.onTimeByMonthHelp}>
      {months.isPending ? (
        <Loading />
      ) : months.error ? (
        <ErrorNotice error={months.error} onRetry={() => months.refetch()} />
      ) : (
        <>
          <Suspense fallback={<Loading />}>
            <BarChart
              title={m.overview.asOf(formatDateTime(months.data.asOf))}
              max={1}
              bars={months.data.groups.map((group) => ({
                key: group.key,
                label: (
                  <Link to="/audit" search={{ type: 'CaseReceived', from: `${group.key}-01T00:00:00+07:00`, to: nextMonth(group.key) }}>
                    {formatMonth(group.key)}
                  </Link>
                ),
                value: group.onTimeRate ?? 0,
                valueText: `${formatPercent(group.onTimeRate, language)} · ${formatNumber(group.count, language)}`,
                tone: group.onTimeRate === null ? 'neutral' : group.onTimeRate >= 0.9 ? 'good' : group.onTimeRate >= 0.6 ? 'warn' : 'bad',
              }))}
            />
          </Suspense>
        </>
      )}
    </Section>
  );
}

function UnitsRanked() {
  const { m, language } = useI18n();
  const units = useQuery(aggregates('unit'));
  return (
    <Section title={m.overview.units} help={m.overview.unitsHelp}>
      {units.isPending ? (
        <Loading />
      ) : units.error ? (
        <ErrorNotice error={units.error} onRetry={() => units.refetch()} />
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.overview.units}</th>
                <th scope="col">{m.overview.deadlines}</th>
                <th scope="col">{m.overview.onTimeRate}</th>
              </tr>
            </thead>
            <tbody>
              {[...units.data.groups]
                .sort((a, b) => (a.onTimeRate ?? 2) - (b.onTimeRate ?? 2))
                .map((group) => (
                  <tr key={group.key}>
                    <th scope="row">
                      <Link to="/evaluations" search={{ unitId: group.key }}>
                        {group.key}
                      </Link>
                    </th>
                    <td>{formatNumber(group.count, language)}</td>
                    <td>{formatPercent(group.onTimeRate, language)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

/**
 * Every deadline overdue or missed, asked only when the reader opens it: on a province the answer is
 * megabytes, and the figures above already link to the open cases past due.
 */
function OverdueDeadlines() {
  const { m } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <section className="panel" aria-labelledby="overdue-deadlines">
      <details onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>
          <h2 id="overdue-deadlines" className="summary-heading">
            {m.overview.overdue}
          </h2>
        </summary>
        {open && <OverdueTable />}
      </details>
    </section>
  );
}

function OverdueTable() {
  const { m, language } = useI18n();
  const overdue = useQuery({
    queryKey: ['timelines', 'overdue'],
    queryFn: async () =>
      (
        await undocumented<{ asOf: string; items: OverdueItem[] }>(
          api.GET('/api/v1/timelines/overdue', { params: { query: { status: 'breached' } } }),
        )
      ).body,
  });
  return (
    <>
      {overdue.isPending ? (
        <Loading />
      ) : overdue.error ? (
        <ErrorNotice error={overdue.error} onRetry={() => overdue.refetch()} />
      ) : overdue.data.items.length === 0 ? (
        <p>{m.overview.overdueNone}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{m.cases.caseId}</th>
                <th scope="col">{m.cases.step}</th>
                <th scope="col">{m.cases.unit}</th>
                <th scope="col">{m.cases.dueAt}</th>
                <th scope="col">{m.overview.hoursLate}</th>
                <th scope="col">{m.cases.deadlineStatus}</th>
              </tr>
            </thead>
            <tbody>
              {overdue.data.items.map((item) => (
                <tr key={`${item.caseId}:${item.step}`}>
                  <th scope="row">
                    <Link to="/cases/$caseId" params={{ caseId: item.caseId }}>
                      <code>{item.caseId.slice(0, 8)}</code>
                    </Link>
                  </th>
                  <td>{label(m.steps, item.step)}</td>
                  <td>{item.unitId}</td>
                  <td>
                    <DateTime value={item.dueAt} />
                  </td>
                  <td>{formatNumber(item.hoursLate, language, 1)}</td>
                  <td>
                    <DeadlineBadge status={item.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function nextMonth(month: string): string {
  const [year, number] = month.split('-').map(Number);
  const next = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
  return `${next}-01T00:00:00+07:00`;
}
