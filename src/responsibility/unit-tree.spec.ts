import { UnitTree } from './unit-tree.js';
import type { UnitRecord } from './report-input.js';

/** Given a commune under its district until 2025-07-01, then moved under the province (the district level abolished). */
const units: UnitRecord[] = [
  { unitId: 'tinh', kind: 'province', parentId: null, mergedInto: null, eventIds: ['e-tinh'] },
  { unitId: 'huyen', kind: 'district', parentId: 'tinh', mergedInto: null, eventIds: ['e-huyen'] },
  { unitId: 'huyen-uy', kind: 'party-committee', parentId: 'huyen', mergedInto: null, eventIds: ['e-huyen-uy'] },
  {
    unitId: 'xa',
    kind: 'commune',
    parentId: 'huyen',
    moves: [{ parentId: 'tinh', from: '2025-07-01', eventId: 'e-move' }],
    mergedInto: null,
    eventIds: ['e-xa', 'e-move'],
  },
  { unitId: 'chi-bo', kind: 'party-cell', parentId: 'xa', mergedInto: null, eventIds: ['e-chi-bo'] },
];

describe('the review’s unit tree, by the day', () => {
  const tree = new UnitTree(units);

  it('puts the commune under the district until the day before the move, and not from the move on', () => {
    expect(tree.linkTo('chi-bo', 'huyen', '2024-05-10')).toEqual({ treeEventIds: [] });
    expect(tree.linkTo('chi-bo', 'huyen', '2025-06-30')).toEqual({ treeEventIds: [] });
    expect(tree.linkTo('chi-bo', 'huyen', '2025-07-01')).toBeNull();
  });

  it('puts the commune under the province on both sides of the move, naming the move as evidence after it', () => {
    expect(tree.linkTo('xa', 'tinh', '2024-05-10')).toEqual({ treeEventIds: [] });
    expect(tree.linkTo('chi-bo', 'tinh', '2026-02-01')).toEqual({ treeEventIds: ['e-move'] });
  });
});
