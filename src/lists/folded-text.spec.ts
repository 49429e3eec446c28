import { foldedText, searchWords } from './folded-text.js';

describe('folded text', () => {
  it('drops the diacritics of Vietnamese and reads đ as d', () => {
    expect(foldedText('Phạm Quang Hưởng')).toBe('pham quang huong');
    expect(foldedText('ô nhiễm môi trường')).toBe('o nhiem moi truong');
    expect(foldedText('Đường đê ĐÁ')).toBe('duong de da');
  });

  it('folds a composed and a decomposed spelling alike', () => {
    expect(foldedText('Hư\u0309ng')).toBe(foldedText('Hửng'));
  });

  it('reads the words of a name search, folded, dropping everything else', () => {
    expect(searchWords('  Ô nhiễm, "NEAR(x)" OR *')).toEqual(['o', 'nhiem', 'near', 'x', 'or']);
    expect(searchWords('!!!')).toEqual([]);
  });
});
