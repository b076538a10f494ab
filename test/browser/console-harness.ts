import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { TestApp, TestBackends, embeddedBackends, startTestApp } from '../helpers/test-app';

/** Debian's Chromium (apt-get install chromium); playwright-core never downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(__dirname, '..', '..', 'test-artifacts', 'browser');

// What the page functions below use of the browser. They run in Chromium (Playwright sends their source, which
// the console's CSP allows, unlike strings it would have to eval); the type-check only knows Node's globals.
declare const document: {
  querySelectorAll(selector: string): { length: number };
  querySelector(selector: string): unknown;
  activeElement: { id: string } | null;
};
declare function getComputedStyle(element: unknown): { filter: string };
declare const sessionStorage: { length: number };

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * For a describe block: the app on the embedded defaults listening on a real port of 127.0.0.1, a headless
 * Chromium, and per test a 1280×800 page that may load nothing but the app (any other request is refused and
 * remembered, so a test fails if the console reaches for a CDN).
 */
export function useConsoleHarness(env: Record<string, string> = {}) {
  let backends: TestBackends | undefined;
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let baseUrl = '';
  const state = { page: undefined as Page | undefined, foreignRequests: [] as string[], pageErrors: [] as string[] };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH))
      throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install chromium (Debian), or set CHROMIUM_PATH`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    backends = await embeddedBackends();
    t = await startTestApp(backends, env);
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  });

  beforeEach(async () => {
    context = await browser!.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
      locale: 'en-GB',
      timezoneId: 'UTC',
      reducedMotion: 'reduce',
    });
    state.foreignRequests = [];
    state.pageErrors = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${baseUrl}/`) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      state.foreignRequests.push(url);
      return route.abort();
    });
    state.page = await context.newPage();
    state.page.on('pageerror', (error) => state.pageErrors.push(String(error)));
    state.page.on('console', (message) => {
      if (message.type() === 'error') state.pageErrors.push(message.text());
    });
  });

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await backends?.cleanup();
  });

  return {
    get app(): TestApp {
      if (!t) throw new Error('useConsoleHarness: the app is only there inside tests');
      return t;
    },
    get page(): Page {
      if (!state.page) throw new Error('useConsoleHarness: the page is only there inside tests');
      return state.page;
    },
    get baseUrl() {
      return baseUrl;
    },
    get foreignRequests() {
      return state.foreignRequests;
    },
    get pageErrors() {
      return state.pageErrors;
    },
    /** Opens the console and signs in with a staff token; resolves once the header names the person. */
    async signIn(token: string, role: string) {
      const page = state.page!;
      await page.goto(`${baseUrl}/console`);
      await page.getByLabel('Staff token').fill(token);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('#who', { hasText: role.replace('_', ' ') }).waitFor();
    },
    /** Waits until the selector matches exactly `count` elements (tables fill in after their fetch). */
    async waitForCount(selector: string, count: number) {
      await state.page!.waitForFunction(([s, n]) => document.querySelectorAll(s).length === n, [
        selector,
        count,
      ] as const);
    },
    /** Waits until the first image the selector matches has loaded (frames arrive as blobs after the panel). */
    async waitForImage(selector: string) {
      await state.page!.waitForFunction((s) => {
        const img = document.querySelector(s) as { complete: boolean; naturalWidth: number } | null;
        return Boolean(img && img.complete && img.naturalWidth > 0);
      }, selector);
    },
    /** The computed CSS filter of the first element the selector matches (blurred frames). */
    filterOf(selector: string): Promise<string> {
      return state.page!.evaluate((s) => getComputedStyle(document.querySelector(s)).filter, selector);
    },
    /** How many items the page keeps in session storage (where the console keeps the token). */
    sessionItems(): Promise<number> {
      return state.page!.evaluate(() => sessionStorage.length);
    },
    activeElementId(): Promise<string | undefined> {
      return state.page!.evaluate(() => document.activeElement?.id);
    },
    screenshot(name: string) {
      return state.page!.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
    },
  };
}
