import { ImportedIds } from './import-ids.js';

describe('ImportedIds learnt from another thread', () => {
  it('puts a sentence in the source terms exactly as the ids that derived them', () => {
    // Given ids derived in a thread that checks rows, and taken row by row
    const checking = new ImportedIds('old-system', true);
    const unit = checking.id('unit', 'D01-X1');
    const assignment = checking.id('assignment', 'HS-1\nPC-7');
    checking.id('unit', 'D01-X1');
    const derived = checking.takeDerived();

    // When the deciding thread learns them
    const deciding = new ImportedIds('old-system');
    deciding.learn(derived);

    // Then it holds the same ids, and names them as the source does
    expect(derived).toEqual([
      ['unit\nD01-X1', unit],
      ['assignment\nHS-1\nPC-7', assignment],
    ]);
    expect(checking.takeDerived()).toEqual([]);
    expect(deciding.id('unit', 'D01-X1')).toBe(unit);
    const sentence = `Unit ${unit} has no assignment ${assignment}; ${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)} is no one's.`;
    expect(deciding.inSourceTerms(sentence)).toBe(checking.inSourceTerms(sentence));
    expect(deciding.inSourceTerms(sentence)).toBe(
      'Unit "D01-X1" has no assignment "PC-7"; 00000000-0000-0000-0000-000000000000 is no one\'s.',
    );
  });

  it('keeps nothing to take when it does not track', () => {
    const ids = new ImportedIds('old-system');
    ids.id('case', 'HS-1');
    expect(ids.takeDerived()).toEqual([]);
  });
});
