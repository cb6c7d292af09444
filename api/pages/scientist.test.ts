/**
 * A data scientist in a real browser: the models page lists the registry with its metrics and
 * draws the chosen model's ROC curves, calibration by decile and drift from the registry's own
 * figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listModels } from '../../models/index.ts';
import { launchBrowser, screenshot, type Page, type TestBrowser } from './testing/browser.ts';
import { watchPage } from './testing/checks.ts';
import { signIn, startPagesServer, type PagesServer } from './testing/server.ts';

let server: PagesServer;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  server = await startPagesServer();
  browser = await launchBrowser();
  page = await browser.newPage(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('data scientist page', () => {
  it('lists the models with their metrics and draws ROC, calibration and drift charts', async () => {
    const watch = watchPage(page, server.url);
    await signIn(page, server.tokens.scientist);
    expect(new URL(page.url()).pathname).toBe('/scientist');
    const models = await listModels(server.context.db);
    expect(models.length).toBeGreaterThan(0);
    const champion = models.find((m) => m.record.status === 'champion')!;
    const row = page.locator(`#models tr[data-model="${champion.record.model_id}"]`);
    expect(await row.getAttribute('aria-current')).toBe('true');
    expect(await row.textContent()).toContain(champion.metrics.parts.test.auc.toFixed(3));

    const roc = page.locator('svg[data-chart="roc"]');
    expect(await roc.isVisible()).toBe(true);
    const curves = roc.locator('path.series');
    expect(await curves.count()).toBe(3);
    expect(await curves.first().getAttribute('data-points')).toBe('11');
    expect(await roc.locator('title').textContent()).toBe('ROC curve');

    const cal = page.locator('svg[data-chart="calibration"]');
    expect(await cal.locator('circle.point').count()).toBe(champion.metrics.parts.test.calibration.deciles.length);
    expect(await page.locator('svg[data-chart="stability"] .stability-row').count()).toBe(1 + Math.min(15, champion.metrics.csi.length));
    const drift = page.locator('svg[data-chart="drift"]');
    expect(await drift.isVisible()).toBe(true);
    expect(await page.locator('#drift').textContent()).toMatch(/PSI \d\.\d{3}/);
    // Every chart has a size on screen: a broken SVG renders as 0 × 0.
    for (const chart of await page.locator('svg.chart').all()) {
      const box = await chart.boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(150);
    }
    expect(watch.foreign()).toEqual([]);
    expect(watch.errors()).toEqual([]);
    await screenshot(page, 'scientist-models');
  });

  it('answers an unknown model with a 404 page naming it', async () => {
    const response = await page.goto('/scientist?model=nope');
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('alert').textContent()).toContain('no model nope');
  });
});
