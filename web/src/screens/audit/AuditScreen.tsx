import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, undocumented } from '../../api/client';
import type { AuditEntry, AuditPage } from '../../api/views';
import { formatDateTime, parseDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { DateTime, ErrorNotice, EventLink, label, Loading } from '../../ui/common';
import { RequirePermission } from '../../ui/Shell';

const route = getRouteApi('/audit');
const PAGE = 100;

export function AuditScreen() {
  return (
    <RequirePermission permission="oversight.read">
      <Audit />
    </RequirePermission>
  );
}

function Audit() {
  const { m } = useI18n();
  const filters = route.useSearch();
  const pages = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: 0,
    queryFn: async ({ pageParam }) =>
      (await undocumented<AuditPage>(api.GET('/api/v1/audit', { params: { query: { ...filters, after: pageParam, limit: PAGE } } }))).body,
    getNextPageParam: (page) => page.nextAfter ?? undefined,
  });
  const entries = pages.data?.pages.flatMap((page) => page.entries) ?? [];
  const csv = `/api/v1/audit.csv?${new URLSearchParams(filters as Record<string, string>)}`;
  return (
    <article>
      <h1>{m.audit.title}</h1>
      <p className="help">{m.audit.help}</p>
      <AuditFilters key={JSON.stringify(filters)} />
      <div className="toolbar">
        <a className="button" href={csv} download>
          {m.app.downloadCsv}
        </a>
        {pages.data && <span className="muted">{m.audit.count(entries.length)}</span>}
      </div>
      {pages.isPending ? (
        <Loading />
      ) : pages.error ? (
        <ErrorNotice error={pages.error} onRetry={() => pages.refetch()} />
      ) : entries.length === 0 ? (
        <p>{m.audit.empty}</p>
      ) : (
        <>
          <AuditTable entries={entries} />
          {pages.hasNextPage && (
            <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
              {m.audit.more}
            </button>
          )}
        </>
      )}
    </article>
  );
}

function AuditFilters() {
  const { m } = useI18n();
  const filters = route.useSearch();
  const navigate = useNavigate();
  const [errors, setErrors] = useState<Record<string, string>>({});
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    const problems: Record<string, string> = {};
    const time = (name: 'from' | 'to') => {
      const value = text(name);
      if (!value) return undefined;
      const iso = parseDateTime(value);
      if (!iso) problems[name] = m.validation.dateTime;
      return iso;
    };
    const next = {
      caseId: text('caseId'),
      officialId: text('officialId'),
      unitId: text('unitId'),
      type: text('type'),
      from: time('from'),
      to: time('to'),
    };
    if ([next.caseId, next.officialId, next.unitId].filter(Boolean).length > 1) problems.caseId = m.audit.oneSubject;
    setErrors(problems);
    if (Object.keys(problems).length === 0) void navigate({ to: '/audit', search: next });
  }
  const field = (name: 'caseId' | 'officialId' | 'unitId' | 'from' | 'to' | 'type', help?: string) => (
    <div className={`field${errors[name] ? ' field-invalid' : ''}`}>
      <label htmlFor={`audit-${name}`}>{m.audit[name === 'type' ? 'types' : name]}</label>
      <input
        id={`audit-${name}`}
        name={name}
        autoComplete="off"
        placeholder={name === 'from' || name === 'to' ? 'dd/mm/yyyy hh:mm' : undefined}
        defaultValue={name === 'from' || name === 'to' ? formatDateTime(filters[name]) : filters[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={
          [help ? `audit-${name}-help` : '', errors[name] ? `audit-${name}-error` : ''].filter(Boolean).join(' ') || undefined
        }
      />
      {help && (
        <p className="help" id={`audit-${name}-help`}>
          {help}
        </p>
      )}
      {errors[name] && (
        <p className="field-error" id={`audit-${name}-error`}>
          {errors[name]}
        </p>
      )}
    </div>
  );
  return (
    <form className="panel filters" onSubmit={submit} noValidate aria-label={m.audit.filters}>
      <div className="filter-grid">
        {field('caseId')}
        {field('officialId')}
        {field('unitId')}
        {field('from', m.app.timeZoneNote)}
        {field('to', m.app.timeZoneNote)}
        {field('type', m.audit.typesHelp)}
      </div>
      <div className="form-actions">
        <button type="submit">{m.audit.apply}</button>
        <Link to="/audit" search={{}} className="button">
          {m.audit.clear}
        </Link>
      </div>
    </form>
  );
}

function AuditTable({ entries }: { readonly entries: readonly AuditEntry[] }) {
  const { m } = useI18n();
  return (
    <div className="table-scroll" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{m.audit.position}</th>
            <th scope="col">{m.cases.eventType}</th>
            <th scope="col">{m.audit.stream}</th>
            <th scope="col">{m.cases.occurredAt}</th>
            <th scope="col">{m.cases.recordedAt}</th>
            <th scope="col">{m.cases.actor}</th>
            <th scope="col">{m.audit.hash}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.eventId}>
              <td>{entry.globalPosition}</td>
              <td>
                <EventLink eventId={entry.eventId}>{label(m.eventTypes, entry.type)}</EventLink>
              </td>
              <td>
                <StreamLink entry={entry} /> <span className="muted">#{entry.streamRevision}</span>
              </td>
              <td>
                <DateTime value={entry.occurredAt} />
              </td>
              <td>
                <DateTime value={entry.recordedAt} />
              </td>
              <td>{entry.actor}</td>
              <td>
                <code title={entry.hash}>{entry.hash.slice(0, 10)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The record an event belongs to, opened on its own screen where the console has one. */
export function StreamLink({ entry }: { readonly entry: Pick<AuditEntry, 'aggregate' | 'streamId'> }) {
  const { category, id } = entry.aggregate;
  if (category === 'case')
    return (
      <Link to="/cases/$caseId" params={{ caseId: id }}>
        {entry.streamId.slice(0, 13)}
      </Link>
    );
  if (category === 'official')
    return (
      <Link to="/officials/$officialId" params={{ officialId: id }}>
        {entry.streamId}
      </Link>
    );
  return <span>{entry.streamId}</span>;
}
