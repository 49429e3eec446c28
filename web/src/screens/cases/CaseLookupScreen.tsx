import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { api, undocumented } from '../../api/client';
import { can, useSession } from '../../api/session';
import type { AuditPage } from '../../api/views';
import { useI18n } from '../../i18n/i18n';
import { DateTime, ErrorNotice, Loading, Section } from '../../ui/common';
import { RequirePermission } from '../../ui/Shell';

/**
 * Cases: open one by its id, or pick one of those the audit trail shows received. The worklist with
 * filters takes the second place once the list read models exist.
 */
export function CaseLookupScreen() {
  const { m } = useI18n();
  const { data: session } = useSession();
  return (
    <RequirePermission permission="cases.read">
      <h1>{m.cases.lookupTitle}</h1>
      <CaseIdBox />
      {can(session, 'oversight.read') && <CasesReceived />}
    </RequirePermission>
  );
}

export function CaseIdBox() {
  const { m } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const id = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const caseId = String(new FormData(event.currentTarget).get('caseId') ?? '').trim();
    if (!/^[A-Za-z0-9-]{1,80}$/.test(caseId)) return setError(m.validation.invalid);
    void navigate({ to: '/cases/$caseId', params: { caseId } });
  }
  return (
    <form className="panel inline-form" onSubmit={submit} noValidate>
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{m.cases.caseId}</label>
        <input
          id={id}
          name="caseId"
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {error && (
          <p className="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
      <button type="submit">{m.cases.openCase}</button>
    </form>
  );
}

function CasesReceived() {
  const { m } = useI18n();
  const pages = useInfiniteQuery({
    queryKey: ['audit', 'CaseReceived'],
    initialPageParam: 0,
    queryFn: async ({ pageParam }) =>
      (
        await undocumented<AuditPage>(
          api.GET('/api/v1/audit', { params: { query: { type: 'CaseReceived', after: pageParam, limit: 50 } } }),
        )
      ).body,
    getNextPageParam: (page) => page.nextAfter ?? undefined,
  });
  return (
    <Section title={m.overview.recentCases} help={m.overview.recentCasesHelp}>
      {pages.isPending ? (
        <Loading />
      ) : pages.error ? (
        <ErrorNotice error={pages.error} onRetry={() => pages.refetch()} />
      ) : (
        <>
          <ul className="case-list">
            {pages.data.pages
              .flatMap((page) => page.entries)
              .map((entry) => (
                <li key={entry.eventId}>
                  <Link to="/cases/$caseId" params={{ caseId: entry.aggregate.id }}>
                    <code>{entry.aggregate.id}</code>
                  </Link>{' '}
                  <DateTime value={entry.occurredAt} />
                </li>
              ))}
          </ul>
          {pages.hasNextPage && (
            <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
              {m.audit.more}
            </button>
          )}
        </>
      )}
    </Section>
  );
}
