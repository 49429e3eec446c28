import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LedgerProcess, PROJECT_ROOT } from '../system/support/ledger-process.js';
import { chromiumAvailable, launchChromium, seriousAccessibilityViolations } from './support/chromium.js';
import { ledgerCli, seedDemo } from './support/ledger-tools.js';

/**
 * The console's unit worklists and its visits and meetings lists in a real browser, against the built
 * service on a data folder seeded with the demo: the overview's units ranked and a click away, a unit's
 * worklist and the units below it, the lists filtered with the filters kept in the address, each row
 * opening its events, the duty grid's cell opening the unit's meetings of its month, English, a phone.
 */
const describeInBrowser = chromiumAvailable() ? describe : describe.skip;
const SHOTS =
  process.env.LEDGER_SCREENSHOTS === 'docs' ? join(PROJECT_ROOT, 'docs', 'screenshots') : mkdtempSync(join(tmpdir(), 'records-shots-'));

describeInBrowser('unit worklists, visits and meetings in Chromium', () => {
  let ledger: LedgerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const problems: string[] = [];

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
    const env = { LEDGER_DATA_DIR: ledger.dataDir, PORT: String(ledger.port) };
    await seedDemo(ledger.baseUrl, ledger.dataDir);
    browser = await launchChromium();
    context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    const printed = await ledgerCli(
      ['token', '--sub', 'thanh-tra-1', '--roles', 'inspector,standing-committee', '--units', '*', '--link'],
      env,
    );
    await page.goto(printed.trim().split('\n').pop()!);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await ledger?.dispose();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it("ranks the user's units on the overview, each a click away, and opens a unit's worklist and the units below it", async () => {
    const yours = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Đơn vị của bạn' }) });
    await yours.getByRole('link', { name: 'Tỉnh Hải Dương', exact: true }).click();
    await page.waitForURL(`${base}/units/hai-duong`);
    await page.getByRole('heading', { name: 'Việc của đơn vị: Tỉnh Hải Dương' }).waitFor();
    await page.getByRole('heading', { name: 'Được giao, đang xử lý' }).waitFor();
    const below = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Các đơn vị cấp dưới' }) });
    const giaLoc = below.getByRole('row').filter({ hasText: 'Huyện Gia Lộc' });
    // The figure is the cases screen's own count: it opens the same cases.
    const overdue = giaLoc.getByRole('link', { name: /^Huyện Gia Lộc: Quá hạn \d+$/ });
    await overdue.waitFor();
    await giaLoc.getByRole('link', { name: 'Huyện Gia Lộc', exact: true }).click();
    await page.waitForURL(`${base}/units/gia-loc`);
    await page.getByRole('heading', { name: 'Việc của đơn vị: Huyện Gia Lộc' }).waitFor();
    await page.getByRole('heading', { name: 'Phải báo cáo lên, chưa báo cáo' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Xã Thống Nhất' }).first().waitFor();
    await screen('unit-worklist');
    await page.getByRole('link', { name: 'Các chuyến đi cơ sở của đơn vị' }).click();
    await page.waitForURL(/\/visits\?unitId=gia-loc&below=true$/);
    await page.getByRole('link', { name: 'Mở chuyến đi: Kiểm tra tình hình sản xuất tại cơ sở' }).waitFor();
  }, 120_000);

  it('filters the visits, keeps the filters in the address through a reload, and opens a visit by its events', async () => {
    await page.goto(`${base}/visits`);
    await page.getByRole('heading', { name: 'Các chuyến đi cơ sở' }).waitFor();
    await page.getByLabel('Người tham gia (mã cán bộ)').fill('vuong-duc-sang');
    await page.getByLabel('Từ ngày').fill('01/03/2017');
    await page.getByLabel('Đến ngày').fill('31/03/2017');
    await page.getByLabel('Tình trạng').selectOption('conducted');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/status=conducted/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
      participantId: 'vuong-duc-sang',
      from: '2017-03-01',
      to: '2017-03-31',
      status: 'conducted',
      sort: '-plannedFor',
    });
    const visit = page.getByRole('link', { name: 'Mở chuyến đi: Kiểm tra tình hình thực hiện một số dự án đầu tư' });
    await visit.waitFor();
    expect(await page.getByRole('link', { name: 'Mở chuyến đi: Kiểm tra tình hình sản xuất tại cơ sở' }).count()).toBe(0);
    await page.reload();
    await visit.waitFor();
    await expect(page.getByLabel('Từ ngày').inputValue()).resolves.toBe('01/03/2017');
    await expect(page.getByLabel('Người tham gia (mã cán bộ)').inputValue()).resolves.toBe('vuong-duc-sang');
    await page.getByRole('row').filter({ hasText: 'Kiểm tra tình hình thực hiện' }).getByText('09/03/2017', { exact: false }).waitFor();
    await screen('visits');

    await page.getByLabel('Từ ngày').fill('31/02/2017');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.getByText('Ghi theo dạng dd/mm/yyyy, ví dụ 20/02/2017.').waitFor();

    await page
      .getByRole('row')
      .filter({ hasText: 'Kiểm tra tình hình thực hiện' })
      .getByRole('link', { name: 'Đi cơ sở', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Bằng chứng' }).waitFor();
  }, 120_000);

  it("opens the meetings behind a duty grid cell: the unit's meetings of that month, the member's absence in sight", async () => {
    await page.goto(`${base}/officials/le-thi-hoa?from=2017-01-01&to=2017-12-31`);
    await page.getByRole('button', { name: 'thong-nhat, 03/2017: Không đạt' }).click();
    await page.getByRole('link', { name: 'Xem các cuộc họp của đơn vị trong tháng này' }).click();
    await page.waitForURL(/\/meetings\?/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
      unitId: 'thong-nhat',
      below: 'true',
      from: '2017-03-01',
      to: '2017-03-31',
      sort: 'heldAt',
    });
    await page.getByRole('heading', { name: 'Các cuộc họp', exact: true }).waitFor();
    const rows = page.locator('table.record-table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    await expect(rows.first().textContent()).resolves.toContain('05/03/2017 14:00');
    expect(await page.getByRole('link', { name: 'le-thi-hoa' }).count()).toBe(0);
    await screen('meetings');

    await page.getByLabel('Người dự (mã cán bộ)').fill('le-thi-hoa');
    await page.getByLabel('Từ ngày').fill('');
    await page.getByLabel('Đến ngày').fill('');
    await page.getByLabel('Loại họp').selectOption('party-cell');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/attendeeId=le-thi-hoa/);
    await page.getByText('Đang hiện 10').waitFor();
    await rows.first().getByRole('link', { name: 'Họp', exact: true }).click();
    await page.getByRole('heading', { name: 'Bằng chứng' }).waitFor();
  }, 120_000);

  it('shows the lists and a unit in English, and fits a phone', async () => {
    await page.goto(`${base}/visits?unitId=gia-loc&below=true`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Visits to the grassroots' }).waitFor();
    await page.getByRole('link', { name: 'Open the visit: Kiểm tra tình hình sản xuất tại cơ sở' }).waitFor();
    await screen('visits-en');
    await page.goto(`${base}/meetings?unitId=gia-tan&below=true&kind=party-committee`);
    await page.getByRole('heading', { name: 'Meetings', exact: true }).waitFor();
    await page.getByText('Showing 12').waitFor();
    await screen('meetings-en');
    await page.goto(`${base}/units/gia-loc`);
    await page.getByRole('heading', { name: "A unit's work: Huyện Gia Lộc" }).waitFor();
    await page.getByRole('heading', { name: 'Units below' }).waitFor();
    await screen('unit-worklist-en');
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/meetings?unitId=thong-nhat&below=true`);
    await page.getByRole('heading', { name: 'Các cuộc họp', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Danh mục' }).click();
    await page.getByRole('link', { name: 'Đi cơ sở', exact: true }).waitFor();
    await screen('phone-meetings');
  }, 120_000);
});
