import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, documented } from '../../api/client';
import type { components } from '../../api/schema';
import { formatDate, formatDateTime, parseDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { Badge, DateTime, ErrorNotice, label, Loading } from '../../ui/common';
import { LookupInput } from '../../ui/lookups';
import { RequirePermission } from '../../ui/Shell';
import {
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_CLASSIFICATIONS,
  CASE_SORTS,
  CASE_STATUSES,
  caseCsvHref,
  caseListQueryOf,
  caseSearchOf,
  filterCount,
  type CaseSearch,
} from './case-filters';
import { CaseIdBox } from './CaseIdBox';
import { StatusBadge } from './StatusBadge';

type CaseListItem = components['schemas']['CaseListItemView'];

const route = getRouteApi('/cases');
const PAGE = 50;

/** The cases worklist: every filter of the case list, kept in the address so a view can be shared and reloaded. */
export function CaseWorklistScreen() {
  return (
    <RequirePermission permission="cases.read">
      <Worklist />
    </RequirePermission>
  );
}

function Worklist() {
  const { m } = useI18n();
  const search = route.useSearch();
  const pages = useInfiniteQuery({
    queryKey: ['cases', 'list', search],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (
        await documented(
          api.GET('/api/v1/cases', {
            params: { query: { ...caseListQueryOf(search), after: pageParam, limit: PAGE, count: pageParam === undefined } },
          }),
        )
      ).body,
    getNextPageParam: (page) => page.nextAfter ?? undefined,
  });
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];
  const asOf = pages.data?.pages[0]?.asOf;
  const total = pages.data?.pages[0]?.total;
  const count = filterCount(search);
  return (
    <article>
      <h1>{m.worklist.title}</h1>
      <p className="help">{m.worklist.help}</p>
      <CaseIdBox />
      <WorklistFilters key={JSON.stringify(search)} search={search} />
      <div className="toolbar" aria-live="polite">
        <a className="button" href={caseCsvHref(search)} download>
          {m.worklist.downloadCsv}
        </a>
        {count > 0 && <span className="muted">{m.worklist.activeFilters(count)}</span>}
        {pages.data && <span className="muted">{m.worklist.shown(items.length, total ?? items.length)}</span>}
        {asOf && <span className="muted">{m.worklist.asOf(formatDateTime(asOf))}</span>}
      </div>
      {pages.isPending ? (
        <Loading />
      ) : pages.error ? (
        <ErrorNotice error={pages.error} onRetry={() => pages.refetch()} />
      ) : items.length === 0 ? (
        <p>{m.worklist.empty}</p>
      ) : (
        <>
          <CaseTable items={items} asOf={asOf} />
          {pages.hasNextPage && (
            <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
              {m.worklist.more}
            </button>
          )}
        </>
      )}
    </article>
  );
}

type FieldName = 'q' | 'unitId' | 'assignedOfficialId' | 'assignedUnitId' | 'inChargeOf' | 'receivedFrom' | 'receivedTo' | 'dueBefore';
const DAYS = new Set<FieldName>(['receivedFrom', 'receivedTo', 'dueBefore']);
const LOOKUPS: Partial<Record<FieldName, 'units' | 'officials'>> = {
  unitId: 'units',
  assignedUnitId: 'units',
  assignedOfficialId: 'officials',
  inChargeOf: 'officials',
};

