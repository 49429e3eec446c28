import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, documented } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/i18n';
import { DateTime, ErrorNotice, EventLink, Loading, Section } from '../../ui/common';
import { caseSearchOf, type CaseSearch } from '../cases/case-filters';
import { DUE_SOON_WORKING_DAYS } from './CaseFigures';

type CaseSection = components['schemas']['CaseSectionView'];
type Worklist = Omit<components['schemas']['UnitWorklistView'], 'unitId'>;
const SHOWN = 5;
// Enough for an official's own work to be counted exactly; beyond it the figure says "more than".
const COUNTED = 200;

/** The section's list (an API link) as the worklist's filters, so "see all" opens the same cases on the cases screen. */
export function worklistSearchOf(list: string): CaseSearch {
  const { asOf: _asOf, limit: _limit, ...filters } = Object.fromEntries(new URL(list, 'http://ledger.invalid').searchParams);
  return caseSearchOf(filters);
}

/** What the signed-in official has to do: their open cases, those due soon or overdue, matters to report, visits planned. */
export function MyWork() {
  const { m } = useI18n();
  const mine = useQuery({
    queryKey: ['worklists', 'mine'],
    queryFn: async () =>
      (
        await documented(
          api.GET('/api/v1/worklists/mine', { params: { query: { limit: COUNTED, dueSoonWorkingDays: DUE_SOON_WORKING_DAYS } } }),
        )
      ).body,
  });
  return (
    <Section title={m.myWork.title} help={m.myWork.help}>
      {mine.isPending ? (
        <Loading />
      ) : mine.error ? (
        <ErrorNotice error={mine.error} onRetry={() => mine.refetch()} />
      ) : (
        <WorklistSections worklist={mine.data} />
      )}
    </Section>
  );
}

/** A worklist's five parts (an official's or a unit's): cases assigned, due soon, overdue, to report upward, and visits planned. */
export function WorklistSections({ worklist }: { readonly worklist: Worklist }) {
  const { m } = useI18n();
  return (
    <div className="grid-2">
      <Cases title={m.myWork.assigned} section={worklist.assigned} />
      <Cases title={m.myWork.dueSoon} section={worklist.dueSoon} />
      <Cases title={m.myWork.overdue} section={worklist.overdue} />
      <Cases title={m.myWork.notReportedUpward} section={worklist.notReportedUpward} />
      <div className="work-part">
        <h3>
          {m.myWork.visitsPlanned} <Count n={worklist.visitsPlanned.items.length} more={worklist.visitsPlanned.more} />
        </h3>
        {worklist.visitsPlanned.items.length === 0 ? (
          <p className="muted">{m.app.none}</p>
        ) : (
          <ul className="work-list">
            {worklist.visitsPlanned.items.slice(0, SHOWN).map((visit) => (
              <li key={visit.visitId}>
                <DateTime value={visit.plannedFor} /> · {visit.purpose} · {visit.unitId}{' '}
                {visit.events[0] && <EventLink eventId={visit.events[0].eventId} />}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function Count({ n, more }: { readonly n: number; readonly more: boolean }) {
  const { m } = useI18n();
  return <span className="badge badge-neutral">{more ? m.myWork.moreThan(n) : n}</span>;
}

function Cases({ title, section }: { readonly title: string; readonly section: CaseSection }) {
  const { m } = useI18n();
  const items = section.items;
  return (
    <div className="work-part">
      <h3>
        {title} <Count n={items.length} more={section.more} />
      </h3>
      {items.length === 0 ? (
        <p className="muted">{m.app.none}</p>
      ) : (
        <ul className="work-list">
          {items.slice(0, SHOWN).map((item) => (
            <li key={item.caseId}>
              <Link to="/cases/$caseId" params={{ caseId: item.caseId }}>
                {item.summary}
              </Link>{' '}
              <span className="muted">
                {m.cases.dueAt}: <DateTime value={item.dueAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {items.length > 0 && (
        <Link to="/cases" search={worklistSearchOf(section.list)}>
          {m.myWork.seeAll}
        </Link>
      )}
    </div>
  );
}
