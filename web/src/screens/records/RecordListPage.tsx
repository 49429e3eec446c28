import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { ErrorNotice, Loading } from '../../ui/common';
import { RecordFilterForm, type FilterSpec } from './RecordFilterForm';

/**
 * The frame of a list of records (visits, meetings): its filters kept in the address, the count shown,
 * pages one after another, and the table the screen draws. An id box whose text names nobody is refused
 * in place rather than sent as a filter that matches nothing.
 */
export function RecordListPage<Search extends object, Item>({
  title,
  help,
  clear,
  idPrefix,
  specs,
  search,
  searchOf,
  idFields,
  go,
  pages,
  table,
}: {
  readonly title: string;
  readonly help: string;
  readonly clear: '/visits' | '/meetings';
  readonly idPrefix: string;
  readonly specs: readonly FilterSpec[];
  readonly search: Search;
  readonly searchOf: (raw: Record<string, unknown>) => Search;
  readonly idFields: readonly (keyof Search & string)[];
  readonly go: (next: Search) => void;
  readonly pages: UseInfiniteQueryResult<InfiniteData<{ readonly items: readonly Item[] }>>;
  readonly table: (items: readonly Item[]) => ReactNode;
}) {
  const { m } = useI18n();
  const items = pages.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <article>
      <h1>{title}</h1>
      <p className="help">{help}</p>
      <RecordFilterForm
        key={JSON.stringify(search)}
        specs={specs}
        values={search as Readonly<Record<string, unknown>>}
        clear={clear}
        idPrefix={idPrefix}
        onApply={(raw) => {
          const next = searchOf(raw);
          const problems: Record<string, string> = {};
          for (const name of idFields) if (raw[name] !== undefined && next[name] === undefined) problems[name] = m.validation.invalid;
          if (Object.keys(problems).length === 0) go(next);
          return problems;
        }}
      />
      <div className="toolbar" aria-live="polite">
        {pages.data && <span className="muted">{m.records.shown(items.length)}</span>}
      </div>
      {pages.isPending ? (
        <Loading />
      ) : pages.error ? (
        <ErrorNotice error={pages.error} onRetry={() => pages.refetch()} />
      ) : items.length === 0 ? (
        <p>{m.records.empty}</p>
      ) : (
        <>
          {table(items)}
          {pages.hasNextPage && (
            <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
              {m.records.more}
            </button>
          )}
        </>
      )}
    </article>
  );
}
