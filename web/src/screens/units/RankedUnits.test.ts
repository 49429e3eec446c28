import { describe, expect, it } from 'vitest';
import { rankUnits } from './RankedUnits';

describe('the units ranked', () => {
  it('puts the unit with most cases overdue first, then most open, then by name; those still counting last', () => {
    const ranked = rankUnits([
      { unitId: 'a', name: 'Xã Gia Tân', open: 4, overdue: 1 },
      { unitId: 'b', name: 'Xã Gia Lương', open: 9, overdue: 1 },
      { unitId: 'c', name: 'Xã Đoàn Thượng', open: undefined, overdue: undefined },
      { unitId: 'd', name: 'Xã Thống Nhất', open: 2, overdue: 3 },
      { unitId: 'e', name: 'Xã Gia Khánh', open: 4, overdue: 1 },
    ]);
    expect(ranked.map((unit) => unit.unitId)).toEqual(['d', 'b', 'e', 'a', 'c']);
  });
});
