import { useQueries } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, documented } from '../../api/client';
import { formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { caseListQueryOf, type CaseSearch } from '../cases/case-filters';

export interface UnitName {
  readonly unitId: string;
  readonly name: string;
}

interface Ranked extends UnitName {
  readonly open: number | undefined;
  readonly overdue: number | undefined;
}

/** Most overdue first, then most open, then by name; a unit whose figures are still loading goes last. */
export function rankUnits(units: readonly Ranked[]): Ranked[] {
  return [...units].sort(
    (a, b) => (b.overdue ?? -1) - (a.overdue ?? -1) || (b.open ?? -1) - (a.open ?? -1) || a.name.localeCompare(b.name, 'vi'),
  );
}

const openOf = (unitId: string): CaseSearch => ({ unitId, below: true, status: 'open' });
const overdueOf = (unitId: string): CaseSearch => ({ unitId, below: true, overdue: true, sort: 'due' });

/**
 * Units ranked by their open cases past due (the unit and everything under it), each a click away: the
 * name opens the unit's worklist, a figure the cases it counts. The counts come from the case list, so
 * they are the cases screen's own numbers.
 */
export function RankedUnits({ units, label }: { readonly units: readonly UnitName[]; readonly label: string }) {
  const { m, language } = useI18n();
  const count = (search: CaseSearch) => ({
    queryKey: ['cases', 'count', search],
    queryFn: async () =>
      (await documented(api.GET('/api/v1/cases', { params: { query: { ...caseListQueryOf(search), limit: 1, count: true } } }))).body
        .total ?? 0,
  });
  const counts = useQueries({ queries: units.flatMap((unit) => [count(openOf(unit.unitId)), count(overdueOf(unit.unitId))]) });
  const ranked = rankUnits(units.map((unit, index) => ({ ...unit, open: counts[2 * index]?.data, overdue: counts[2 * index + 1]?.data })));
  const figure = (value: number | undefined) => (value === undefined ? '…' : formatNumber(value, language));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table>
        <thead>
          <tr>
            <th scope="col">{m.unitWork.unit}</th>
            <th scope="col">{m.unitWork.overdue}</th>
            <th scope="col">{m.unitWork.open}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((unit) => (
            <tr key={unit.unitId}>
              <th scope="row">
                <Link to="/units/$unitId" params={{ unitId: unit.unitId }}>
                  {unit.name}
                </Link>
              </th>
              <td>
                <Link
                  to="/cases"
                  search={overdueOf(unit.unitId)}
                  aria-label={`${unit.name}: ${m.unitWork.overdue} ${figure(unit.overdue)}`}
                >
                  {figure(unit.overdue)}
                </Link>
              </td>
              <td>
                <Link to="/cases" search={openOf(unit.unitId)} aria-label={`${unit.name}: ${m.unitWork.open} ${figure(unit.open)}`}>
                  {figure(unit.open)}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
