/** Bank merchant ids numbered into lake ids: stable when the registry grows, given the earlier crosswalk. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { importLake, MERCHANT_IDS_PATH } from './import-lake.ts';
import { MappingError } from './mapping.ts';

const dir = mkdtempSync(join(tmpdir(), 'capillary-merchant-ids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function importRegistry(name: string, ids: string[], crosswalk?: string): Promise<Record<string, string>> {
  writeFileSync(join(dir, `${name}.csv`), `商户号,行业\n${ids.map((id) => `${id},便利店`).join('\n')}\n`);
  const mapping = {
    merchant_ids: 'registry',
    ...(crosswalk ? { merchant_id_crosswalk: crosswalk } : {}),
    sources: [{
      table: 'merchants', file: `${name}.csv`, format: 'csv',
      columns: { merchant_id: '商户号', segment: { from: '行业', values: { 便利店: 'convenience_store' } }, city_tier: { default: 2 }, kyc_tier: { default: 'B' }, onboarded_date: { default: '2024-01-01' } },
    }],
  };
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(mapping));
  const db = await Database.open();
  try {
    await importLake(db, join(dir, `${name}.json`), join(dir, name));
    const rows = await db.all<{ bank_merchant_id: string; merchant_id: string }>('SELECT * FROM read_parquet($p)', { p: join(dir, name, MERCHANT_IDS_PATH) });
    return Object.fromEntries(rows.map((r) => [r.bank_merchant_id, r.merchant_id]));
  } finally {
    db.close();
  }
}

describe('merchant ids from the bank registry', () => {
  it('keep their numbers when the registry grows, new ids numbered after them', async () => {
    expect(await importRegistry('first', ['8983100482', '8983100484'])).toEqual({ '8983100482': 'M00000001', '8983100484': 'M00000002' });
    const grown = ['8983100481', '8983100482', '8983100483', '8983100484'];
    // Without the earlier crosswalk, numbering starts over and a loaded merchant would change id.
    expect((await importRegistry('renumbered', grown))['8983100482']).toBe('M00000002');
    expect(await importRegistry('second', grown, `first/${MERCHANT_IDS_PATH}`)).toEqual({
      '8983100481': 'M00000003', '8983100482': 'M00000001', '8983100483': 'M00000004', '8983100484': 'M00000002',
    });
  });

  it('refuse a crosswalk that is not there, naming the field', async () => {
    await expect(importRegistry('third', ['1'], 'nowhere.parquet')).rejects.toThrow(MappingError);
    await expect(importRegistry('fourth', ['1'], 'nowhere.parquet')).rejects.toThrow(/merchant_id_crosswalk: .*nowhere.parquet does not exist/);
  });
});
