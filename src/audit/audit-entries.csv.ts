import type { AuditEntry } from './audit-trail.query.js';

const COLUMNS: readonly [string, (entry: AuditEntry) => string | number | null][] = [
  ['globalPosition', (entry) => entry.globalPosition],
  ['streamId', (entry) => entry.streamId],
  ['streamRevision', (entry) => entry.streamRevision],
  ['eventId', (entry) => entry.eventId],
  ['type', (entry) => entry.type],
  ['occurredAt', (entry) => entry.occurredAt],
  ['recordedAt', (entry) => entry.recordedAt],
  ['actor', (entry) => entry.actor],
  ['correlationId', (entry) => entry.correlationId],
  ['causationId', (entry) => entry.causationId],
  ['aggregateCategory', (entry) => entry.aggregate.category],
  ['aggregateId', (entry) => entry.aggregate.id],
  ['previousHash', (entry) => entry.previousHash],
  ['hash', (entry) => entry.hash],
];

/** RFC 4180: a header row, CRLF line ends, a field quoted when it holds a quote, comma or line break. */
export function auditEntriesCsv(entries: readonly AuditEntry[]): string {
  const lines = [COLUMNS.map(([name]) => name), ...entries.map((entry) => COLUMNS.map(([, value]) => csvField(value(entry))))];
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
