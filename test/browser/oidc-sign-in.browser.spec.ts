import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { freePort } from '../support/free-port.js';
import { startTestIdentityProvider, type TestIdentityProvider } from '../support/test-identity-provider.js';
import { LedgerProcess, PROJECT_ROOT } from '../system/support/ledger-process.js';
import { chromiumAvailable, launchChromium, seriousAccessibilityViolations } from './support/chromium.js';

const describeInBrowser = chromiumAvailable() ? describe : describe.skip;
const SHOTS =
  process.env.LEDGER_SCREENSHOTS === 'docs' ? join(PROJECT_ROOT, 'docs', 'screenshots') : mkdtempSync(join(tmpdir(), 'oidc-shots-'));

/**
 * The built service in external mode, its console signing people in through a real OpenID Connect
 * provider (oidc-provider, with its development login and consent pages) in Chromium: the province's
 * account button, the provider's pages, back to the console signed in, sign-out at the provider too.
 */
describeInBrowser("signing in to the console with the province's account, in Chromium", () => {
  let provider: TestIdentityProvider;
  let ledger: LedgerProcess;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const providerPort = await freePort();
    const issuer = `http://127.0.0.1:${providerPort}`;
    ledger = await LedgerProcess.create({
      AUTH_ISSUER: issuer,
      AUTH_JWKS_URL: `${issuer}/jwks`,
      AUTH_AUDIENCE: 'ledger-api',
      AUTH_OIDC_CLIENT_ID: 'ledger-console',
      AUTH_OIDC_CLIENT_SECRET: 'bi-mat-cua-so-cai-0123456789',
      AUTH_OIDC_SCOPES: 'openid ledger',
    });
    base = `http://localhost:${ledger.port}`;
    provider = await startTestIdentityProvider(
      { 'thanh-tra-gia-tan': { roles: ['inspector'], units: ['gia-tan'] } },
      [{ clientId: 'ledger-console', clientSecret: 'bi-mat-cua-so-cai-0123456789', appBaseUrl: base }],
      providerPort,
    );
    await ledger.start();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await ledger?.dispose();
    await provider?.close();
  });

  it('offers the province account, signs in at the provider and comes back signed in, then signs out there too', async () => {
    await page.goto(`${base}/sign-in`);
    const button = page.getByRole('link', { name: 'Đăng nhập bằng tài khoản của tỉnh' });
    await button.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'oidc-sign-in.png'), fullPage: true });
    await button.click();

    await page.waitForURL(`${provider.issuer}/**`);
    await page.locator('input[name="login"]').fill('thanh-tra-gia-tan');
    await page.locator('input[name="password"]').fill('any');
    await page.screenshot({ path: join(SHOTS, 'oidc-provider.png'), fullPage: true });
    await page.locator('button[type="submit"]').click();
    await page.locator('input[name="prompt"][value="consent"]').waitFor({ state: 'attached' });
    await page.locator('button[type="submit"]').click();

    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    expect(page.url()).toBe(`${base}/`);
    await page.getByText('thanh-tra-gia-tan').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(SHOTS, 'oidc-signed-in.png'), fullPage: true });

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(`${provider.issuer}/**`);
    expect(new URL(page.url()).pathname).toBe('/session/end');
  });

  it('words a refusal on the sign-in page', async () => {
    await page.goto(`${base}/auth/oidc/callback?code=stolen&state=guessed`);
    await page.waitForURL(`${base}/sign-in?error=OIDC.ATTEMPT_UNKNOWN`);
    await page.getByText('Lượt đăng nhập này không bắt đầu từ trình duyệt này').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'oidc-refused.png'), fullPage: true });
  });
});
