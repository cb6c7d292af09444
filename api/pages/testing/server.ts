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
import { signToken } from '../../auth/token.ts';
import type { AppContext } from '../../context.ts';
import { startServer } from '../../server.ts';
import { fixtureWarehouse } from '../../testing/fixture-warehouse.ts';

export interface PagesServer {
  url: string;
  context: AppContext;
  tokens: { officer: string; scientist: string; admin: string; merchant(merchantId: string): string };
  close(): Promise<void>;
}

export async function startPagesServer(): Promise<PagesServer> {
  const { dir, db } = await fixtureWarehouse();
  const server = await startServer({ db, port: 0, host: '127.0.0.1', log: () => {}, resumeJobs: false });
  const context = server.context;
  const secret = context.secret;
  return {
    url: server.url,
    context,
    tokens: {
      officer: signToken(secret, { role: 'officer', sub: 'officer.wang' }),
      scientist: signToken(secret, { role: 'scientist', sub: 'scientist.chen' }),
      admin: signToken(secret, { role: 'admin', sub: 'admin.zhao' }),
      merchant: (merchantId) => signToken(secret, { role: 'merchant', sub: merchantId, merchant_id: merchantId }),
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sign in through the sign-in page as a person would: paste the token, press the button. */
export async function signIn(page: Page, token: string, path = '/sign-in'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('domcontentloaded');
}
