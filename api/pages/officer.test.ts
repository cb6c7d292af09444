/**
 * A credit officer in a real browser: signs in, filters and sorts the review queue, opens an
 * offer (turnover chart with holidays, features against the segment, reason codes, sizing
 * trace), adjusts the line — refused without a reason, recorded with one — and finds the entry
 * in the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRmb } from '../../engine/credit/index.ts';
import { appendLineEvents } from '../../pipelines/lines/append-events.ts';
import { FIXTURE_TODAY } from '../testing/fixture-warehouse.ts';
import { launchBrowser, screenshot, type Page, type TestBrowser } from './testing/browser.ts';
import { unlabelledFields, watchPage } from './testing/checks.ts';
import { signIn, startPagesServer, type PagesServer } from './testing/server.ts';

let server: PagesServer;
let browser: TestBrowser;
let page: Page;
let watch: ReturnType<typeof watchPage>;

beforeAll(async () => {
  server = await startPagesServer();
  browser = await launchBrowser();
  page = await browser.newPage(server.url);
  watch = watchPage(page, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const column = (page: Page, n: number) => page.$$eval(`#queue tbody tr td:nth-child(${n})`, (cells) => cells.map((c) => c.textContent!.trim()));

describe('credit officer console', () => {
  it('sends a signed-out visitor to sign in, refuses a bad token, and returns to the page asked for', async () => {
    await page.goto('/officer/queue?segment=cafe');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not valid');
    await page.getByLabel('Token').fill(server.tokens.officer);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/officer/queue?segment=cafe');
    expect(await column(page, 2)).not.toHaveLength(0);
  });

  it('filters the queue by segment and status and sorts it by PD', async () => {
    await page.goto('/officer/queue');
    await page.getByLabel('Segment').selectOption('supermarket');
    await page.getByLabel('Status').selectOption('suggested');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/segment=supermarket/);
    const segments = await column(page, 2);
    expect(segments.length).toBeGreaterThan(0);
    expect(new Set(segments)).toEqual(new Set(['supermarket']));
    expect(new Set(await column(page, 9))).toEqual(new Set(['suggested']));
    // The filter matches the API's own queue, row for row.
    const api = await server.context.reviews.queue({ segment: 'supermarket', status: 'suggested', sort: 'line_fen', order: 'desc', limit: 50 });
    expect(await column(page, 1)).toEqual(api.items.map((i) => i.merchant_id));

    await page.getByRole('link', { name: 'PD' }).click();
    await page.waitForURL(/sort=pd/);
    const pds = (await column(page, 5)).map((t) => Number.parseFloat(t));
    expect(pds.length).toBeGreaterThan(1);
    expect([...pds].sort((a, b) => b - a)).toEqual(pds);
    expect(new Set(await column(page, 2))).toEqual(new Set(['supermarket']));
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('PD');
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'officer-queue-filtered');
  });

  it('starts each page with a skip link to the content', async () => {
    await page.goto('/officer/queue');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toBe('Skip to content');
  });

  it('names the field of a bad filter instead of failing', async () => {
    await page.goto('/officer/queue?min_line=lots');
    expect(await page.getByRole('alert').textContent()).toContain('Minimum line');
  });

  it('opens an offer with its turnover, features, score, rules, trace, and adjusts the line with a reason', async () => {
    await page.goto('/officer/queue?outcome=offer&status=suggested&sort=line_fen&order=desc');
    const link = page.locator('#queue tbody tr td:first-child a').first();
    const merchantId = (await link.textContent())!.trim();
    await link.click();
    await page.waitForURL(`**/officer/offers/${merchantId}`);

    const weekly = page.locator('svg[data-chart="turnover-weekly"]');
    expect(Number(await weekly.locator('path.series').getAttribute('data-points'))).toBeGreaterThan(40);
    expect(await weekly.locator('rect.holiday').count()).toBeGreaterThan(3);
    // The tabs work from the keyboard: arrow right moves from Weekly to Daily.
    await page.getByRole('tab', { name: 'Weekly' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Daily' }).getAttribute('aria-selected')).toBe('true');
    const daily = page.locator('svg[data-chart="turnover-daily"]');
    expect(await daily.isVisible()).toBe(true);
    expect(await weekly.isVisible()).toBe(false);
    expect(Number(await daily.locator('path.series').getAttribute('data-points'))).toBeGreaterThan(300);
    expect(await page.locator('svg[data-chart="features"] .feature-row').count()).toBe(12);
    expect(await page.locator('#reason-codes tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#rules tbody tr').count()).toBeGreaterThanOrEqual(7);
    expect(await page.locator('#trace tbody tr').count()).toBeGreaterThan(20);
    expect(await page.locator('#trace').textContent()).toContain('line_rounded');
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'officer-offer');

    const before = (await server.context.reviews.review(merchantId)).offer.line_fen!;
    const adjusted = Math.floor(before / 2 / 100_000) * 100_000; // RMB, a multiple of 1,000
    await page.getByLabel('adjust the line').check();
    await page.getByLabel('New line (RMB), to adjust').fill(String(adjusted / 100));
    await page.getByRole('button', { name: 'Record decision' }).click();
    expect(await page.getByRole('alert').textContent()).toMatch(/Reason: a reason is required to adjust/);
    expect(await page.getByLabel('New line (RMB), to adjust').inputValue()).toBe(String(adjusted / 100));
    expect(await page.locator('#audit-empty').count()).toBe(1);

    // This time by keyboard: type the reason, Tab to the button, Enter.
    await page.getByLabel('Reason (required to adjust or decline)').fill('Turnover fell over Spring Festival; start lower and review in 3 months');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/done=adjust/);
    expect(await page.getByRole('status').textContent()).toBe('Line adjusted.');
    expect(await page.locator('#offer-line').textContent()).toBe(formatRmb(adjusted));
    expect(await page.locator('#offer-status').textContent()).toBe('approved');
    const trail = page.locator('#audit-table tbody tr');
    expect(await trail.count()).toBe(1);
    expect(await trail.textContent()).toContain('start lower and review in 3 months');

    // The entry is in the audit trail page, found by filtering on the merchant.
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByLabel('Merchant').fill(merchantId);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/merchant_id=/);
    const rows = page.locator('#audit-table tbody tr');
    expect(await rows.count()).toBe(1);
    const text = (await rows.textContent())!;
    expect(text).toContain('officer.wang');
    expect(text).toContain('adjust');
    expect(text).toContain(formatRmb(before));
    expect(text).toContain(formatRmb(adjusted));
    await screenshot(page, 'officer-audit');
    // And in the warehouse's append-only log, as the API would report it.
    const logged = await server.context.reviews.audit({ merchant_id: merchantId, limit: 10 });
    expect(logged.items.map((e) => [e.action, e.line_after_fen, e.actor])).toEqual([['adjust', adjusted, 'officer.wang']]);
  });

  it('shows the merchant’s line and its history from the one ledger, newest first', async () => {
    const queue = await server.context.reviews.queue({ outcome: 'offer', status: 'suggested', sort: 'merchant_id', order: 'asc', limit: 5 });
    const merchantId = queue.items[0].merchant_id;
    const line = await server.context.ledger.accept(merchantId);
    await server.context.ledger.move(merchantId, { kind: 'draw', amount_fen: 123_400, instalments: 6, idempotencyKey: 'officer-page-draw', canonicalBody: 'officer-page-draw' });
    await appendLineEvents(server.context.db, { line_id: line.line_id, merchant_id: merchantId, business_date: FIXTURE_TODAY, source: 'monitoring', events: [{ event_type: 'watched', amount_fen: 0, reason: 'turnover fell 40%' }] });

    await page.goto(`/officer/offers/${merchantId}`);
    const lineBlock = page.locator(`#lines [data-line="${line.line_id}"]`);
    expect(await lineBlock.locator('h3 .badge').textContent()).toBe('open');
    expect(await lineBlock.locator('.line-balance').textContent()).toBe(formatRmb(123_400));
    const rows = lineBlock.locator('.line-events tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-type')))).toEqual(['watched', 'drawn', 'accepted']);
    expect(await rows.nth(0).textContent()).toContain('turnover fell 40%');
    expect(await rows.nth(0).textContent()).toContain('monitoring');
    expect(await rows.nth(1).textContent()).toContain(formatRmb(123_400));
    expect(await rows.nth(1).textContent()).toContain('api');
    expect(await rows.nth(2).textContent()).toContain(FIXTURE_TODAY);
    await screenshot(page, 'officer-line-history');
    // The line's monitoring desk is one click away.
    await lineBlock.locator('a.line-desk').click();
    await page.waitForURL(`**/officer/lines/${line.line_id}`);
    expect(await page.locator('h1').textContent()).toContain(line.line_id);
  });

  it('loads nothing from outside the server, and a merchant page is not for officers', async () => {
    const response = await page.goto('/merchants/M00000001');
    expect(response?.status()).toBe(403);
    expect(watch.foreign()).toEqual([]);
    expect(watch.errors()).toEqual([]);
  });

  it('signs out', async () => {
    await page.goto('/officer/queue');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.goto('/officer/queue');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });
});
