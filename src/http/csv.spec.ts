import { csvText, type CsvColumn } from './csv.js';

type Row = { readonly text: string | null; readonly count: number; readonly flag: boolean };
const columns: readonly CsvColumn<Row>[] = [
  ['text', (row) => row.text],
  ['count', (row) => row.count],
  ['flag', (row) => row.flag],
];

describe('CSV for people and spreadsheets', () => {
  it('starts with a UTF-8 byte-order mark unless asked not to, so Excel reads Vietnamese right', () => {
    const rows = [{ text: 'ô nhiễm môi trường', count: 1, flag: true }];
    expect(csvText(columns, rows, { bom: true })).toBe('\uFEFFtext,count,flag\r\nô nhiễm môi trường,1,true\r\n');
    expect(csvText(columns, rows, { bom: false })).toBe('text,count,flag\r\nô nhiễm môi trường,1,true\r\n');
  });

  it('quotes a field holding a comma, a quote, a CRLF or a lone LF, and leaves nulls empty (RFC 4180)', () => {
    const rows = [
      { text: 'a, b', count: 0, flag: false },
      { text: 'say "xin chào"', count: 0, flag: false },
      { text: 'line\none', count: 0, flag: false },
      { text: 'line\r\ntwo', count: 0, flag: false },
      { text: null, count: 0, flag: false },
    ];
    expect(csvText(columns, rows, { bom: false }).split('\r\n').slice(1, -1)).toEqual([
      '"a, b",0,false',
      '"say ""xin chào""",0,false',
      '"line\none",0,false',
      '"line',
      'two",0,false',
      ',0,false',
    ]);
  });

  it('keeps text that a spreadsheet would compute from computing, and negative numbers as numbers', () => {
    const rows = [
      { text: '=HYPERLINK("http://evil")', count: -3, flag: false },
      { text: '@SUM(A1)', count: 0, flag: false },
    ];
    expect(csvText(columns, rows, { bom: false }).split('\r\n').slice(1, -1)).toEqual([
      `"'=HYPERLINK(""http://evil"")",-3,false`,
      "'@SUM(A1),0,false",
    ]);
  });
});