function WorklistFilters({ search }: { readonly search: CaseSearch }) {
  const { m } = useI18n();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<Record<string, string>>({});
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    const problems: Record<string, string> = {};
    const raw: Record<string, unknown> = {};
    for (const name of [
      'q',
      'unitId',
      'assignedOfficialId',
      'assignedUnitId',
      'inChargeOf',
      'status',
      'category',
      'classification',
      'channel',
      'sort',
    ])
      raw[name] = text(name);
    for (const name of DAYS) {
      const value = text(name);
      if (value === undefined) continue;
      raw[name] = parseDate(value);
      if (raw[name] === undefined) problems[name] = m.validation.date;
    }
    for (const name of ['below', 'notReportedUpward'] as const) raw[name] = data.get(name) === 'on' || undefined;
    const due = text('due');
    if (due === 'overdue') raw.overdue = true;
    if (due === 'within') {
      raw.dueWithinWorkingDays = text('dueWithinWorkingDays') ?? '3';
      if (!/^\d{1,2}$/.test(String(raw.dueWithinWorkingDays)) || Number(raw.dueWithinWorkingDays) > 60)
        problems.dueWithinWorkingDays = m.validation.invalid;
    }
    const next = caseSearchOf(raw);
    for (const name of ['unitId', 'assignedOfficialId', 'assignedUnitId', 'inChargeOf'] as const)
      if (raw[name] !== undefined && next[name] === undefined) problems[name] = m.validation.invalid;
    setErrors(problems);
    if (Object.keys(problems).length === 0) void navigate({ to: '/cases', search: next });
  }
  const input = (name: FieldName, help?: string) => (
    <Field name={name} label={m.worklist[name]} help={help} error={errors[name]}>
      {(props) =>
        LOOKUPS[name] ? (
          <LookupInput {...props} kind={LOOKUPS[name]} name={name} autoComplete="off" defaultValue={search[name]} />
        ) : (
          <input
            {...props}
            name={name}
            type={name === 'q' ? 'search' : 'text'}
            autoComplete="off"
            placeholder={DAYS.has(name) ? 'dd/mm/yyyy' : undefined}
            defaultValue={DAYS.has(name) ? formatDate(search[name]) : search[name]}
          />
        )
      }
    </Field>
  );
  const select = (name: 'status' | 'category' | 'classification' | 'channel', values: readonly string[], names: Record<string, string>) => (
    <Field name={name} label={m.worklist[name]}>
      {(props) => (
        <select {...props} name={name} defaultValue={search[name] ?? ''}>
          <option value="">{m.worklist.any}</option>
          {values.map((value) => (
            <option key={value} value={value}>
              {names[value] ?? value}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  const due = search.overdue ? 'overdue' : search.dueWithinWorkingDays !== undefined ? 'within' : '';
  return (
    <form className="panel filters" onSubmit={submit} noValidate aria-label={m.worklist.filters}>
      <div className="filter-grid">
        <div className="span-2">{input('q', m.worklist.qHelp)}</div>
        {input('unitId')}
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" name="below" defaultChecked={search.below === true} /> {m.worklist.below}
          </label>
        </div>
        {select('status', CASE_STATUSES, m.caseStatus)}
        {select('category', CASE_CATEGORIES, m.categories)}
        {select('classification', CASE_CLASSIFICATIONS, { ...m.classifications, unclassified: m.worklist.unclassified })}
        {select('channel', CASE_CHANNELS, m.channels)}
        {input('assignedOfficialId')}
        {input('assignedUnitId')}
        {input('inChargeOf')}
        {input('receivedFrom', m.worklist.dayHelp)}
        {input('receivedTo', m.worklist.dayHelp)}
        {input('dueBefore', m.worklist.dayHelp)}
        <Field name="due" label={m.worklist.due}>
          {(props) => (
            <select {...props} name="due" defaultValue={due}>
              <option value="">{m.worklist.dueAny}</option>
              <option value="overdue">{m.worklist.overdue}</option>
              <option value="within">{m.worklist.dueWithin}</option>
            </select>
          )}
        </Field>
        <Field name="dueWithinWorkingDays" label={m.worklist.dueWithin} help={m.worklist.dueWithinHelp} error={errors.dueWithinWorkingDays}>
          {(props) => (
            <input
              {...props}
              name="dueWithinWorkingDays"
              type="number"
              min={0}
              max={60}
              inputMode="numeric"
              defaultValue={search.dueWithinWorkingDays ?? 3}
            />
          )}
        </Field>
        <div className="field checkbox-field">
          <label>
            <input type="checkbox" name="notReportedUpward" defaultChecked={search.notReportedUpward === true} />{' '}
            {m.worklist.notReportedUpward}
          </label>
        </div>
        <Field name="sort" label={m.worklist.sort}>
          {(props) => (
            <select {...props} name="sort" defaultValue={search.sort ?? '-received'}>
              {CASE_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {label(m.worklist.sorts, sort)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit">{m.worklist.apply}</button>
        <Link to="/cases" search={{}} className="button">
          {m.worklist.clear}
        </Link>
      </div>
    </form>
  );
}

interface ControlProps {
  readonly id: string;
  readonly 'aria-invalid'?: true;
  readonly 'aria-describedby'?: string;
}

function Field({
  name,
  label: text,
  help,
  error,
  children,
}: {
  readonly name: string;
  readonly label: string;
  readonly help?: string;
  readonly error?: string;
  readonly children: (props: ControlProps) => ReactNode;
}) {
  const id = `worklist-${name}`;
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{text}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

function CaseTable({ items, asOf }: { readonly items: readonly CaseListItem[]; readonly asOf: string | undefined }) {
  const { m } = useI18n();
  // Overdue as the list judged it (its asOf), so the badge and the overdue filter always agree.
  const judgedAt = asOf === undefined ? Number.NaN : Date.parse(asOf);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={m.worklist.title}>
      <table className="case-table">
        <thead>
          <tr>
            <th scope="col">{m.cases.summary}</th>
            <th scope="col">{m.cases.status}</th>
            <th scope="col">{m.cases.category}</th>
            <th scope="col">{m.cases.unit}</th>
            <th scope="col">{m.cases.assignee}</th>
            <th scope="col">{m.cases.receivedAt}</th>
            <th scope="col">{m.cases.dueAt}</th>
            <th scope="col">{m.worklist.lastActivity}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const overdue = item.status === 'open' && item.dueAt !== null && Date.parse(item.dueAt) < judgedAt;
            return (
              <tr key={item.caseId}>
                <th scope="row">
                  <Link to="/cases/$caseId" params={{ caseId: item.caseId }} className="case-link">
                    {item.summary}
                  </Link>
                  <span className="muted case-id">
                    <code>{item.caseId.slice(0, 8)}</code> · {label(m.channels, item.channel)}
                    {item.classification && <> · {label(m.classifications, item.classification)}</>}
                  </span>
                </th>
                <td>
                  <StatusBadge status={item.status} />
                </td>
                <td>{label(m.categories, item.category)}</td>
                <td>{item.currentUnitId}</td>
                <td>
                  {item.assignee ? (
                    (item.assignee.officialId ?? item.assignee.unitId)
                  ) : (
                    <span className="muted">{m.worklist.notAssigned}</span>
                  )}
                </td>
                <td>
                  <DateTime value={item.receivedAt} />
                </td>
                <td>
                  <DateTime value={item.dueAt} /> {overdue && <Badge tone="bad">{m.worklist.overdueBadge}</Badge>}
                </td>
                <td>
                  <DateTime value={item.lastActivityAt} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
