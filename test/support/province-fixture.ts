import type { Response } from 'supertest';
import type { Http } from './start-test-app.js';

/**
 * Writes through the API as a test would by hand: each write must answer the status expected (else the
 * test stops with the answer's body), and the highest Ledger-Position seen is kept, so a read can ask
 * for a read model that has caught up with every write before it (`minPosition`).
 */
export interface LedgerWriter {
  post(path: string, body: object, expected?: number): Promise<Response>;
  /** The highest Ledger-Position of the writes so far. */
  position(): number;
  /** GET `path` as `as`, once the read side has caught up with every write so far. */
  get(as: Http, path: string): ReturnType<Http['get']>;
}

export function ledgerWriter(http: Http): LedgerWriter {
  let position = 0;
  return {
    async post(path, body, expected = 201) {
      const response = await http.post(path).send(body);
      if (response.status !== expected) throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      position = Math.max(position, Number(response.headers['ledger-position'] ?? 0));
      return response;
    },
    position: () => position,
    get: (as, path) => as.get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`),
  };
}

/**
 * The province most e2e tests stand on, one literal tree: Hải Dương with the districts of Gia Lộc
 * (three communes) and Tứ Kỳ, and three officials. A test adds what it is about (renamings, mergers,
 * cases, visits) on top, so each reads as given/when/then against a place a reader already knows.
 */
export const PROVINCE = {
  province: { unitId: 'hai-duong', name: 'Tỉnh Hải Dương', kind: 'province', parentId: null },
  districts: [
    { unitId: 'gia-loc', name: 'Huyện Gia Lộc', kind: 'district', parentId: 'hai-duong' },
    { unitId: 'tu-ky', name: 'Huyện Tứ Kỳ', kind: 'district', parentId: 'hai-duong' },
  ],
  communes: [
    { unitId: 'gia-tan', name: 'Xã Gia Tân', kind: 'commune', parentId: 'gia-loc' },
    { unitId: 'gia-xuyen', name: 'Xã Gia Xuyên', kind: 'commune', parentId: 'gia-loc' },
    { unitId: 'gia-hoa', name: 'Xã Gia Hòa', kind: 'commune', parentId: 'gia-loc' },
  ],
  officials: [
    { officialId: 'o-huong', fullName: 'Phạm Quang Hưởng', position: 'Chủ tịch UBND', unitId: 'gia-tan' },
    { officialId: 'o-dung', fullName: 'Đỗ Văn Dũng', position: 'Ủy viên', unitId: 'gia-xuyen' },
    { officialId: 'o-lan', fullName: 'Trần Thị Lan', position: 'Ủy viên', unitId: 'gia-loc' },
  ],
} as const;

/** Records PROVINCE's units (parents first) and officials, all as of `at`. */
export async function recordProvince(writer: LedgerWriter, at = '2026-01-05T08:00:00+07:00'): Promise<void> {
  const { parentId: _none, ...province } = PROVINCE.province;
  await writer.post('/api/v1/units', { ...province, occurredAt: at });
  for (const unit of [...PROVINCE.districts, ...PROVINCE.communes]) await writer.post('/api/v1/units', { ...unit, occurredAt: at });
  for (const official of PROVINCE.officials) await writer.post('/api/v1/officials', { ...official, occurredAt: at });
}
