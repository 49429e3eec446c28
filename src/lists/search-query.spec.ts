import { ftsMatchOf, parseSearch, rankedMatchOf } from './search-query.js';

describe('a case search as typed', () => {
  it('requires every word, folded, the last one as a prefix, so no input is FTS5 syntax', () => {
    expect(ftsMatchOf(parseSearch('  Ô nhiễm'))).toBe('"o" "nhiem"*');
    expect(ftsMatchOf(parseSearch('NEAR(x) OR * -y'))).toBe('"near" "x" "or" "y"*');
    expect(parseSearch('!!! ()').phrases).toEqual([]);
  });

  it('reads quoted words as a phrase, complete once its quote is closed', () => {
    expect(parseSearch('"ô nhiễm môi trường"').phrases).toEqual([{ words: ['o', 'nhiem', 'moi', 'truong'], prefix: false }]);
    expect(ftsMatchOf(parseSearch('"moi truong" thon'))).toBe('"moi truong" "thon"*');
    expect(ftsMatchOf(parseSearch('"moi truong"  ,'))).toBe('"moi truong"');
  });

  it('reads an unclosed quote as a phrase still being typed', () => {
    expect(ftsMatchOf(parseSearch('de "sat l'))).toBe('"de" "sat l"*');
  });

  it('keeps 16 words at most', () => {
    const words = Array.from({ length: 20 }, (_, n) => `w${n}`).join(' ');
    expect(parseSearch(words).phrases).toHaveLength(16);
    expect(parseSearch(`"${words}"`).phrases[0]!.words).toHaveLength(16);
  });

  it('ranks with the whole search as one more phrase, which finds no other case', () => {
    expect(rankedMatchOf(parseSearch('o nhi'))).toBe('("o" "nhi"*) OR ("o nhi"*)');
    expect(rankedMatchOf(parseSearch('"moi truong" thon'))).toBe('("moi truong" "thon"*) OR ("moi truong thon"*)');
    expect(rankedMatchOf(parseSearch('nhiem'))).toBe('"nhiem"*');
  });
});
