import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../api/views';
import { checkChain } from './hash-chain';

const entry = (streamRevision: number, previousHash: string | null, hash: string, streamId = 'case-1'): AuditEntry => ({
  globalPosition: streamRevision + 10,
  streamId,
  streamRevision,
  eventId: `e${streamRevision}`,
  type: 'CaseReceived',
  occurredAt: '2017-02-20T09:00:00+07:00',
  recordedAt: '2017-02-20T02:00:00Z',
  actor: 'a',
  correlationId: 'c',
  causationId: null,
  aggregate: { category: 'case', id: '1' },
  previousHash,
  hash,
});

describe('the hash chain of a case as the audit trail lists it', () => {
  it('holds when each event names the hash of the one before, from revision 0 without a gap', () => {
    expect(checkChain([entry(1, 'a', 'b'), entry(0, null, 'a'), entry(2, 'b', 'c'), entry(0, null, 'z', 'subject-1')], 'case-1')).toEqual({
      intact: true,
      length: 3,
    });
  });

  it('breaks where a previous hash does not match, a revision is missing, or the first names a predecessor', () => {
    expect(checkChain([entry(0, null, 'a'), entry(1, 'x', 'b')], 'case-1')).toEqual({ intact: false, brokenAtRevision: 1 });
    expect(checkChain([entry(0, null, 'a'), entry(2, 'a', 'c')], 'case-1')).toEqual({ intact: false, brokenAtRevision: 1 });
    expect(checkChain([entry(0, 'q', 'a')], 'case-1')).toEqual({ intact: false, brokenAtRevision: 0 });
  });
});
