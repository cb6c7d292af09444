import { describe, expect, it } from 'vitest';
import { monthsBetween, vintageCurves } from './vintages.ts';

describe('vintage curves', () => {
  it('counts calendar months', () => {
    expect(monthsBetween('2024-01-31', '2024-02-01')).toBe(1);
    expect(monthsBetween('2023-11-15', '2024-02-14')).toBe(3);
  });

  it('cumulative default rate by month on book, over a fixed denominator, never falling', () => {
    const curves = vintageCurves([
      { opened_date: '2024-01-15', default_date: '2024-03-02' },
      { opened_date: '2024-01-20', default_date: null },
      { opened_date: '2024-01-03', default_date: '2024-05-31' },
      { opened_date: '2024-01-09', default_date: null },
      { opened_date: '2024-03-01', default_date: '2024-03-20' },
    ], '2024-06-01');
    expect(curves.map((c) => c.vintage)).toEqual(['2024-01', '2024-03']);
    expect(curves[0]).toMatchObject({ n_lines: 4, n_defaults: 2 });
    expect(curves[0].points.map((p) => p.cumulative_default_rate)).toEqual([0, 0, 0.25, 0.25, 0.5]);
    expect(curves[1].points.map((p) => p.cumulative_default_rate)).toEqual([1, 1, 1]);
    for (const c of curves) for (let i = 1; i < c.points.length; i++) expect(c.points[i].cumulative_default_rate).toBeGreaterThanOrEqual(c.points[i - 1].cumulative_default_rate);
  });
});
