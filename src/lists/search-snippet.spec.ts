import { parseSearch } from './search-query.js';
import { SNIPPET_LENGTH, snippetOf, type SearchedText } from './search-snippet.js';

const marked = (snippet: ReturnType<typeof snippetOf>): string => {
  if (snippet === null) return '(none)';
  let text = snippet.text;
  for (const { start, end } of [...snippet.highlights].reverse())
    text = `${text.slice(0, start)}[${text.slice(start, end)}]${text.slice(end)}`;
  return `${snippet.field}: ${text}`;
};
const of = (q: string, ...texts: SearchedText[]) => marked(snippetOf(parseSearch(q), texts));

describe('the snippet of a search result', () => {
  it('marks the words as recorded, with their diacritics, whatever diacritics the search had', () => {
    const summary: SearchedText = { field: 'summary', text: 'Ô nhiễm môi trường ở thôn Đông' };
    expect(of('o nhiem', summary)).toBe('summary: [Ô] [nhiễm] môi trường [ở] thôn Đông');
    // "ở" folds to "o" as "Ô" does: the index matched it too.
    expect(of('ô nhiễm', summary)).toBe('summary: [Ô] [nhiễm] môi trường [ở] thôn Đông');
    expect(of('dong', summary)).toBe('summary: Ô nhiễm môi trường ở thôn [Đông]');
    expect(of('Huong', { field: 'summary', text: 'ông Phạm Quang Hưởng đã báo' })).toBe('summary: ông Phạm Quang [Hưởng] đã báo');
  });

  it('marks a decomposed spelling as it marks a composed one', () => {
    expect(of('huong', { field: 'summary', text: 'Hu\u031b\u0309o\u031bng' })).toBe('summary: [Hu\u031b\u0309o\u031bng]');
  });

  it('marks a phrase as one span, and only where its words follow one another', () => {
    const text: SearchedText = { field: 'summary', text: 'môi trường sạch, trường học bẩn môi' };
    expect(of('"moi truong"', text)).toBe('summary: [môi trường] sạch, trường học bẩn môi');
  });

  it('marks the last word as the prefix it was typed as', () => {
    expect(of('sat l', { field: 'summary', text: 'Đê bị sạt lở' })).toBe('summary: Đê bị [sạt] [lở]');
  });

  it('shows the text that matches most of the words, the summary first on a tie', () => {
    const texts: SearchedText[] = [
      { field: 'summary', text: 'Đê bị sạt lở' },
      { field: 'action', text: 'Đã gia cố đê bằng bao cát' },
    ];
    expect(of('de bao cat', ...texts)).toBe('action: Đã gia cố [đê] bằng [bao] [cát]');
    expect(of('de', ...texts)).toBe('summary: [Đê] bị sạt lở');
    expect(of('karaoke', ...texts)).toBe('(none)');
  });

  it('cuts a long text around the match at word boundaries, with an ellipsis where it cut', () => {
    const long = `${'Lời mở đầu dài. '.repeat(20)}Người dân phản ánh ô nhiễm nguồn nước. ${'Phần sau rất dài. '.repeat(20)}`;
    const snippet = snippetOf(parseSearch('nguon nuoc'), [{ field: 'finding', text: long }])!;
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.text.length).toBeLessThanOrEqual(SNIPPET_LENGTH + 2);
    expect(snippet.highlights.map(({ start, end }) => snippet.text.slice(start, end))).toEqual(['nguồn', 'nước']);
    // The match in its sentence: some words before it are kept.
    expect(snippet.text).toContain('dài. Người dân phản ánh ô nhiễm nguồn nước. Phần');
  });
});
