/**
 * A merchant in a real browser: sees their offer and why, cannot reach another merchant's page
 * (404, as the API answers, so ids cannot be probed), accepts, draws and repays; a form sent
 * twice moves the balance once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRmb } from '../../engine/credit/index.ts';
import type { MerchantOffer } from '../offers/merchant-offer.ts';
import { launchBrowser, screenshot, type Page, type TestBrowser } from './testing/browser.ts';
import { unlabelledFields, watchPage } from './testing/checks.ts';
import { signIn, startPagesServer, type PagesServer } from './testing/server.ts';

let server: PagesServer;
let browser: TestBrowser;
let page: Page;
let mine: string;
let theirs: string;

beforeAll(async () => {
  server = await startPagesServer();
  const offers = await server.context.db.all<{ merchant_id: string }>(
    `SELECT merchant_id FROM offers WHERE outcome = 'offer' AND status = 'suggested' ORDER BY merchant_id LIMIT 2`,
  );
  [mine, theirs] = offers.map((o) => o.merchant_id);
  browser = await launchBrowser();
  page = await browser.newPage(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const offerOf = (merchantId: string) => JSON.parse(server.context.offers.json(merchantId)!) as MerchantOffer;

describe('merchant page', () => {
  it('shows the merchant their own offer and why', async () => {
    const watch = watchPage(page, server.url);
    await signIn(page, server.tokens.merchant(mine));
    expect(new URL(page.url()).pathname).toBe(`/merchants/${mine}`);
    const offer = offerOf(mine);
    expect(await page.locator('#offer-line').textContent()).toBe(formatRmb(offer.line_fen!));
    expect(await page.locator('#offer-explanation').textContent()).toBe(offer.explanation);
    expect(await page.locator('#offer-reasons li').allTextContents()).toEqual(offer.reasons);
    expect(await page.locator('#instalments tbody tr').count()).toBe(offer.instalment_options.length);
    expect(Number(await page.locator('#sales svg[data-chart="turnover-weekly"] path.series').getAttribute('data-points'))).toBeGreaterThan(40);
    expect(await unlabelledFields(page)).toEqual([]);
    expect(watch.foreign()).toEqual([]);
    expect(watch.errors()).toEqual([]);
    await screenshot(page, 'merchant-offer');
  });

  it("cannot reach another merchant's page: it does not exist for them", async () => {
    const response = await page.goto(`/merchants/${theirs}`);
    expect(response?.status()).toBe(404);
    const body = (await page.textContent('main'))!;
    expect(body).not.toContain(formatRmb(offerOf(theirs).line_fen!));
    expect(body).not.toContain(offerOf(theirs).explanation);
    const post = await page.request.post(`/merchants/${theirs}/accept`, { maxRedirects: 0, headers: { origin: server.url } });
    expect(post.status()).toBe(404);
    expect(await server.context.ledger.line(theirs)).toBeNull();
    expect((await page.goto('/officer/queue'))?.status()).toBe(403);
    expect((await page.goto('/scientist'))?.status()).toBe(403);
  });

  it('accepts the offer, draws and repays, and lists the history', async () => {
    await page.goto(`/merchants/${mine}`);
    await page.getByRole('button', { name: 'Accept this offer' }).click();
    await page.waitForURL(/done=accepted/);
    expect(await page.getByRole('status').textContent()).toContain('Your line is open');
    expect(await page.locator('#line-balance').textContent()).toBe('RMB 0');

    await page.getByLabel('Amount (RMB)').first().fill('12000');
    await page.getByLabel('Repay over').selectOption('6');
    await page.getByRole('button', { name: 'Draw', exact: true }).click();
    await page.waitForURL(/done=drawn/);
    expect(await page.locator('#line-balance').textContent()).toBe('RMB 12,000');
    expect(await page.locator('#line-available').textContent()).toBe(formatRmb(offerOf(mine).line_fen! - 1_200_000));

    await page.locator('#repay-amount').fill('2000.50');
    await page.getByRole('button', { name: 'Repay', exact: true }).click();
    await page.waitForURL(/done=repaid/);
    expect(await page.locator('#line-balance').textContent()).toBe('RMB 9,999.50');
    const history = await page.locator('#history-table tbody tr').allTextContents();
    expect(history).toHaveLength(2);
    expect(history[0]).toContain('repayment'); // newest first
    expect(history[1]).toContain('draw over 6 months');
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'merchant-line');
  });

  it('moves the balance once when the same form is sent twice', async () => {
    await page.goto(`/merchants/${mine}`);
    const key = await page.locator('form[action$="/draw"] input[name="idempotency_key"]').inputValue();
    const form = { idempotency_key: key, amount: '100', instalments: '3' };
    // As the page's form sends it (a browser adds its Origin); from another site it is refused.
    const forged = await page.request.post(`/merchants/${mine}/draw`, { form, maxRedirects: 0, headers: { origin: 'https://evil.example' } });
    expect(forged.status()).toBe(403);
    const first = await page.request.post(`/merchants/${mine}/draw`, { form, maxRedirects: 0, headers: { origin: server.url } });
    const second = await page.request.post(`/merchants/${mine}/draw`, { form, maxRedirects: 0, headers: { origin: server.url } });
    expect(first.headers().location).toContain('done=drawn');
    expect(second.headers().location).toContain('done=replayed');
    expect((await server.context.ledger.line(mine))!.balance_fen).toBe(999_950 + 10_000);
  });

  it('tells a declined merchant why and what would change it, with nothing to accept', async () => {
    const declined = await server.context.db.one<{ merchant_id: string }>(`SELECT merchant_id FROM offers WHERE outcome = 'decline' ORDER BY merchant_id LIMIT 1`);
    const other = await browser.newPage(server.url);
    await signIn(other, server.tokens.merchant(declined!.merchant_id));
    const offer = offerOf(declined!.merchant_id);
    expect(await other.locator('#offer-explanation').textContent()).toBe(offer.explanation);
    expect(offer.explanation).toMatch(/can't offer you/);
    expect(await other.getByRole('button', { name: 'Accept this offer' }).count()).toBe(0);
    expect(await other.locator('#offer-line').count()).toBe(0);
    await screenshot(other, 'merchant-declined');
  });

  it('names the field when an amount is wrong and keeps the balance', async () => {
    await page.goto(`/merchants/${mine}`);
    await page.locator('#draw-amount').fill('-5');
    await page.getByRole('button', { name: 'Draw', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Amount');
    await page.locator('#repay-amount').fill('999999999');
    await page.getByRole('button', { name: 'Repay', exact: true }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/more than the .* owed/);
    expect((await server.context.ledger.line(mine))!.balance_fen).toBe(1_009_950);
    const huge = await page.request.post(`/merchants/${mine}/draw`, { form: { amount: '1', instalments: '3', note: 'x'.repeat(100_000) }, maxRedirects: 0, headers: { origin: server.url } });
    expect(huge.status()).toBe(413);
    expect((await server.context.ledger.line(mine))!.balance_fen).toBe(1_009_950);
  });

  it('pages the history newest first, older movements a link away', async () => {
    for (let i = 0; i < 19; i++) {
      const moved = await server.context.ledger.move(mine, { kind: 'draw', amount_fen: 100 + i, instalments: 2, idempotencyKey: `history-page-${i}`, canonicalBody: `history-page-${i}` });
      expect(moved.replayed).toBe(false);
    }
    const all = (await server.context.ledger.history(mine, 500, null, 'desc')).transactions;
    expect(all).toHaveLength(22);
    const amounts = async () => (await page.locator('#history-table tbody tr td:nth-child(3)').allTextContents());
    await page.goto(`/merchants/${mine}`);
    expect(await amounts()).toEqual(all.slice(0, 20).map((t) => formatRmb(t.amount_fen)));
    expect(await page.locator('#history-newest').count()).toBe(0);
    await page.locator('#history-older').click();
    await page.waitForURL(/older=\d+/);
    expect(await amounts()).toEqual(all.slice(20).map((t) => formatRmb(t.amount_fen)));
    expect(await page.locator('#history-older').count()).toBe(0);
    await page.locator('#history-newest').click();
    await page.waitForURL((url) => !url.search.includes('older'));
    expect((await amounts())[0]).toBe(formatRmb(all[0].amount_fen));
    expect((await page.goto(`/merchants/${mine}?older=yesterday`))?.status()).toBe(400);
    expect(await page.textContent('main')).toContain('older: expected the cursor of an Older link');
  });

  it('accepts a line repaid from daily sales (holdback) and draws on it with no instalments to choose', async () => {
    const third = (await server.context.db.one<{ merchant_id: string }>(
      `SELECT merchant_id FROM offers WHERE outcome = 'offer' AND status = 'suggested' AND merchant_id NOT IN ($mine, $theirs) ORDER BY merchant_id LIMIT 1`,
      { mine, theirs },
    ))!.merchant_id;
    const other = await browser.newPage(server.url);
    await signIn(other, server.tokens.merchant(third));
    expect(await other.getByLabel('in monthly instalments').isChecked()).toBe(true);
    await other.getByLabel(/^from your sales: 13% of each day's settled sales$/).check();
    await other.getByRole('button', { name: 'Accept this offer' }).click();
    await other.waitForURL(/done=accepted/);
    expect(await other.locator('#draw-instalments').count()).toBe(0);
    await other.getByLabel('Amount (RMB)').first().fill('5000');
    await other.getByRole('button', { name: 'Draw', exact: true }).click();
    await other.waitForURL(/done=drawn/);
    expect(await other.locator('#line-balance').textContent()).toBe('RMB 5,000');
    expect(await other.locator('#history-table tbody tr').allTextContents()).toEqual([expect.stringContaining('draw, repaid from your daily sales')]);
    const line = (await server.context.ledger.line(third))!;
    expect(line.repayment).toBe('holdback');
    expect(await unlabelledFields(other)).toEqual([]);
    await screenshot(other, 'merchant-holdback-line');
    await other.close();
  });

  it('accepts a newer offer on the open line: the limit changes, the line and what is owed stay', async () => {
    const before = (await server.context.ledger.line(mine))!;
    const db = server.context.db;
    // The next offers run's row for this merchant: a month later, sized against what it owes now.
    await db.run(
      `INSERT INTO offers SELECT * REPLACE (CAST(as_of_date + INTERVAL 31 DAY AS DATE) AS as_of_date, 'suggested' AS status, $balance AS balance_fen,
         $line AS line_fen, CAST(expires_on + INTERVAL 31 DAY AS DATE) AS expires_on, NULL AS decided_by, NULL AS decided_at, NULL AS officer_note)
       FROM offers WHERE merchant_id = $id QUALIFY as_of_date = max(as_of_date) OVER ()`,
      { id: mine, balance: before.balance_fen, line: 2_000_000 },
    );
    await server.context.offers.refresh(db, mine);
    await page.goto(`/merchants/${mine}`);
    await page.getByRole('button', { name: 'Accept this offer on your line' }).click();
    await page.waitForURL(/done=accepted/);
    expect(await page.locator('#line-balance').textContent()).toBe(formatRmb(before.balance_fen));
    expect(await page.locator('#line-available').textContent()).toBe('RMB 20,000');
    expect(await page.getByRole('button', { name: 'Accept this offer on your line' }).count()).toBe(0);
    const after = (await server.context.ledger.line(mine))!;
    expect(after).toMatchObject({ line_id: before.line_id, line_fen: before.balance_fen + 2_000_000, balance_fen: before.balance_fen });
    expect(await unlabelledFields(page)).toEqual([]);
  });
});
