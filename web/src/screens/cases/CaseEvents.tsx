import type { UseQueryResult } from '@tanstack/react-query';
import type { AuditPage, HistoryStep } from '../../api/views';
import { formatNumber } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { Badge, DateTime, ErrorNotice, EventLink, label, Section } from '../../ui/common';
import { checkChain } from './hash-chain';

/** Data fields worth a glance in the events table; the rest is on the event's own page. */
const SHOWN = [
  'classification',
  'officialId',
  'unitId',
  'toUnitId',
  'fromUnitId',
  'dueAt',
  'newDueAt',
  'description',
  'outcome',
  'reason',
  'note',
  'summary',
  'complexity',
  'channel',
];

export function CaseEvents({ steps, audit }: { readonly steps: readonly HistoryStep[]; readonly audit?: UseQueryResult<AuditPage> }) {
  const { m, language } = useI18n();
  const streamId = steps[0] ? `case-${steps[0].stateAfter.caseId}` : '';
  const verdict = audit?.data ? checkChain(audit.data.entries, streamId) : undefined;
  return (
    <Section title={m.cases.events}>
      <div className="chain-status">
        <strong>{m.cases.hashChain}: </strong>
        {audit === undefined ? (
          <span className="muted">{m.cases.chainNeedsAudit}</span>
        ) : audit.error ? (
          <ErrorNotice error={audit.error} />
        ) : !verdict ? (
          <span className="muted">{m.app.loading}</span>
        ) : verdict.intact ? (
          <Badge tone="good">{m.cases.chainIntact}</Badge>
        ) : (
          <Badge tone="bad">{m.cases.chainBroken(verdict.brokenAtRevision)}</Badge>
        )}
        <p className="help">{m.cases.chainNote}</p>
      </div>
      <div className="table-scroll" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{m.cases.eventType}</th>
              <th scope="col">{m.cases.occurredAt}</th>
              <th scope="col">{m.cases.recordedAt}</th>
              <th scope="col">{m.cases.actor}</th>
              <th scope="col">{m.cases.summary}</th>
              <th scope="col">{m.audit.hash}</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((step) => {
              const lateHours = (Date.parse(step.recordedAt) - Date.parse(step.occurredAt)) / 3_600_000;
              return (
                <tr key={step.eventId}>
                  <td>{step.streamRevision}</td>
                  <td>
                    <EventLink eventId={step.eventId}>{label(m.eventTypes, step.type)}</EventLink>
                  </td>
                  <td>
                    <DateTime value={step.occurredAt} />
                  </td>
                  <td>
                    <DateTime value={step.recordedAt} />
                    {lateHours >= 24 && <span className="late-note">{m.cases.recordedLate(formatNumber(lateHours, language))}</span>}
                  </td>
                  <td>{step.actor}</td>
                  <td>
                    <StepData data={step.data} />
                  </td>
                  <td>
                    <code title={step.hash}>{step.hash.slice(0, 10)}…</code>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function StepValue({ name, value }: { readonly name: string; readonly value: string }) {
  const { m } = useI18n();
  if (name === 'classification') return <>{label(m.classifications, value)}</>;
  if (name === 'complexity') return <>{label(m.complexities, value)}</>;
  if (name === 'channel') return <>{label(m.channels, value)}</>;
  if (/At$/.test(name)) return <DateTime value={value} />;
  return <>{value}</>;
}

function StepData({ data }: { readonly data: Record<string, unknown> }) {
  const { m } = useI18n();
  const entries = SHOWN.filter((key) => typeof data[key] === 'string' && data[key] !== '').map((key) => [key, String(data[key])] as const);
  if (entries.length === 0) return null;
  return (
    <ul className="step-data">
      {entries.map(([key, value]) => (
        <li key={key}>
          <span className="muted">{key === 'channel' ? m.cases.channel : (m.actions.fields[key] ?? key)}:</span>{' '}
          <StepValue name={key} value={value} />
        </li>
      ))}
    </ul>
  );
}
