import { describe, expect, it } from 'vitest';
import { calibration, liftTable } from '../../../models/index.ts';
import { CalibrationChart } from './calibration-chart.tsx';
import { FeatureBars } from './feature-bars.tsx';
import { rocPoints, RocChart } from './roc-chart.tsx';
import { niceTicks, shortRmb, zeroBasedDomain } from './scale.ts';
import { TurnoverChart, turnoverSeries } from './turnover-chart.tsx';

const html = (node: unknown) => String(node);
const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe('scales', () => {
  it('puts ticks at 1-2-5 steps covering the domain', () => {
    expect(niceTicks(0, 1234, 5)).toEqual([0, 500, 1000]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(zeroBasedDomain([0, 1234])).toEqual([0, 1500]);
    expect(zeroBasedDomain([])).toEqual([0, 1]);
  });
  it('writes short RMB from fen', () => {
    expect(shortRmb(123_456_789)).toBe('¥1.2m');
    expect(shortRmb(3_500_000)).toBe('¥35k');
    expect(shortRmb(4_250)).toBe('¥42.5');
  });
});

describe('turnover chart', () => {
  // 2024-09-25 (Wednesday) to 2024-10-14 (Monday): National Day week 2024-10-01..07 inside.
  const days = [
    { date: '2024-09-25', net_fen: 100_00 },
    { date: '2024-10-01', net_fen: 300_00 },
    { date: '2024-10-03', net_fen: 200_00 },
    { date: '2024-10-14', net_fen: 50_00 },
  ];

  it('fills days without trading with zero and marks the real holidays', () => {
    const daily = turnoverSeries(days, 'daily');
    expect(daily).toHaveLength(20);
    expect(daily.find((d) => d.date === '2024-09-26')?.net_fen).toBe(0);
    expect(daily.filter((d) => d.holidays.includes('national_day')).map((d) => d.date)).toEqual([
      '2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-05', '2024-10-06', '2024-10-07',
    ]);
  });

  it('sums whole Monday weeks only, so a cut week never reads as a fall', () => {
    const weekly = turnoverSeries(days, 'weekly');
    expect(weekly.map((w) => [w.date, w.net_fen])).toEqual([['2024-09-30', 500_00], ['2024-10-07', 0]]);
    expect(weekly[0].holidays).toEqual(['national_day']);
  });

  it('draws one shaded band per holiday day and a line through every day', () => {
    const svg = html(TurnoverChart({ days, grain: 'daily' }));
    expect(count(svg, /class="holiday"/g)).toBe(7);
    expect(svg).toContain('data-points="20"');
    expect(svg).toContain('National day');
    expect(svg).toMatch(/<title id="chart-turnover-daily-title">Daily net turnover<\/title>/);
  });

  it('says so when there is no turnover', () => {
    expect(html(TurnoverChart({ days: [], grain: 'weekly' }))).toContain('No turnover in the window.');
  });
});

describe('ROC and calibration charts', () => {
  const labels = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]; // 4 bads: two whole deciles
  const pd = labels.map((y, i) => (y ? 0.6 : 0.1) + i * 0.005);

  it('builds the ROC curve from the lift deciles, from (0,0) to (1,1)', () => {
    const points = rocPoints(liftTable(labels, pd));
    expect(points[0]).toEqual([0, 0]);
    expect(points[points.length - 1]).toEqual([1, 1]);
    // Perfect separation: every bad is caught before the first good is refused.
    expect(points).toContainEqual([0, 1]);
    for (let i = 1; i < points.length; i++) {
      expect(points[i][0]).toBeGreaterThanOrEqual(points[i - 1][0]);
      expect(points[i][1]).toBeGreaterThanOrEqual(points[i - 1][1]);
    }
  });

  it('refuses a lift table without bads', () => {
    expect(() => rocPoints(liftTable(labels.map(() => 0), pd))).toThrow(/needs bads and goods/);
  });

  it('draws a curve per part and a point per decile', () => {
    const roc = html(RocChart({ parts: [{ name: 'test', lift: liftTable(labels, pd), auc: 1 }] }));
    expect(roc).toContain('data-part="test"');
    expect(roc).toContain('test (AUC 1.000)');
    const cal = html(CalibrationChart({ deciles: calibration(labels, pd).deciles }));
    expect(count(cal, /<circle class="point"/g)).toBe(10);
    expect(count(cal, /class="whisker"/g)).toBe(10);
  });
});

describe('feature bars', () => {
  it('draws a pair of bars per feature and escapes what it writes', () => {
    const svg = html(FeatureBars({
      segmentName: 'cafe <b>',
      rows: [
        { feature: 'turnover_90d_fen', merchant: 200, segment: 100, format: String },
        { feature: 'growth_30d', merchant: null, segment: -0.5, format: String },
      ],
    }));
    expect(count(svg, /class="feature-row"/g)).toBe(2);
    expect(svg).toContain('cafe &lt;b&gt; median');
    expect(svg).toContain('>—<');
  });
});
