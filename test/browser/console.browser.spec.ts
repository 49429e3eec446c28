import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LedgerProcess, PROJECT_ROOT } from '../system/support/ledger-process.js';
import { chromiumAvailable, launchChromium, seriousAccessibilityViolations } from './support/chromium.js';
import { ledgerCli, seedDemo } from './support/ledger-tools.js';

/**
 * The console in a real browser against the built service (node dist/main.js) on a data folder
 * seeded with the demo: sign in by link, every screen in Vietnamese (checked with axe-core), a replay,
 * an action recorded, the duty grid, CSV exports, an inclusion verified in the browser, English,
 * sign-out. Screenshots go to docs/screenshots with LEDGER_SCREENSHOTS=docs (npm run screenshots).
 */
const describeInBrowser = chromiumAvailable() ? describe : describe.skip;
const SHOTS =
  process.env.LEDGER_SCREENSHOTS === 'docs' ? join(PROJECT_ROOT, 'docs', 'screenshots') : mkdtempSync(join(tmpdir(), 'console-shots-'));
const ROLES = 'official,inspector,standing-committee,recorder';

describeInBrowser('the committee console in Chromium', () => {
  let ledger: LedgerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let env: NodeJS.ProcessEnv;
  const problems: string[] = [];

  async function link(): Promise<string> {
    const printed = await ledgerCli(['token', '--sub', 'thanh-tra-1', '--roles', ROLES, '--units', '*', '--link'], env);
    return printed.trim().split('\n').pop()!;
  }

  /** Each screen: no serious or critical accessibility violation, and a screenshot. */
  async function screen(name: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ledger = await LedgerProcess.create();
    await ledger.start();
    base = `http://localhost:${ledger.port}`;
    env = { LEDGER_DATA_DIR: ledger.dataDir, PORT: String(ledger.port) };
    await seedDemo(ledger.baseUrl, ledger.dataDir);
    browser = await launchChromium();
    // Another zone and locale than Vietnam's: the console must still show Vietnam time, in Vietnamese.
    context = await browser.newContext({
      timezoneId: 'America/New_York',
      locale: 'en-US',
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(`console: ${message.text()}`);
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await ledger?.dispose();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('signs in with a printed one-time link, in Vietnamese by default, and refuses the link a second time', async () => {
    const address = await link();
    expect(address).toMatch(new RegExp(`^${base}/sign-in#link=v1\\.`));
    await page.goto(address);
    await page.getByText('Đăng nhập với tư cách thanh-tra-1').waitFor();
    await screen('sign-in');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    expect(page.url()).toBe(`${base}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByText('Tỷ lệ đúng hạn theo tháng').waitFor();
    await page.getByRole('heading', { name: 'Việc của tôi' }).waitFor();
    await page.locator('.figures .figure-value').filter({ hasNotText: '…' }).nth(3).waitFor();
    await screen('overview');

    // The first screen's script, as it crosses the network (compressed, headers included), with the cache off: within 300 KB.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const scriptRequests = new Set<string>();
    let scriptBytes = 0;
    cdp.on('Network.responseReceived', (event) => {
      if (event.type === 'Script') scriptRequests.add(event.requestId);
    });
    cdp.on('Network.loadingFinished', (event) => {
      if (scriptRequests.has(event.requestId)) scriptBytes += event.encodedDataLength;
    });
    await page.reload();
    await page.getByText('Tỷ lệ đúng hạn theo tháng').waitFor();
    await page.waitForLoadState('networkidle');
    await cdp.detach();
    process.stdout.write(`First screen: ${scriptRequests.size} scripts, ${(scriptBytes / 1024).toFixed(1)} KB over the network\n`);
    expect(scriptBytes).toBeLessThan(300 * 1024);

    const other = await context.browser()!.newContext();
    const second = await other.newPage();
    await second.goto(address);
    await second.getByRole('button', { name: 'Đăng nhập' }).click();
    await second.getByText('Liên kết đăng nhập này đã được dùng; mỗi liên kết chỉ dùng một lần.').waitFor();
    await other.close();
  }, 120_000);

  it('opens the cases an overview figure counts: the open ones of the units, the same number on the cases screen', async () => {
    await page.goto(`${base}/`);
    const figure = page.getByRole('link', { name: /Đang xử lý/ }).filter({ has: page.locator('.figure-value') });
    await figure.locator('.figure-value').filter({ hasText: /^\d+$/ }).waitFor();
    const counted = (await figure.locator('.figure-value').textContent())!;
    await figure.click();
    await page.waitForURL(/\/cases\?status=open$/);
    await page.getByText(new RegExp(`^(${counted} vụ việc|Đang hiện \\d+ trong ${counted} vụ việc)$`)).waitFor();
    await expect(page.getByLabel('Tình trạng').inputValue()).resolves.toBe('open');
  }, 120_000);

  it('filters the cases worklist, keeps the filters in the address through a reload, and exports them as CSV', async () => {
    await page.getByRole('link', { name: 'Vụ việc' }).click();
    await page.getByRole('heading', { name: 'Danh sách vụ việc' }).waitFor();
    await page.getByRole('link', { name: /Tụ tập đông người/ }).waitFor();
    // Without its accents, as people type on a phone: the search ignores diacritics.
    await page.getByLabel('Tìm trong nội dung').fill('o nhiem');
    await page.getByLabel('Đơn vị đang xử lý').fill('gia-loc');
    await page.getByLabel('Gồm cả các đơn vị cấp dưới').check();
    await page.getByLabel('Loại', { exact: true }).selectOption('complaint');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/category=complaint/);
    const filtered = new URL(page.url()).searchParams;
    expect(Object.fromEntries(filtered)).toMatchObject({ q: 'o nhiem', unitId: 'gia-loc', below: 'true', category: 'complaint' });
    await page.getByRole('link', { name: /Dự án sản xuất gây ô nhiễm môi trường/ }).waitFor();
    expect(await page.getByRole('link', { name: /Tụ tập đông người/ }).count()).toBe(0);

    await page.reload();
    await page.getByRole('link', { name: /Dự án sản xuất gây ô nhiễm môi trường/ }).waitFor();
    await expect(page.getByLabel('Tìm trong nội dung').inputValue()).resolves.toBe('o nhiem');
    await expect(page.getByLabel('Đơn vị đang xử lý').inputValue()).resolves.toBe('gia-loc');
    await expect(page.getByLabel('Gồm cả các đơn vị cấp dưới').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Loại', { exact: true }).inputValue()).resolves.toBe('complaint');
    expect(await page.getByRole('link', { name: /Tụ tập đông người/ }).count()).toBe(0);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải CSV (toàn bộ danh sách đã lọc)' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^caseId,status,category,/);
    expect(lines.slice(1).every((line) => line.includes(',complaint,'))).toBe(true);
    expect(csv).toContain('Dự án sản xuất gây ô nhiễm môi trường');
    expect(csv).not.toContain('Tụ tập đông người');
    await screen('cases');
  }, 120_000);

  it('opens a case: its summary, events with occurred and recorded times in Vietnam time, the intact hash chain, the deadlines', async () => {
    await page.getByRole('link', { name: /Dự án sản xuất gây ô nhiễm môi trường/ }).click();
    await page.getByText('Dự án sản xuất gây ô nhiễm môi trường', { exact: false }).first().waitFor();
    await page.getByText('Liền mạch: mỗi sự kiện mang mã băm của sự kiện trước nó.').waitFor();
    const received = page.getByRole('row').filter({ hasText: 'Tiếp nhận' }).first();
    await expect(received.textContent()).resolves.toContain('20/02/2017 09:00');
    await page.getByRole('heading', { name: 'Thời hạn theo quy định' }).waitFor();
    await expect(page.getByText('Đã kết thúc').first().isVisible()).resolves.toBe(true);
    await screen('case');
  }, 120_000);

  it('replays the case as of a moment, by the time facts happened', async () => {
    await page.getByLabel('Tại thời điểm').fill('22/02/2017 10:00');
    await page.getByRole('radio', { name: 'Thời điểm xảy ra' }).check();
    await page.getByRole('button', { name: 'Xem lại' }).click();
    await page.getByText('Đang xem trạng thái tại 22/02/2017 10:00 (Thời điểm xảy ra).').waitFor();
    expect(new URL(page.url()).searchParams.get('by')).toBe('occurred');
    await expect(page.locator('.definitions').first().textContent()).resolves.toContain('Đang xử lý');
    expect(await page.getByRole('row').filter({ hasText: 'Giải quyết xong' }).count()).toBe(0);
    await screen('case-replay');
    await page.getByRole('button', { name: 'Về hiện tại' }).click();
    await page.getByRole('row').filter({ hasText: 'Giải quyết xong' }).first().waitFor();
  }, 120_000);

  it('records an action on an open case, explaining refusals next to the form in Vietnamese', async () => {
    await page.goto(`${base}/cases?q=tu%20tap&status=open`);
    await page.getByRole('link', { name: /Tụ tập đông người/ }).click();
    await page.getByText('Tụ tập đông người', { exact: false }).first().waitFor();
    await page.getByText('Ghi việc đã làm').click();
    const form = page.locator('details[open] form');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await form.getByText('Bắt buộc phải điền.').waitFor();
    await form.getByLabel('Việc đã làm').fill('Làm việc với trưởng thôn và các hộ dân (kiểm thử)');
    await form.getByLabel('Thời điểm xảy ra').fill('01/01/2099 08:00');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await form.getByText('Thời điểm xảy ra ở tương lai: không ghi được việc chưa xảy ra.').waitFor();
    await form.getByLabel('Thời điểm xảy ra').fill('');
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.getByText('Đã ghi vào sổ cái.').waitFor();
    await page.getByRole('row').filter({ hasText: 'Làm việc với trưởng thôn' }).first().waitFor();
    await screen('case-action');
  }, 120_000);

  it('finds an official by name without accents and shows their month-by-unit duty grid and the meetings behind a cell', async () => {
    await page.goto(`${base}/officials`);
    await page.getByLabel('Họ và tên').fill('le thi hoa');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/q=le/);
    await page.getByRole('link', { name: 'Lê Thị Hoa (demo)' }).waitFor();
    await screen('officials');
    await page.goto(`${base}/officials/le-thi-hoa?from=2017-01-01&to=2017-12-31`);
    await page.getByRole('heading', { name: 'Kiểm điểm trách nhiệm: Lê Thị Hoa (demo)' }).waitFor();
    await page.getByRole('button', { name: 'thong-nhat, 03/2017: Không đạt' }).click();
    await page.getByRole('heading', { name: /Các cuộc họp của ô này: thong-nhat, 03\/2017/ }).waitFor();
    await page.getByRole('button', { name: 'thong-nhat, 04/2017: Đạt' }).click();
    const detail = page.locator('.cell-detail');
    await expect(detail.locator('a.event-link').count()).resolves.toBeGreaterThanOrEqual(2);
    await screen('official');
  }, 120_000);

  it('shows the annual evaluation, sorts it, exports its CSV and prints it', async () => {
    await page.goto(`${base}/evaluations?year=2017&unitId=gia-loc`);
    await page.getByRole('heading', { name: 'Đánh giá năm 2017' }).waitFor();
    await page.getByRole('link', { name: 'Sắp xếp theo Tháng không đạt' }).click();
    await page.waitForURL(/sort=monthsMissed/);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải CSV' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv).toContain('le-thi-hoa');
    await screen('evaluation');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SHOTS, 'evaluation-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  }, 120_000);

  it('filters the audit trail and exports it as CSV', async () => {
    await page.goto(`${base}/audit`);
    await page.getByLabel('Loại sự kiện').fill('MeetingHeld');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/type=MeetingHeld/);
    await page.getByRole('row').filter({ hasText: 'Họp' }).first().waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Tiếp nhận' }).count()).toBe(0);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải CSV' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    expect(csv.split('\n').filter((line) => line.includes('MeetingHeld')).length).toBeGreaterThan(10);
    await screen('audit');
  }, 120_000);

  it("verifies an event's inclusion in the browser against a downloaded checkpoint and the operator's key", async () => {
    const verifierKey = (await ledgerCli(['public-key'], env)).trim().split('\n').pop()!;
    await page.goto(`${base}/integrity`);
    // On a loaded machine the log may still be catching up (503 INTEGRITY.LOG_BEHIND): the person presses again, as here.
    for (let attempt = 1; ; attempt += 1) {
      await page.getByRole('button', { name: 'Ký điểm kiểm tra ngay' }).click();
      const signed = page.getByText('Gốc Merkle', { exact: true });
      await signed.or(page.getByRole('alert')).first().waitFor();
      if (await signed.isVisible()) break;
      if (attempt === 3) throw new Error(`No checkpoint signed: ${await page.getByRole('alert').textContent()}`);
      problems.splice(0);
    }
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải điểm kiểm tra' }).click();
    const checkpoint = readFileSync((await (await download).path())!, 'utf8');
    expect(JSON.parse(checkpoint)).toMatchObject({ note: expect.stringContaining('\n\n— ') });

    const caseReceived = JSON.parse(
      (await ledger.request('GET', '/api/v1/audit?type=CaseReceived', { token: ledger.token('t', ['inspector']) })).text,
    ) as { entries: { eventId: string }[] };
    const eventId = caseReceived.entries[0].eventId;
    await page.getByLabel('Khóa kiểm tra').fill(verifierKey);
    await page.getByLabel('Điểm kiểm tra (tệp đã tải hoặc nội dung ghi chú đã ký)').fill(checkpoint);
    await page.getByLabel('Mã sự kiện').fill(eventId);
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await page.getByText(`ĐẠT: sự kiện ${eventId} nằm trong cây`).waitFor();
    await screen('integrity');

    // Another key: the same checkpoint is not trusted.
    await page.getByLabel('Khóa kiểm tra').fill(verifierKey.replace(/\+([0-9a-f]{8})\+/, '+00000000+'));
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await page.getByText('Khóa kiểm tra không hợp lệ', { exact: false }).waitFor();
  }, 120_000);

  it('opens an event as evidence', async () => {
    await page.goto(`${base}/audit?type=CaseReceived`);
    await page.locator('a.event-link').first().click();
    await page.getByRole('heading', { name: 'Bằng chứng' }).waitFor();
    await page.getByRole('heading', { name: 'Tiếp nhận' }).waitFor();
    await screen('event');
  }, 120_000);

  it('receives a case, schedules a visit and records a meeting as a clerk', async () => {
    await page.goto(`${base}/recording`);
    const receive = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Tiếp nhận vụ việc' }) });
    await receive.getByLabel('Mã đơn vị').fill('gia-tan');
    await receive.getByLabel('Loại').selectOption('reflection');
    await receive.getByLabel('Kênh tiếp nhận').selectOption('hotline');
    await receive.getByLabel('Nội dung').fill('Đèn đường thôn 2 hỏng nhiều ngày (kiểm thử)');
    await receive.getByRole('button', { name: 'Ghi nhận' }).click();
    await receive.getByText(/Đã tiếp nhận vụ việc/).waitFor();

    const meeting = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Ghi nhận cuộc họp' }) });
    await meeting.getByLabel('Mã đơn vị').fill('dang-uy-gia-tan');
    await meeting.getByLabel('Loại cuộc họp').selectOption('party-committee');
    await meeting.getByLabel('Họp lúc').fill('05/01/2018 14:00');
    await meeting.getByLabel('Người dự (mã cán bộ, mỗi dòng một mã)').fill('ngo-thi-lan\ntran-van-minh');
    await meeting.getByRole('button', { name: 'Ghi nhận' }).click();
    await meeting.getByText(/Đã ghi nhận cuộc họp/).waitFor();
    await screen('recording');
  }, 120_000);

  it('switches to English, remembers it, and fits a phone', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('link', { name: 'Annual evaluation' }).click();
    await page.goto(`${base}/evaluations?year=2017&unitId=gia-loc`);
    await page.getByRole('heading', { name: 'Annual evaluation 2017' }).waitFor();
    await screen('evaluation-en');
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Đánh giá năm 2017' }).waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/officials/le-thi-hoa?from=2017-01-01&to=2017-12-31`);
    await page.getByRole('button', { name: 'Danh mục' }).click();
    await page.getByRole('link', { name: 'Nhật ký' }).waitFor();
    await screen('phone-official');
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 120_000);

  it('signs out: the session is gone on the server and the console says how to sign in again', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByText('Bạn đã đăng xuất.').waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    expect(status).toBe(401);
    await page.goto(`${base}/cases`);
    await page.getByText('Phiên làm việc đã kết thúc. Hãy đăng nhập lại bằng liên kết mới.').waitFor();
    await screen('signed-out');
  }, 120_000);
});
