/**
 * The browser the page tests drive: Debian's Chromium (`.ci/run` installs the `chromium`
 * package) through playwright-core, headless, with nothing that reaches the network on its own
 * and a fresh profile each launch. Screenshots go to api/pages/screenshots/ (git-ignored), kept
 * as the tests' artifacts.
 *
 * @example
 *   const browser = await launchBrowser();
 *   const page = await browser.newPage(baseUrl);
 *   await page.goto('/officer/queue');
 *   await screenshot(page, 'officer-queue');
 *   await browser.close();
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** Switches that keep Chromium quiet and offline: no GPU, no sync, no updates, no QUIC. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  /** A new, cookie-free context (one per user) with its first page, relative URLs against baseUrl. */
  newPage(baseUrl: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`);
  }
  // A persistent context per user keeps the brief's "fresh --user-data-dir" literal: each user
  // gets a new profile folder, removed on close, so no cookie leaks from one user to the next.
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    async newPage(baseUrl) {
      const profile = mkdtempSync(join(tmpdir(), 'capillary-chromium-'));
      profiles.push(profile);
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ARGS,
        baseURL: baseUrl,
        viewport: { width: 1366, height: 768 },
        locale: 'en-GB',
        timezoneId: 'Asia/Shanghai',
      });
      contexts.push(context);
      return context.pages()[0] ?? (await context.newPage());
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close()));
      for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Save a full-page screenshot as a test artifact; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export type { Page };
