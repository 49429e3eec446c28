import { Link } from '@tanstack/react-router';
import { useId, useState, type ReactNode } from 'react';
import type { Evidence } from '../api/views';
import { formatDate, formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n';

export function Loading() {
  const { m } = useI18n();
  return (
    <p className="loading" role="status">
      {m.app.loading}
    </p>
  );
}

/** An error in the reader's language, with the service's own code for whoever supports them. */
export function ErrorNotice({ error, onRetry }: { readonly error: unknown; readonly onRetry?: () => void }) {
  const { m, describe } = useI18n();
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        {describe(error)}
        {code && <span className="code"> ({code})</span>}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {m.app.retry}
        </button>
      )}
    </div>
  );
}

export function DateTime({ value }: { readonly value: string | null | undefined }) {
  if (!value) return <span className="muted">–</span>;
  return <time dateTime={value}>{formatDateTime(value)}</time>;
}

export function Day({ value }: { readonly value: string | null | undefined }) {
  if (!value) return <span className="muted">–</span>;
  return <time dateTime={value}>{formatDate(value)}</time>;
}

/** An event id as a link to its evidence page. */
export function EventLink({ eventId, children }: { readonly eventId: string; readonly children?: ReactNode }) {
  return (
    <Link to="/events/$eventId" params={{ eventId }} className="event-link">
      {children ?? <code>{eventId.slice(0, 8)}</code>}
    </Link>
  );
}

/**
 * A figure and the events it was counted from: the number opens the list of its evidence, each a
 * link to the event, so every figure on every screen can be traced to what the ledger recorded.
 */
export function Figure({ figure, label }: { readonly figure: Evidence; readonly label: string }) {
  const { m } = useI18n();
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (figure.evidence.length === 0) return <span className="figure">{figure.count}</span>;
  return (
    <span className="figure">
      <button
        type="button"
        className="figure-button"
        aria-expanded={open}
        aria-controls={listId}
        aria-label={`${label}: ${figure.count}. ${m.cases.evidence} (${figure.evidence.length})`}
        onClick={() => setOpen(!open)}
      >
        {figure.count}
      </button>
      {open && (
        <ul id={listId} className="evidence-list">
          {figure.evidence.map((eventId) => (
            <li key={eventId}>
              <EventLink eventId={eventId} />
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}

export type Tone = 'good' | 'bad' | 'warn' | 'neutral';

export function Badge({ tone, children }: { readonly tone: Tone; readonly children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function Section({
  title,
  help,
  children,
  id,
}: {
  readonly title: string;
  readonly help?: string;
  readonly children: ReactNode;
  readonly id?: string;
}) {
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId} id={id}>
      <h2 id={headingId}>{title}</h2>
      {help && <p className="help">{help}</p>}
      {children}
    </section>
  );
}

export function Definitions({ items }: { readonly items: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="definitions">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A label from a dictionary, or the raw value when the dictionary does not know it (a newer code). */
export function label(dictionary: Record<string, string>, value: string | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return dictionary[value] ?? value;
}
