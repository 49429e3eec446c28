import { ancestorsFrom, ancestorsOn, parentOn, parentPeriods, type ParentHistory } from './unit-parents.js';

/** Given a province, a district under it, and a commune under the district until 2025-07-01, then under the province. */
const tree: Record<string, ParentHistory> = {
  'hai-duong': { parentId: null },
  'gia-loc': { parentId: 'hai-duong' },
  'huyen-uy-gia-loc': { parentId: 'gia-loc' },
  'gia-tan': { parentId: 'gia-loc', moves: [{ parentId: 'hai-duong', from: '2025-07-01', eventId: 'move-1' }] },
  'chi-bo-gia-tan': { parentId: 'gia-tan' },
};
const historyOf = (unitId: string) => tree[unitId];

describe('the tree of the day', () => {
  it('gives the district as the commune’s parent until the day before the move, and the province from it', () => {
    expect(parentOn(tree['gia-tan'], '2024-05-10')).toBe('gia-loc');
    expect(parentOn(tree['gia-tan'], '2025-06-30')).toBe('gia-loc');
    expect(parentOn(tree['gia-tan'], '2025-07-01')).toBe('hai-duong');
  });

  it('walks the ancestors of a unit under the commune by the day asked', () => {
    expect(ancestorsOn('chi-bo-gia-tan', '2024-05-10', historyOf)).toEqual(['gia-tan', 'gia-loc', 'hai-duong']);
    expect(ancestorsOn('chi-bo-gia-tan', '2026-02-10', historyOf)).toEqual(['gia-tan', 'hai-duong']);
  });

  it('lists the stretches of a unit’s parents, each ending where the next begins', () => {
    expect(parentPeriods(tree['gia-tan'])).toEqual([
      { parentId: 'gia-loc', from: null, to: '2025-07-01', eventId: null },
      { parentId: 'hai-duong', from: '2025-07-01', to: null, eventId: 'move-1' },
    ]);
  });

  it('finds the units above a unit on any day from a date on, not those it left before', () => {
    expect([...ancestorsFrom('chi-bo-gia-tan', '2026-01-01', historyOf)].sort()).toEqual(['gia-tan', 'hai-duong']);
    expect([...ancestorsFrom('chi-bo-gia-tan', '2020-01-01', historyOf)].sort()).toEqual(['gia-loc', 'gia-tan', 'hai-duong']);
  });

  it('finds a unit above on a later day only, through a move that is still to come on the date asked', () => {
    const later: Record<string, ParentHistory> = {
      a: { parentId: null },
      b: { parentId: 'a', moves: [{ parentId: 'c', from: '2026-01-01', eventId: 'm' }] },
      c: { parentId: null },
    };
    expect([...ancestorsFrom('b', '2025-01-01', (id) => later[id])].sort()).toEqual(['a', 'c']);
  });

  it('stops on a cycle in bad data', () => {
    const cycle: Record<string, ParentHistory> = { a: { parentId: 'b' }, b: { parentId: 'a' } };
    expect(ancestorsOn('a', '2025-01-01', (id) => cycle[id])).toEqual(['b']);
    expect([...ancestorsFrom('a', '2025-01-01', (id) => cycle[id])].sort()).toEqual(['a', 'b']);
  });
});
