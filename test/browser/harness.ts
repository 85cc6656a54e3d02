/**
 * The console in a real browser against the local platform: the tiny city on a manual clock, the HTTP
 * server serving the built console, and Debian's chromium driven by playwright-core (one browser per test
 * file). Each page view can be checked with axe and written as a screenshot to test/browser/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CONSOLE_DIST } from '../../console/build.js';
import { tinyCity } from '../../functions/domain/testing/tiny-city.js';
import { ManualClock } from '../../local/clock.js';
import { startLocalHttpServer, type LocalHttpServer } from '../../local/http-server.js';
import { LocalIssuer } from '../../local/issuer.js';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

export interface ConsoleHarness {
  platform: LocalPlatform;
  http: LocalHttpServer;
  clock: ManualClock;
  browser: Browser;
  /** Uncaught errors of every page opened through `signedIn`/`open`; a test ends by checking it is empty. */
  pageErrors: string[];
  /** A fresh, signed-out browser context on a console route. */
  open(route: string, lang?: 'en' | 'zh-CN'): Promise<{ context: BrowserContext; page: Page }>;
  tokenFor(userId: string): Promise<string>;
  /** A call to the API as `userId`, as any client would make it. */
  call(userId: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  /** A fresh browser context signed in through the console's sign-in page as `userId`. */
  signedIn(userId: string, lang?: 'en' | 'zh-CN'): Promise<{ context: BrowserContext; page: Page }>;
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export async function startConsole(): Promise<ConsoleHarness> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const clock = new ManualClock(Date.parse('2026-12-01T09:00:00+08:00'));
  const city = tinyCity();
  city.duplicateDetection.enabled = false;
  const platform = await startLocalPlatform({ city, clock, warn: () => undefined });
  const issuer = await LocalIssuer.create({ issuer: 'http://127.0.0.1/local', audience: 'civic-loop' });
  const http = await startLocalHttpServer(platform, issuer, { port: 0, consoleDir: CONSOLE_DIST });
  const browser = await launchChromium();
  const users = platform.city.city.users;
  const pageErrors: string[] = [];
  const open = async (route: string, lang: 'en' | 'zh-CN' = 'en') => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: lang, timezoneId: 'Europe/London' });
    // The board refreshes every second in tests (config.json is how a deployment sets it too).
    await context.route('**/console/config.json', (request) => request.fulfill({ json: { apiUrl: '', auth: { mode: 'local' }, pollSeconds: 1 } }));
    await context.addInitScript((chosen) => localStorage.setItem('civic-loop.lang', chosen), lang);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${http.url}/console/${route}`);
    return { context, page };
  };
  const tokenFor = async (userId: string) => {
    const user = users.find((candidate) => candidate.id === userId);
    if (!user) throw new Error(`no user ${userId}`);
    return issuer.tokenFor(user);
  };
  return {
    platform,
    http,
    clock,
    browser,
    pageErrors,
    open,
    tokenFor,
    call: async (userId, method, path, body) => {
      const response = await fetch(`${http.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${await tokenFor(userId)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : undefined };
    },
    signedIn: async (userId, lang = 'en') => {
      const { context, page } = await open('#/sign-in', lang);
      await page.click(`button[data-user="${userId}"]`);
      await page.waitForSelector('header nav');
      return { context, page };
    },
    settle: () => platform.workflow.idle(),
    stop: async () => {
      await browser.close();
      await http.close();
      await platform.stop();
    },
  };
}

/** axe's serious and critical violations on the page as it is now, one line each (an empty list passes). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join('; ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}
