import { foldedText, foldedTextOfAnyScript, searchWords } from './folded-text.js';

describe('folded text', () => {
  it('drops the diacritics of Vietnamese and reads đ as d', () => {
    expect(foldedText('Phạm Quang Hưởng')).toBe('pham quang huong');
    expect(foldedText('ô nhiễm môi trường')).toBe('o nhiem moi truong');
    expect(foldedText('Đường đê ĐÁ')).toBe('duong de da');
  });

  it('folds a composed and a decomposed spelling alike', () => {
    expect(foldedText('Hư\u0309ng')).toBe(foldedText('Hửng'));
  });

  it('folds text one character at a time exactly as the definition folds it whole', () => {
    // Every character of the table, alone and between letters; then texts mixing them with marks
    // (decomposed spellings, marks out of canonical order) and with characters outside the table
    // (Greek, whose final sigma lower-cases by context; an emoji's surrogate pair).
    const texts: string[] = [];
    for (let code = 0; code < 0x1f00; code += 1) texts.push(String.fromCharCode(code), `a${String.fromCharCode(code)}Z`);
    texts.push(
      'Ô nhiễm kênh Đông, XƯỞNG NHUỘM xả thải',
      'Hu\u031b\u0309ng a\u0323\u0302 A\u0302\u0323',
      'İstanbul ǅ ǈ ǋ ẞ ß',
      'ΟΔΟΣ Σ ΣΑ',
      'Nước 🌊 kênh',
      '',
    );
    expect(texts.filter((text) => foldedText(text) !== foldedTextOfAnyScript(text))).toEqual([]);
  });

  it('reads the words of a name search, folded, dropping everything else', () => {
    expect(searchWords('  Ô nhiễm, "NEAR(x)" OR *')).toEqual(['o', 'nhiem', 'near', 'x', 'or']);
    expect(searchWords('!!!')).toEqual([]);
  });
});
