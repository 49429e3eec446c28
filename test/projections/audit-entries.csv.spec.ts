import { AUDIT_ENTRY_COLUMNS } from '../../src/audit/audit-entries.csv.js';
import type { AuditEntry } from '../../src/audit/audit-trail.query.js';
import { csvText } from '../../src/http/csv.js';

const entry: AuditEntry = {
  globalPosition: 7,
  streamId: 'case-1',
  streamRevision: 2,
  eventId: 'e-7',
  type: 'CaseAcknowledged',
  occurredAt: '2024-03-09T08:00:00+07:00',
  recordedAt: '2024-03-09T01:00:05.000Z',
  actor: 'user:"Lê", Thị\r\nB',
  correlationId: 'corr-7',
  causationId: null,
  aggregate: { category: 'case', id: '1' },
  previousHash: 'abc',
  hash: 'def',
};

describe('the audit trail as CSV (RFC 4180)', () => {
  it('writes a header row, CRLF line ends, empty fields for nulls, quotes fields with quotes, commas or line breaks, and links each event', () => {
    expect(csvText(AUDIT_ENTRY_COLUMNS, [entry], { bom: false })).toBe(
      'globalPosition,streamId,streamRevision,eventId,type,occurredAt,recordedAt,actor,correlationId,causationId,aggregateCategory,aggregateId,previousHash,hash,eventLink\r\n' +
        '7,case-1,2,e-7,CaseAcknowledged,2024-03-09T08:00:00+07:00,2024-03-09T01:00:05.000Z,"user:""Lê"", Thị\r\nB",corr-7,,case,1,abc,def,/api/v1/events/e-7\r\n',
    );
  });

  it('writes only the header for no entries', () => {
    expect(csvText(AUDIT_ENTRY_COLUMNS, [], { bom: false }).split('\r\n')).toHaveLength(2);
  });
});
