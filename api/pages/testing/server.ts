/**
 * A real server for the page tests: the API's fixture warehouse (a small simulated network run
 * through the whole chain, copied per test file), served on 127.0.0.1 on a free port, with
 * tokens for each role signed by the warehouse's own secret.
 *
 * @example
 *   const server = await startPagesServer();
 *   const page = await browser.newPage(server.url);
 *   await signIn(page, server.tokens.officer);
 *   await server.close();
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { AppContext } from '../../context.ts';
import { startServer } from '../../server.ts';
import { FIXTURE_TODAY, fixtureWarehouse } from '../../testing/fixture-warehouse.ts';

export interface PagesServer {
  url: string;
  context: AppContext;
  tokens: { officer: string; scientist: string; admin: string; merchant(merchantId: string): Promise<string> };
  close(): Promise<void>;
}

export async function startPagesServer(): Promise<PagesServer> {
  const { dir, db } = await fixtureWarehouse();
  const server = await startServer({ db, port: 0, host: '127.0.0.1', log: () => {}, resumeJobs: false, businessDate: FIXTURE_TODAY });
  const context = server.context;
  const tokens = context.tokens;
  return {
    url: server.url,
    context,
    tokens: {
      officer: await tokens.sign({ role: 'officer', sub: 'officer.wang' }),
      scientist: await tokens.sign({ role: 'scientist', sub: 'scientist.chen' }),
      admin: await tokens.sign({ role: 'admin', sub: 'admin.zhao' }),
      merchant: (merchantId) => tokens.sign({ role: 'merchant', sub: merchantId, merchant_id: merchantId }),
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sign in through the sign-in page as a person would: paste the token, press the button. */
export async function signIn(page: Page, token: string | Promise<string>, path = '/sign-in'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Token').fill(await token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('domcontentloaded');
}
