/**
 * A missing bin never earns more points than the best observed bin, nor more than neutral
 * evidence; so the reason codes never name a characteristic whose bin already earns the most an
 * observed value can.
 */
import { describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { reasonCodesSql } from '../compile-sql/reasons-sql.ts';
import type { Dataset } from '../data/frame.ts';
import { Rng } from '../random.ts';
import { scoreRowDetail } from './score.ts';
import { trainScorecard } from './train.ts';

function data(): Dataset {
  const rng = new Rng(5);
  const n = 3000;
  const x = new Float64Array(n);
  const z = new Float64Array(n);
  const target = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.next();
    z[i] = rng.next();
    target[i] = rng.next() < 1 / (1 + Math.exp(3 - 3 * x[i] - z[i])) ? 1 : 0;
    // 40 rows whose x is unknown, all of them good: by luck, not by evidence.
    if (i < 40) {
      x[i] = NaN;
      target[i] = 0;
    }
  }
  return { nRows: n, columns: [{ kind: 'numeric', name: 'x', values: x }, { kind: 'numeric', name: 'z', values: z }], target };
}

describe('the missing bin', () => {
  it('is capped at neutral WoE, below the best observed bin', () => {
    const card = trainScorecard(data(), { minIv: 0 });
    const x = card.characteristics.find((c) => c.feature === 'x')!;
    const missing = x.binning.bins.findIndex((bin) => bin.kind === 'missing');
    expect(x.binning.bins[missing].good).toBe(40);
    expect(x.binning.bins[missing].woe).toBeLessThanOrEqual(0);
    const observed = x.points.filter((_, b) => x.binning.bins[b].kind === 'range');
    expect(x.points[missing]).toBeLessThanOrEqual(Math.max(...observed));
  });

  it('leaves the reason codes of a row in the best observed bin without that characteristic', async () => {
    const set = data();
    const card = trainScorecard(set, { minIv: 0 });
    const x = card.characteristics.findIndex((c) => c.feature === 'x');
    const best = Math.max(...card.characteristics[x].points.filter((_, b) => card.characteristics[x].binning.bins[b].kind === 'range'));
    const [xs, zs] = set.columns.map((column) => column.values as Float64Array);
    const db = await Database.open(':memory:');
    try {
      await db.run('CREATE TABLE scored (row_id INTEGER, x DOUBLE, z DOUBLE)');
      await db.append('scored', { row_id: Int32Array.from(xs, (_, i) => i), x: Float64Array.from(xs, (v) => (Number.isNaN(v) ? NaN : v)), z: zs });
      await db.run('UPDATE scored SET x = NULL WHERE isnan(x)');
      const rows = await db.all<{ row_id: number; reasons: string }>(
        `SELECT row_id, ${reasonCodesSql(card, (f) => `"${f}"`)} AS reasons FROM scored ORDER BY row_id`,
      );
      let inBest = 0;
      for (const { row_id, reasons } of rows) {
        const points = scoreRowDetail(card, { x: Number.isNaN(xs[row_id]) ? null : xs[row_id], z: zs[row_id] }).points[x];
        if (points < best - 1e-9) continue;
        inBest++;
        expect((JSON.parse(reasons) as { feature: string }[]).map((r) => r.feature), `row ${row_id}`).not.toContain('x');
      }
      // Many rows sit in the best observed bin; were the missing bin not capped below it, it would
      // set the best points and every one of those rows would name x as a reason.
      expect(inBest).toBeGreaterThan(40);
    } finally {
      db.close();
    }
  });
});
