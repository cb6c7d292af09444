/**
 * The portfolio page in a real browser: an officer opens it from the top bar, reads the book's
 * figures (the API's report, figure for figure), the stage bars and vintage curves, the roll-rate
 * matrix and expected against realised loss, moves the date, and is told which field is wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRmb } from '../../engine/credit/index.ts';
import type { PortfolioReport } from '../../engine/schema/portfolio-report.ts';
import { portfolioReport } from '../../pipelines/portfolio/index.ts';
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
  await signIn(page, server.tokens.officer);
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('portfolio page', () => {
  let report: PortfolioReport;

  it('opens from the top bar and shows the book of the API’s report', async () => {
    await page.goto('/officer/queue');
    await page.getByRole('link', { name: 'Portfolio' }).click();
    await page.waitForURL('**/officer/portfolio');
    const asOf = await page.getByLabel('As of').inputValue();
    report = await portfolioReport(server.context.db, { asOfDate: asOf });
    expect(await page.locator('#figure-lines').textContent()).toBe(report.total.n_lines.toLocaleString('en-US'));
    expect(await page.locator('#figure-ead').textContent()).toBe(formatRmb(report.total.ead_fen));
    expect(await page.locator('#figure-ecl').textContent()).toBe(formatRmb(report.total.ecl_fen));
    expect(report.total.n_lines).toBeGreaterThan(0);
  });

  it('draws EAD by stage for the book and each segment, and the vintage curves', async () => {
    const stages = page.locator('svg[data-chart="stages"]');
    await expect(stages.isVisible()).resolves.toBe(true);
    expect(await stages.locator('g.stage-row').count()).toBe(report.by_segment.length + 1);
    const allBars = await stages.locator('g.stage-row[data-name="all"] rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-ead'))));
    expect(allBars.reduce((a, b) => a + b, 0)).toBe(report.total.ead_fen);
    const vintages = page.locator('svg[data-chart="vintages"]');
    await expect(vintages.isVisible()).resolves.toBe(true);
    expect(await vintages.locator('g.vintage').count()).toBe(report.vintages.length);
    const box = await vintages.locator('g.vintage path').first().boundingBox();
    expect(box!.width).toBeGreaterThan(20);
    expect(await page.locator('#stage-table tbody tr').count()).toBe(report.by_segment.length);
  });

  it('shows the roll-rate matrix with rows adding up to 100% and expected against realised loss', async () => {
    const rows = await page.locator('#roll-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td[data-to]')].map((td) => td.textContent ?? '')),
    );
    expect(rows).toHaveLength(5);
    const current = rows[0].map((cell) => Number.parseFloat(cell));
    expect(current.reduce((a, b) => a + b, 0)).toBeGreaterThan(99.5);
    expect(current.reduce((a, b) => a + b, 0)).toBeLessThan(100.5);
    const loss = await page.locator('#loss-table tbody tr').allTextContents();
    expect(loss[1]).toContain(formatRmb(report.loss.realised_loss_fen));
    await screenshot(page, 'officer-portfolio');
  });

  it('moves the date, and names the field of a bad one', async () => {
    await page.getByLabel('As of').fill('2024-06-01');
    await page.getByLabel('Period from').fill('');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/as_of_date=2024-06-01/);
    expect(await page.locator('h2').first().textContent()).toBe('The book as of 2024-06-01');
    await page.goto(`/officer/portfolio?as_of_date=${FIXTURE_TODAY}&from_date=${FIXTURE_TODAY}`);
    expect(await page.getByRole('alert').textContent()).toContain('Period from');
    await page.goto('/officer/portfolio?as_of_date=soon');
    expect(await page.getByRole('alert').textContent()).toContain('As of');
    expect(await unlabelledFields(page)).toEqual([]);
    expect(watch.foreign()).toEqual([]);
    expect(watch.errors()).toEqual([]);
  });
});
