/**
 * `capillary portfolio` on a built warehouse (the API's fixture: a simulated network and its
 * legacy book through the whole chain): the checks — stage exposures add up to total
 * exposure, roll rates per bucket add up to 1, vintage curves never fall — and its refusals.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../engine/credit/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortfolioReportSchema, type PortfolioReport } from '../../engine/schema/portfolio-report.ts';
import { FIXTURE_TODAY, fixtureWarehouse } from '../../api/testing/fixture-warehouse.ts';
import { capillary } from '../testing/run-capillary.ts';

let fixture: { dir: string; db: string };
let report: PortfolioReport;

beforeAll(async () => {
  fixture = await fixtureWarehouse();
  const { code, stdout, stderr } = await capillary('portfolio', '--as-of', FIXTURE_TODAY, '--json', '--db', fixture.db);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  report = PortfolioReportSchema.parse(JSON.parse(stdout));
}, 600_000);
afterAll(() => rmSync(fixture.dir, { recursive: true, force: true }));

describe('capillary portfolio', () => {
  it('reports a book of lines with PDs from the champion', () => {
    expect(report.as_of_date).toBe(FIXTURE_TODAY);
    expect(report.total.n_lines).toBeGreaterThan(10);
    expect(report.model_id).not.toBeNull();
    expect(report.n_lines_without_pd).toBeLessThan(report.total.n_lines);
    expect(report.total.ead_fen).toBeGreaterThanOrEqual(report.total.balance_fen);
    expect(report.total.utilisation).toBeGreaterThan(0);
  });

  it('stage exposures add up to total exposure, overall and in every segment', () => {
    for (const cell of [report.total, ...report.by_segment]) {
      expect(cell.stages.reduce((s, c) => s + c.ead_fen, 0)).toBe(cell.ead_fen);
      expect(cell.stages.reduce((s, c) => s + c.n_lines, 0)).toBe(cell.n_lines);
      expect(cell.stages.reduce((s, c) => s + c.ecl_fen, 0)).toBe(cell.ecl_fen);
    }
    expect(report.by_segment.reduce((s, c) => s + c.ead_fen, 0)).toBe(report.total.ead_fen);
    expect(Object.values(report.stage_reasons).reduce((a, b) => a + b, 0)).toBe(report.total.n_lines);
  });

  it('roll rates per bucket add up to 1', () => {
    expect(report.roll_rates.rows.map((r) => r.from)).toEqual(['current', '1-29', '30-59', '60-89', '90+']);
    expect(report.roll_rates.rows[0].n).toBeGreaterThan(0);
    for (const row of report.roll_rates.rows.filter((r) => r.n > 0)) {
      expect(Object.values(row.to).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });

  it('vintage curves never fall', () => {
    expect(report.vintages.length).toBeGreaterThan(3);
    for (const v of report.vintages) {
      v.points.forEach((p, i) => {
        expect(p.months_on_book).toBe(i);
        if (i > 0) expect(p.cumulative_default_rate).toBeGreaterThanOrEqual(v.points[i - 1].cumulative_default_rate);
      });
      expect(v.points[v.points.length - 1].cumulative_default_rate).toBeCloseTo(v.n_defaults / v.n_lines, 12);
    }
  });

  it('prints the same figures as text', async () => {
    const { code, stdout } = await capillary('portfolio', '--as-of', FIXTURE_TODAY, '--db', fixture.db);
    expect(code).toBe(0);
    expect(stdout).toContain(`${report.total.n_lines.toLocaleString('en-US')} lines`);
    expect(stdout).toMatch(/roll rates, month to month/);
    expect(stdout).toMatch(/vintage curves/);
  });

  it('stages by the policy given: its ifrs9 section and version', async () => {
    const file = join(fixture.dir, 'no-sicr.json');
    writeFileSync(file, JSON.stringify({ ...DEFAULT_POLICY, version: 'no-sicr', ifrs9: { ...DEFAULT_POLICY.ifrs9, sicr_pd_multiple: 1000 } }));
    const { code, stdout } = await capillary('portfolio', '--as-of', FIXTURE_TODAY, '--json', '--policy', file, '--db', fixture.db);
    expect(code).toBe(0);
    const strict = PortfolioReportSchema.parse(JSON.parse(stdout));
    expect(report.stage_reasons.pd_increase).toBeGreaterThan(0);
    expect(strict).toMatchObject({ policy_version: 'no-sicr', stage_reasons: { ...report.stage_reasons, pd_increase: 0, performing: report.stage_reasons.performing + report.stage_reasons.pd_increase } });
    expect(strict.total.ead_fen).toBe(report.total.ead_fen);
    expect(strict.total.ecl_fen).toBeLessThan(report.total.ecl_fen);
  });

  it('refuses a missing date, a bad one and a period that does not start before it', async () => {
    expect(await capillary('portfolio', '--db', fixture.db)).toMatchObject({ code: 2, stderr: expect.stringContaining('--as-of DATE is required') });
    expect(await capillary('portfolio', '--as-of', '2024-02-30', '--db', fixture.db)).toMatchObject({ code: 2, stderr: expect.stringContaining('--as-of: expected a date') });
    expect(await capillary('portfolio', '--as-of', FIXTURE_TODAY, '--from', FIXTURE_TODAY, '--db', fixture.db)).toMatchObject({ code: 2, stderr: expect.stringContaining('--from: must be before --as-of') });
  });
});
