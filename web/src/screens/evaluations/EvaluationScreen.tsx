import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { api, undocumented } from '../../api/client';
import { INDICATORS, type EvaluationView, type Indicator } from '../../api/views';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ErrorNotice, Figure, Loading, Section } from '../../ui/common';
import { RequirePermission } from '../../ui/Shell';

const BarChart = lazy(() => import('../../ui/charts/BarChart'));
const route = getRouteApi('/evaluations');
type SortKey = Indicator | 'officialId';

function currentYear(): number {
  return Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()));
}

export function EvaluationScreen() {
  return (
    <RequirePermission permission="oversight.read">
      <Evaluation />
    </RequirePermission>
  );
}

function Evaluation() {
  const { m } = useI18n();
  const search = route.useSearch();
  const year = /^\d{4}$/.test(search.year ?? '') ? Number(search.year) : currentYear();
  const sort: SortKey = (INDICATORS as readonly string[]).includes(search.sort ?? '') ? (search.sort as Indicator) : 'officialId';
  const order = search.order === 'desc' ? 'desc' : 'asc';
  const chart: Indicator = (INDICATORS as readonly string[]).includes(search.chart ?? '') ? (search.chart as Indicator) : 'monthsMissed';
  const unitId = search.unitId;
  const evaluation = useQuery({
    queryKey: ['evaluation', year, unitId, sort, order],
    enabled: unitId !== undefined,
    queryFn: async () =>
      (
        await undocumented<EvaluationView>(
          api.GET('/api/v1/evaluations/{year}', { params: { path: { year: String(year) }, query: { unitId, sort, order } } }),
        )
      ).body,
  });
  const csv = unitId ? `/api/v1/evaluations/${year}.csv?${new URLSearchParams({ unitId, sort, order })}` : undefined;
  return (
    <article className="evaluation">
      <h1>{m.evaluation.title(year)}</h1>
      <p className="print-only">
        {unitId} · {m.evaluation.printedAt(formatDateTime(new Date()))}
      </p>
      <EvaluationPicker year={year} unitId={unitId} />
      {!unitId ? (
        <p className="notice">{m.evaluation.chooseUnit}</p>
      ) : evaluation.isPending ? (
        <Loading />
      ) : evaluation.error ? (
        <ErrorNotice error={evaluation.error} onRetry={() => evaluation.refetch()} />
      ) : (
        <>
          <div className="toolbar no-print">
            <a className="button" href={csv} download>
              {m.app.downloadCsv}
            </a>
            <button type="button" onClick={() => window.print()}>
              {m.app.print}
            </button>
          </div>
          {evaluation.data.officials.length === 0 ? (
            <p>{m.evaluation.noOfficials}</p>
          ) : (
            <>
              <EvaluationTable evaluation={evaluation.data} sort={sort} order={order} />
              <EvaluationChart evaluation={evaluation.data} indicator={chart} />
            </>
          )}
        </>
      )}
    </article>
  );
}

function EvaluationPicker({ year, unitId }: { readonly year: number; readonly unitId?: string }) {
  const { m } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const years = Array.from({ length: currentYear() - 2010 + 2 }, (_, index) => 2010 + index).reverse();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const unit = String(data.get('unitId') ?? '').trim();
    if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(unit)) return setError(m.validation.idFormat);
    setError(undefined);
    void navigate({ to: '/evaluations', search: (previous) => ({ ...previous, year: String(data.get('year')), unitId: unit }) });
  }
  return (
    <form className="panel inline-form no-print" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="evaluation-year">{m.evaluation.year}</label>
        <select id="evaluation-year" name="year" defaultValue={String(year)}>
          {years.map((candidate) => (
            <option key={candidate} value={candidate}>
              {candidate}
            </option>
          ))}
        </select>
      </div>
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor="evaluation-unit">{m.evaluation.unitId}</label>
        <input
          id="evaluation-unit"
          name="unitId"
          defaultValue={unitId}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'evaluation-unit-error' : undefined}
        />
        {error && (
          <p className="field-error" id="evaluation-unit-error">
            {error}
          </p>
        )}
      </div>
      <button type="submit">{m.evaluation.apply}</button>
    </form>
  );
}

function EvaluationTable({
  evaluation,
  sort,
  order,
}: {
  readonly evaluation: EvaluationView;
  readonly sort: SortKey;
  readonly order: 'asc' | 'desc';
}) {
  const { m } = useI18n();
  const header = (key: SortKey, text: string) => {
    const active = sort === key;
    const next = active && order === 'asc' ? 'desc' : 'asc';
    return (
      <th scope="col" key={key} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <Link to="/evaluations" search={(previous) => ({ ...previous, sort: key, order: next })} aria-label={m.evaluation.sortBy(text)}>
          {text}
          <span aria-hidden="true">{active ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </Link>
      </th>
    );
  };
  const { from, to } = evaluation.period;
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="evaluation-table">
        <thead>
          <tr>
            {header('officialId', m.evaluation.official)}
            {INDICATORS.map((indicator) => header(indicator, m.indicators[indicator] ?? indicator))}
          </tr>
        </thead>
        <tbody>
          {evaluation.officials.map((official) => (
            <tr key={official.officialId}>
              <th scope="row">
                <Link to="/officials/$officialId" params={{ officialId: official.officialId }} search={{ from, to }}>
                  {official.fullName}
                </Link>
              </th>
              {INDICATORS.map((indicator) => (
                <td key={indicator}>
                  <Figure figure={official.indicators[indicator]} label={`${official.fullName}, ${m.indicators[indicator]}`} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EvaluationChart({ evaluation, indicator }: { readonly evaluation: EvaluationView; readonly indicator: Indicator }) {
  const { m, language } = useI18n();
  const navigate = useNavigate();
  const max = Math.max(1, ...evaluation.officials.map((official) => official.indicators[indicator].count));
  return (
    <Section title={m.evaluation.chart}>
      <div className="field no-print">
        <label htmlFor="chart-indicator">{m.evaluation.chartIndicator}</label>
        <select
          id="chart-indicator"
          value={indicator}
          onChange={(event) => void navigate({ to: '/evaluations', search: (previous) => ({ ...previous, chart: event.target.value }) })}
        >
          {INDICATORS.map((candidate) => (
            <option key={candidate} value={candidate}>
              {m.indicators[candidate]}
            </option>
          ))}
        </select>
      </div>
      <Suspense fallback={<Loading />}>
        <BarChart
          title={m.indicators[indicator] ?? indicator}
          max={max}
          bars={evaluation.officials.map((official) => ({
            key: official.officialId,
            label: official.fullName,
            value: official.indicators[indicator].count,
            valueText: formatNumber(official.indicators[indicator].count, language),
          }))}
        />
      </Suspense>
    </Section>
  );
}
