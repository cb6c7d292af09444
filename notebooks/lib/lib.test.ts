/** notebooks/lib on its own: the warehouse refusals, tables and ROC points (the notebooks test runs them in Jupyter). */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { auc } from '../../models/index.ts';
import { rocCurve } from './curves.ts';
import { tableHtml } from './tables.ts';
import { openWarehouse, WarehouseNotReadyError } from './warehouse.ts';

const dir = mkdtempSync(join(tmpdir(), 'capillary-notebook-lib-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openWarehouse', () => {
  it('refuses a missing file with the command that builds one, and creates nothing', async () => {
    const path = join(dir, 'nowhere', 'capillary.duckdb');
    await expect(openWarehouse({ path })).rejects.toThrow(/there is no warehouse at .*nowhere.*npm run notebooks -- --warehouse-only/);
    await expect(openWarehouse({ path })).rejects.toBeInstanceOf(WarehouseNotReadyError);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });

  it('refuses tables that are absent or empty, naming them', async () => {
    const path = join(dir, 'partial.duckdb');
    const db = await Database.open(path);
    await db.run('CREATE TABLE merchants (merchant_id VARCHAR); CREATE TABLE labels (merchant_id VARCHAR); INSERT INTO labels VALUES (\'M00000001\')');
    db.close();
    await expect(openWarehouse({ path, needs: ['merchants', 'labels', 'daily_turnover'] })).rejects.toThrow(/has no rows in merchants, daily_turnover: build/);
  });

  it('opens a warehouse with rows read-only', async () => {
    const path = join(dir, 'ready.duckdb');
    const setup = await Database.open(path);
    await setup.run("CREATE TABLE merchants AS SELECT 'M00000001' AS merchant_id");
    setup.close();
    const db = await openWarehouse({ path, needs: ['merchants'] });
    try {
      expect(await db.all('SELECT merchant_id FROM merchants')).toEqual([{ merchant_id: 'M00000001' }]);
      await expect(db.run('DELETE FROM merchants')).rejects.toThrow(/read-only/i);
    } finally {
      db.close();
    }
  });
});

describe('tableHtml', () => {
  it('escapes text, right-aligns and rounds numbers, shows percentages', () => {
    const html = tableHtml([{ bin: '(-inf, 0.2] <a>', woe: 0.123456, bad_rate: 0.0412, n: 1200 }], { digits: { woe: 2 }, percent: { bad_rate: 1 } });
    expect(html).toContain('<td>(-inf, 0.2] &lt;a&gt;</td>');
    expect(html).toContain('<td style="text-align:right">0.12</td>');
    expect(html).toContain('<td style="text-align:right">4.1%</td>');
    expect(html).toContain('<td style="text-align:right">1,200</td>');
    expect(html).toContain('<th>bad_rate</th>');
  });
});

describe('rocCurve', () => {
  it('runs from (0, 0) to (1, 1) and its area is the AUC', () => {
    const labels = [0, 0, 1, 0, 1, 1, 0, 1, 0, 0];
    const pd = [0.1, 0.2, 0.8, 0.3, 0.6, 0.9, 0.6, 0.4, 0.05, 0.5];
    const curve = rocCurve(labels, pd, 1000);
    expect(curve[0]).toEqual({ false_positive_rate: 0, true_positive_rate: 0 });
    expect(curve.at(-1)).toEqual({ false_positive_rate: 1, true_positive_rate: 1 });
    let area = 0;
    for (let k = 1; k < curve.length; k++) {
      area += (curve[k].false_positive_rate - curve[k - 1].false_positive_rate) * (curve[k].true_positive_rate + curve[k - 1].true_positive_rate) / 2;
    }
    expect(area).toBeCloseTo(auc(labels, pd), 12);
  });

  it('refuses labels of one class or a length mismatch', () => {
    expect(() => rocCurve([1, 1], [0.2, 0.3])).toThrow(/both bads and goods/);
    expect(() => rocCurve([1, 0], [0.2])).toThrow(/2 labels but 1 PDs/);
  });
});
