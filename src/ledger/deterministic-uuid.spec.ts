import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { deterministicUuid } from './deterministic-uuid.js';

/** RFC 9562 section 5.5 as written: SHA-1 over the namespace's bytes then the name's, version and variant set in the bytes. */
function rfcVersion5(name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from('7a4c6f1e2b3d4e5f8a9b0c1d2e3f4a5b', 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe('deterministicUuid', () => {
  it('keeps the ids the ledger has already stored', () => {
    expect(deterministicUuid('')).toBe('f58aeba5-f7f0-5401-aa3e-3f5f8cae80ba');
    expect(deterministicUuid('import\nold-system\ncase\nHS-2015-0001')).toBe('52965445-76de-56af-9ac3-bb22910bbdf7');
    expect(deterministicUuid('import-event\nold-system\ncase-x\nrow\nR1\n0')).toBe('2877d2d0-bc3e-5289-8428-dd6c8448d41c');
    expect(deterministicUuid('Đơn vị ü €')).toBe('3e3230b1-d2b2-5195-a6f1-133b263b843c');
  });

  it('is the version-5 UUID of the ledger namespace for any name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (name) => {
        expect(deterministicUuid(name)).toBe(rfcVersion5(name));
      }),
      { numRuns: 2000 },
    );
  });
});
