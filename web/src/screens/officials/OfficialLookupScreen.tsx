import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useId, useState, type FormEvent } from 'react';
import { api, documented } from '../../api/client';
import { can, useSession } from '../../api/session';
import { useI18n } from '../../i18n/i18n';
import { ErrorNotice, label, Loading, Section } from '../../ui/common';
import { LookupInput } from '../../ui/lookups';
import { RequirePermission } from '../../ui/Shell';

const route = getRouteApi('/officials');
const PAGE = 50;

/** Officials: found by name (diacritics ignored) or home unit from the officials list, or opened by id. */
export function OfficialLookupScreen() {
  const { m } = useI18n();
  const { data: session } = useSession();
  return (
    <RequirePermission permission="officials.review">
      <h1>{m.official.lookupTitle}</h1>
      {can(session, 'directory.read') && <OfficialSearch />}
      <OfficialIdBox />
    </RequirePermission>
  );
}

function OfficialSearch() {
  const { m } = useI18n();
  const search = route.useSearch();
  const navigate = useNavigate();
  const pages = useInfiniteQuery({
    queryKey: ['officials', 'list', search],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await documented(api.GET('/api/v1/officials', { params: { query: { ...search, after: pageParam, limit: PAGE } } }))).body,
    getNextPageParam: (page) => page.nextAfter ?? undefined,
  });
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    void navigate({ to: '/officials', search: { q: text('q'), unitId: text('unitId') } });
  }
  return (
    <Section title={m.official.find} help={m.official.findHelp}>
      <form className="inline-fields filters" onSubmit={submit} noValidate aria-label={m.official.find} key={JSON.stringify(search)}>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="officials-q">{m.official.name}</label>
            <input id="officials-q" name="q" type="search" autoComplete="off" defaultValue={search.q} />
          </div>
          <div className="field">
            <label htmlFor="officials-unit">{m.official.unit}</label>
            <LookupInput id="officials-unit" kind="units" name="unitId" autoComplete="off" defaultValue={search.unitId} />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit">{m.worklist.apply}</button>
        </div>
      </form>
      {pages.isPending ? (
        <Loading />
      ) : pages.error ? (
        <ErrorNotice error={pages.error} onRetry={() => pages.refetch()} />
      ) : items.length === 0 ? (
        <p>{m.official.noneFound}</p>
      ) : (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={m.official.find}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{m.official.name}</th>
                  <th scope="col">{m.official.position}</th>
                  <th scope="col">{m.official.unit}</th>
                  <th scope="col">{m.cases.status}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((official) => (
                  <tr key={official.officialId}>
                    <th scope="row">
                      <Link to="/officials/$officialId" params={{ officialId: official.officialId }}>
                        {official.fullName}
                      </Link>{' '}
                      <code className="muted">{official.officialId}</code>
                    </th>
                    <td>{official.position}</td>
                    <td>{official.unitId}</td>
                    <td>{label(m.official.statuses, official.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages.hasNextPage && (
            <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
              {m.worklist.more}
            </button>
          )}
        </>
      )}
    </Section>
  );
}

function OfficialIdBox() {
  const { m } = useI18n();
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const id = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const officialId = String(new FormData(event.currentTarget).get('officialId') ?? '').trim();
    if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(officialId)) return setError(m.validation.idFormat);
    void navigate({ to: '/officials/$officialId', params: { officialId } });
  }
  return (
    <form className="panel inline-form" onSubmit={submit} noValidate>
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{m.official.officialId}</label>
        <input
          id={id}
          name="officialId"
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
      <button type="submit">{m.official.open}</button>
    </form>
  );
}
