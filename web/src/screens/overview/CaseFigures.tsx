import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, documented } from '../../api/client';
import { formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ErrorNotice, Section } from '../../ui/common';
import { caseListQueryOf, type CaseSearch } from '../cases/case-filters';

export const DUE_SOON_WORKING_DAYS = 3;

/** The four figures of the user's units, each the count of a worklist view it opens (the API keeps to the caller's units). */
const FIGURES = [
  ['open', { status: 'open' }],
  ['overdue', { overdue: true, sort: 'due' }],
  ['dueSoon', { dueWithinWorkingDays: DUE_SOON_WORKING_DAYS, sort: 'due' }],
  ['notReportedUpward', { notReportedUpward: true }],
] as const satisfies readonly (readonly [string, CaseSearch])[];

export function CaseFigures() {
  const { m } = useI18n();
  return (
    <Section title={m.overview.figures} help={m.overview.figuresHelp}>
      <ul className="figures">
        {FIGURES.map(([name, search]) => (
          <li key={name}>
            <CaseCount search={search} label={m.overview.figure[name]} />
          </li>
        ))}
      </ul>
    </Section>
  );
}

function CaseCount({ search, label }: { readonly search: CaseSearch; readonly label: string }) {
  const { m, language } = useI18n();
  const count = useQuery({
    queryKey: ['cases', 'count', search],
    queryFn: async () =>
      (await documented(api.GET('/api/v1/cases', { params: { query: { ...caseListQueryOf(search), limit: 1, count: true } } }))).body
        .total ?? 0,
  });
  if (count.error) return <ErrorNotice error={count.error} onRetry={() => count.refetch()} />;
  return (
    <Link to="/cases" search={search} className={`figure-link${count.data ? '' : ' figure-zero'}`}>
      <span className="figure-value" aria-hidden={count.isPending || undefined}>
        {count.isPending ? '…' : formatNumber(count.data!, language)}
      </span>
      <span className="figure-label">{count.isPending ? `${label}: ${m.app.loading}` : label}</span>
    </Link>
  );
}
