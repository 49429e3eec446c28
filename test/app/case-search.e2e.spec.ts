import { ledgerWriter, recordProvince, type LedgerWriter } from '../support/province-fixture.js';
import { startTestApp, type Http, type TestApp } from '../support/start-test-app.js';

interface Snippet {
  field: string;
  text: string;
  highlights: { start: number; end: number }[];
}
interface Found {
  items: { caseId: string; summary: string; snippet?: Snippet | null }[];
  nextAfter: string | null;
  total?: number;
}

/** The snippet with its highlights in brackets: "summary: [Ô] [nhiễm] môi trường". */
const marked = (snippet: Snippet | null | undefined): string => {
  if (!snippet) return String(snippet);
  let text = snippet.text;
  for (const { start, end } of [...snippet.highlights].reverse())
    text = `${text.slice(0, start)}[${text.slice(start, end)}]${text.slice(end)}`;
  return `${snippet.field}: ${text}`;
};

/**
 * GET /api/v1/cases?q=: the search over a case's summary, outcomes and actions, as a person types it in
 * Vietnamese (with or without diacritics), ranked by relevance, each result with the snippet of where
 * its words matched. Two communes of one district: a recorder of one never finds the other's matters.
 */
describe('the case search', () => {
  let subject: TestApp;
  let http: Http;
  let writer: LedgerWriter;
  const ids: Record<string, string> = {};

  const post = (path: string, body: object, expected?: number) => writer.post(path, body, expected);
  const search = async (as: Http, query: string, status = 200): Promise<Found> =>
    (await writer.get(as, `/api/v1/cases?${query}`).expect(status)).body as Found;
  const q = (text: string) => `q=${encodeURIComponent(text)}`;
  const name = (caseId: string) => Object.keys(ids).find((key) => ids[key] === caseId);
  const namesOf = (found: Found) => found.items.map((item) => name(item.caseId));

  beforeAll(async () => {
    subject = await startTestApp();
    http = subject.http;
    writer = ledgerWriter(http);
    await recordProvince(writer, '2026-03-02T08:00:00+07:00');
    const receive = async (key: string, unitId: string, summary: string, day: string) => {
      const at = `2026-03-${day}T09:00:00+07:00`;
      ids[key] = (await post('/api/v1/cases', { unitId, category: 'reflection', channel: 'hotline', summary, occurredAt: at })).body.caseId;
    };
    // Received in the order opposite to their relevance for "o nhiem", so that neither order gives the other.
    await receive('inAction', 'gia-tan', 'Cá chết hàng loạt trong ao làng', '02');
    await receive('inOutcome', 'gia-tan', 'Khói bụi từ lò gạch', '03');
    await receive('inSummary', 'gia-tan', 'Ô nhiễm môi trường ở thôn Đông', '04');
    await receive('otherCommune', 'gia-xuyen', 'Ô nhiễm nguồn nước ở Gia Xuyên', '05');
    await receive('dyke', 'gia-tan', 'Đê bị sạt lở, ông Phạm Quang Hưởng đã báo', '06');
    await receive('scattered', 'gia-tan', 'Ở đây nhiễm phèn, ở ruộng', '07');
    // Matters that match none of the searches, as most of a ledger's cases: the words searched are rare.
    const others = [
      'Đường làng hỏng',
      'Mất điện kéo dài',
      'Trường học thiếu bàn ghế',
      'Cầu tre xuống cấp',
      'Rác thải tràn lan',
      'Tiếng ồn karaoke',
    ];
    for (const [index, summary] of others.entries()) await receive(`other${index}`, 'gia-hoa', summary, '08');
    await post(
      `/api/v1/cases/${ids.inAction}/actions`,
      { description: 'Lấy mẫu nước đo mức ô nhiễm', occurredAt: '2026-03-07T09:00:00+07:00' },
      200,
    );
    await post(
      `/api/v1/cases/${ids.inOutcome}/resolutions`,
      { outcome: 'Đã xử lý ô nhiễm không khí, lò gạch ngừng đốt', occurredAt: '2026-03-08T09:00:00+07:00' },
      200,
    );
  }, 60_000);
  afterAll(async () => {
    await subject.close();
  });

  it('finds "ô nhiễm môi trường" whether typed with diacritics or without, and marks the words as recorded', async () => {
    for (const typed of ['o nhiem', 'ô nhiễm', 'O NHIEM MOI TRUONG', 'ô nhiễm môi trường']) {
      const found = await search(http, q(typed));
      expect([typed, namesOf(found)]).toEqual([typed, expect.arrayContaining(['inSummary'])]);
      expect(found.items.find((item) => item.caseId === ids.inSummary)?.summary).toBe('Ô nhiễm môi trường ở thôn Đông');
    }
    const found = await search(http, q('ô nhiễm môi trường'));
    expect(namesOf(found)).toEqual(['inSummary']);
    expect(marked(found.items[0]!.snippet)).toBe('summary: [Ô] [nhiễm] [môi] [trường] [ở] thôn Đông');
  });

  it('reads đ as d, and finds "Phạm Quang Hưởng" by "Huong", in a case and among officials', async () => {
    for (const typed of ['dong', 'đông', 'Đông']) {
      const found = await search(http, q(typed));
      expect([typed, found.items.map((item) => marked(item.snippet))]).toEqual([typed, ['summary: Ô nhiễm môi trường ở thôn [Đông]']]);
    }
    expect((await search(http, q('de sat lo'))).items.map((item) => marked(item.snippet))).toEqual([
      'summary: [Đê] bị [sạt] [lở], ông Phạm Quang Hưởng đã báo',
    ]);
    const huong = await search(http, q('Huong'));
    expect(huong.items.map((item) => marked(item.snippet))).toEqual(['summary: Đê bị sạt lở, ông Phạm Quang [Hưởng] đã báo']);
    const officials = (await writer.get(http, '/api/v1/officials?q=Huong').expect(200)).body as { items: { fullName: string }[] };
    expect(officials.items.map((official) => official.fullName)).toEqual(['Phạm Quang Hưởng']);
  });

  it('ranks by relevance when searching: the words together before scattered, the summary before an outcome, before an action', async () => {
    const found = await search(http, `${q('o nhiem')}&sort=relevance`);
    const order = namesOf(found);
    expect(order.slice(0, 2).sort()).toEqual(['inSummary', 'otherCommune']);
    expect([...order].sort()).toEqual(['inAction', 'inOutcome', 'inSummary', 'otherCommune', 'scattered']);
    expect(order.indexOf('inOutcome')).toBeLessThan(order.indexOf('inAction'));
    expect(order.indexOf('inSummary')).toBeLessThan(order.indexOf('scattered'));
    const snippets = Object.fromEntries(found.items.map((item) => [name(item.caseId), marked(item.snippet)]));
    expect(snippets).toMatchObject({
      inOutcome: 'outcome: Đã xử lý [ô] [nhiễm] không khí, lò gạch ngừng đốt',
      inAction: 'action: Lấy mẫu nước đo mức [ô] [nhiễm]',
      scattered: 'summary: [Ở] đây [nhiễm] phèn, [ở] ruộng',
    });
    // Another sort finds the same cases, in its own order (newest received first by default).
    expect(namesOf(await search(http, q('o nhiem')))).toEqual(['scattered', 'otherCommune', 'inSummary', 'inOutcome', 'inAction']);
    expect(namesOf(await search(http, `${q('o nhiem')}&sort=received`))).toEqual([
      'inAction',
      'inOutcome',
      'inSummary',
      'otherCommune',
      'scattered',
    ]);
  });

  it('pages a ranked search with its cursor in the same order, and counts every match', async () => {
    const whole = namesOf(await search(http, `${q('o nhiem')}&sort=relevance`));
    const paged: (string | undefined)[] = [];
    let after: string | null = null;
    do {
      const page: Found = await search(http, `${q('o nhiem')}&sort=relevance&limit=1&count=true${after === null ? '' : `&after=${after}`}`);
      expect(page.total).toBe(5);
      paged.push(...namesOf(page));
      after = page.nextAfter;
    } while (after !== null);
    expect(paged).toEqual(whole);
  });

  it('matches quoted words only one after another, and the last word as the prefix being typed', async () => {
    expect(namesOf(await search(http, q('"moi truong"')))).toEqual(['inSummary']);
    expect(namesOf(await search(http, q('"truong moi"')))).toEqual([]);
    expect(namesOf(await search(http, q('truong moi')))).toEqual(['inSummary']);
    // An unclosed quote is a phrase being typed: its last word is a prefix.
    expect((await search(http, q('"lo ga'))).items.map((item) => marked(item.snippet))).toEqual(['summary: Khói bụi từ [lò gạch]']);
    expect(namesOf(await search(http, q('"lo ga"')))).toEqual([]);
    expect((await search(http, q('mau nu'))).items.map((item) => marked(item.snippet))).toEqual([
      'action: Lấy [mẫu] [nước] đo mức ô nhiễm',
    ]);
  });

  it("never shows a recorder of one commune another commune's matter in a search, nor its snippet", async () => {
    const giaTan = subject.as('recorder-gia-tan', ['recorder'], ['gia-tan']);
    const found = await search(giaTan, `${q('o nhiem')}&count=true`);
    expect(namesOf(found).sort()).toEqual(['inAction', 'inOutcome', 'inSummary', 'scattered']);
    expect(found.total).toBe(4);
    expect(JSON.stringify(found)).not.toContain('Gia Xuyên');
    expect(namesOf(await search(giaTan, q('"nguon nuoc"')))).toEqual([]);
    const giaXuyen = subject.as('recorder-gia-xuyen', ['recorder'], ['gia-xuyen']);
    const theirs = await search(giaXuyen, q('o nhiem'));
    expect(theirs.items.map((item) => [name(item.caseId), marked(item.snippet)])).toEqual([
      ['otherCommune', 'summary: [Ô] [nhiễm] nguồn nước [ở] Gia Xuyên'],
    ]);
  });

  it('refuses sort=relevance without a search, with 400 and a stable code', async () => {
    const refused = await writer.get(http, '/api/v1/cases?sort=relevance').expect(400);
    expect(refused.body.code).toBe('LIST.RELEVANCE_WITHOUT_SEARCH');
  });
});
