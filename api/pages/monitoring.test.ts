/**
 * A credit officer's monitoring in a real browser, after a monitoring run on the fixture
 * warehouse: the watch list worst first and filtered by signal, the collections queue by bucket,
 * a frozen line's page (turnover charts, the ledger with monitoring's reasons in words), the
 * frozen line's merchant told on their own page in plain words, and an override refused without
 * a reason, then recorded with one in the ledger and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorLines } from '../../pipelines/monitoring/monitor.ts';
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
  await monitorLines(server.context.db, { asOfDate: FIXTURE_TODAY });
  browser = await launchBrowser();
  page = await browser.newPage(server.url);
  watch = watchPage(page, server.url);
  await signIn(page, server.tokens.officer);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const rows = (page: Page, table: string, attribute: string) => page.$$eval(`#${table} tbody tr`, (trs, a) => trs.map((tr) => tr.getAttribute(a) ?? ''), attribute);

describe('monitoring pages', () => {
  it('lists warned lines worst first and filters them by signal', async () => {
    await page.goto('/officer/watch-list');
    await expect(page.getByRole('link', { name: 'Watch list' }).getAttribute('aria-current')).resolves.toBe('page');
    const severities = await rows(page, 'watch-list', 'data-severity');
    expect(severities.length).toBeGreaterThan(0);
    const rank = (s: string) => ['freeze', 'reduce', 'watch', ''].indexOf(s);
    expect(severities.map(rank)).toEqual(severities.map(rank).sort((a, b) => a - b));

    await page.getByLabel('Signal').selectOption('turnover_drop');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.waitForURL(/signal=turnover_drop/);
    const reasons = await page.$$eval('#watch-list tbody tr td:last-child', (cells) => cells.map((c) => c.textContent!.trim()));
    const api = await server.context.monitoring.watchList({ signal: 'turnover_drop', limit: 500 });
    expect(reasons.length).toBe(api.items.length);
    expect(reasons.every((r) => r.includes('turnover drop'))).toBe(true);
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'officer-watch-list');
  });

  it('shows the collections queue by days-past-due bucket', async () => {
    await page.goto('/officer/collections');
    const api = await server.context.monitoring.collections({});
    const tabs = await page.$$eval('nav.buckets a[data-bucket]', (links) => links.map((a) => a.getAttribute('data-bucket')));
    expect(tabs).toEqual(['1-29', '30-59', '60-89', '90+']);
    expect((await rows(page, 'collections', 'data-line')).length).toBe(api.items.length);
    const busy = api.buckets.find((b) => b.lines > 0);
    if (busy) {
      await page.locator(`nav.buckets a[data-bucket="${busy.bucket}"]`).click();
      await page.waitForURL(new RegExp(`bucket=${busy.bucket.replace('+', '\\+')}`));
      expect(new Set(await rows(page, 'collections', 'data-bucket'))).toEqual(new Set([busy.bucket]));
    }
    await page.goto('/officer/collections?bucket=120');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Bucket');
    await screenshot(page, 'officer-collections');
  });

  it('tells the frozen line’s merchant plainly on their own page; a quiet line’s merchant sees no notice', async () => {
    const frozen = (await server.context.monitoring.watchList({ limit: 500 })).items.find((i) => i.status === 'frozen');
    expect(frozen, 'monitoring froze a line of the fixture').toBeDefined();
    const notice = (await server.context.ledger.line(frozen!.merchant_id))!.notice!;
    expect(notice.action).toBe('freeze');
    const merchant = await browser.newPage(server.url);
    const merchantWatch = watchPage(merchant, server.url);
    await signIn(merchant, server.tokens.merchant(frozen!.merchant_id));
    expect(new URL(merchant.url()).pathname).toBe(`/merchants/${frozen!.merchant_id}`);
    expect(await merchant.locator('#line-notice').getAttribute('data-action')).toBe('freeze');
    expect(await merchant.locator('#line-notice-title').textContent()).toBe(`About your line, since ${notice.since}`);
    const message = (await merchant.locator('#line-notice-message').textContent())!;
    expect(message).toBe(notice.message);
    expect(message).toMatch(/^We have paused new drawing on your Easy Loan line; your repayments continue as agreed\. This is because your /);
    const todo = (await merchant.locator('#line-notice-todo').textContent())!;
    expect(todo).toMatch(/^Keep repaying as agreed/);
    expect(`${message} ${todo}`).not.toMatch(/_|=|\bpd\b|\bdpd\b|PD|CV|baseline/);
    expect(await merchant.locator('#draw-paused').textContent()).toBe('Drawing is paused on this line for now.');
    expect(await merchant.locator('#draw-amount').count()).toBe(0);
    expect(await unlabelledFields(merchant)).toEqual([]);
    // The notice comes before the line's figures: it is the first thing they read.
    expect(await merchant.locator('main section.card').first().getAttribute('id')).toBe('line-notice');
    await screenshot(merchant, 'merchant-line-frozen-notice');
    expect(merchantWatch.errors()).toEqual([]);
    expect(merchantWatch.foreign()).toEqual([]);

    const quiet = await server.context.db.one<{ merchant_id: string }>(
      `SELECT s.merchant_id FROM line_signals AS s WHERE s.action = 'none' AND s.severity IS NULL
         AND NOT EXISTS (SELECT 1 FROM line_events AS e WHERE e.line_id = s.line_id AND e.source IN ('monitoring', 'officer'))
       ORDER BY s.merchant_id LIMIT 1`,
    );
    await signIn(merchant, server.tokens.merchant(quiet!.merchant_id));
    expect(await merchant.locator('#line').count()).toBe(1);
    expect(await merchant.locator('#line-notice').count()).toBe(0);
    expect(await merchant.locator('#draw-amount').count()).toBe(1);
    await merchant.close();
  });

  it('opens a frozen line, refuses an override without a reason, then records one', async () => {
    const frozen = (await server.context.monitoring.watchList({ limit: 500 })).items.find((i) => i.status === 'frozen');
    expect(frozen, 'monitoring froze a line of the fixture').toBeDefined();
    await page.goto('/officer/watch-list');
    await page.getByRole('link', { name: frozen!.line_id, exact: true }).click();
    await page.waitForURL(`**/officer/lines/${frozen!.line_id}`);
    expect(await page.locator('#line-state dd[data-status]').getAttribute('data-status')).toBe('frozen');
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(2);
    const words = await page.locator('#ledger tr[data-source="monitoring"][data-event="frozen"] td').last().textContent();
    expect(words).toMatch(/^We have paused new drawing on your Easy Loan line/);

    await page.getByLabel('Override it (reverses a freeze or a limit change)').check();
    await page.getByRole('button', { name: 'Record' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/^Reason: a reason is required to override/);
    await page.getByLabel('Reason or note (required to override or log a contact)').fill('owner called: refitting the shop, reopens next week');
    await page.getByRole('button', { name: 'Record' }).click();
    await page.waitForURL(/done=override/);
    await expect(page.getByRole('status').textContent()).resolves.toBe('Overridden.');
    expect(await page.locator('#line-state dd[data-status]').getAttribute('data-status')).toBe('open');
    expect(await page.locator('#ledger tr[data-source="officer"][data-event="unfrozen"]').count()).toBe(1);
    expect(await rows(page, 'audit', 'data-action')).toEqual(['override']);
    expect(await unlabelledFields(page)).toEqual([]);
    await screenshot(page, 'officer-line');
    expect(watch.errors()).toEqual([]);
    expect(watch.foreign()).toEqual([]);
  });
});
