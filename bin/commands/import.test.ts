import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capillary } from '../testing/run-capillary.ts';
import { Database, writeParquet } from '../../engine/db/index.ts';
import { tempDir } from '../../pipelines/testing/write-lake.ts';
import { MERCHANT_IDS_PATH, QUARANTINE_PATH } from '../../pipelines/import/index.ts';
import { BANK_IDS, writeBankFiles, type BankFiles } from '../../pipelines/import/testing/bank-files.ts';

let dir: string;
let bank: BankFiles;
let db: Database;
beforeAll(async () => {
  dir = tempDir();
  bank = await writeBankFiles(join(dir, 'bank'));
  db = await Database.open();
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function editedMapping(name: string, edit: (mapping: any) => void): string {
  const mapping = JSON.parse(readFileSync(bank.mapping, 'utf8'));
  edit(mapping);
  const path = join(bank.folder, name);
  writeFileSync(path, JSON.stringify(mapping));
  return path;
}

describe('capillary import', () => {
  it('imports Excel, GB18030 CSV and an outcomes list into a lake the ingest loads, quarantining what cannot convert', async () => {
    const lake = join(dir, 'lake');
    const result = await capillary('import', '--mapping', bank.mapping, '--out', lake);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(lake, '_SUCCESS.json'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(lake, '_SUCCESS.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'capillary-lake', grain: 'settlement', rows: { merchants: 4, settlements: bank.goodSettlements, outcomes: 2 } });

    // The bank's ids are numbered in their sorted order; the crosswalk is kept beside the lake.
    const ids = await db.all<{ bank_merchant_id: string; merchant_id: string }>(`SELECT * FROM read_parquet($p) ORDER BY merchant_id`, { p: join(lake, MERCHANT_IDS_PATH) });
    expect(ids.slice(0, 4)).toEqual(BANK_IDS.map((id, i) => ({ bank_merchant_id: id, merchant_id: `M0000000${i + 1}` })));
    const merchants = await db.all(`SELECT merchant_id, segment, segment_class, city_tier, kyc_tier, CAST(onboarded_date AS VARCHAR) AS onboarded_date, status FROM read_parquet($p) ORDER BY merchant_id`, { p: join(lake, 'merchants/merchants.parquet') });
    expect(merchants[1]).toEqual({ merchant_id: 'M00000002', segment: 'supermarket', segment_class: 'artery', city_tier: 2, kyc_tier: 'B', onboarded_date: '2023-06-15', status: 'active' });
    expect(merchants[2]).toMatchObject({ segment: 'cafe', segment_class: 'capillary', onboarded_date: '2023-07-01' });

    // Yuan with thousands separators become exact fen; the day is the Hive folder, as the simulator writes it.
    const settlement = (day: string, id: string) =>
      db.one<{ gross_fen: number; offline_fen: number; own_bank_fen: number; online_fen: number }>(
        `SELECT gross_fen, offline_fen, own_bank_fen, online_fen FROM read_parquet($p) WHERE merchant_id = $id`,
        { p: join(lake, `settlements/settlement_date=${day}/data_0.parquet`), id },
      );
    expect(await settlement('2024-01-01', 'M00000001')).toEqual({ gross_fen: 100000, offline_fen: 100000, own_bank_fen: 100000, online_fen: 0 });
    expect((await settlement('2024-01-02', 'M00000002'))!.gross_fen).toBe(113820);

    const quarantine = await db.all<{ table_name: string; source_row: number; reason: string; row_json: string }>(`SELECT table_name, source_row, reason, row_json FROM read_parquet($p) ORDER BY table_name, source_row`, { p: join(lake, QUARANTINE_PATH) });
    expect(quarantine.map((q) => [q.table_name, q.reason])).toEqual([
      ['merchants', "segment: 网吧 has no entry in the mapping's values"],
      ['settlements', 'gross_fen: 12.345 yuan has a fraction of a fen (never rounded)'],
      ['settlements', 'settlement_date: 20241345 is not a date like %Y%m%d'],
      ['settlements', 'merchant_id: 898310048150000 is not in the merchants source'],
    ]);
    expect(JSON.parse(quarantine[1].row_json)).toMatchObject({ 商户号: BANK_IDS[0], '交易金额(元)': '12.345' });
    expect(result.stdout).toContain(`settlements  read ${bank.goodSettlements + 3} = written ${bank.goodSettlements} + quarantined 3`);

    // One ingest path: the imported lake loads like a simulated one, and the pipeline runs on it.
    const warehouse = join(dir, 'bank.duckdb');
    const ingest = await capillary('ingest', '--lake', lake, '--db', warehouse);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toContain('quarantined');
    const run = await capillary('run', '--as-of', '2024-02-01', '--db', warehouse);
    expect(run.code, run.stderr).toBe(0);
    const wh = await Database.open(warehouse);
    try {
      expect(await wh.one('SELECT count(*)::INTEGER AS n FROM settlements')).toEqual({ n: bank.goodSettlements });
      expect(await wh.one('SELECT count(*)::INTEGER AS n FROM quarantine')).toEqual({ n: 0 });
      expect(await wh.one(`SELECT count(*)::INTEGER AS n FROM features WHERE as_of_date = DATE '2024-02-01'`)).toEqual({ n: 4 });
    } finally {
      wh.close();
    }
  });

  it('refuses a mapping naming each field at fault, and leaves no lake behind', async () => {
    const bad = editedMapping('bad.json', (m) => {
      delete m.sources[0].columns.city_tier;
      m.sources[1].columns.n_payments = '笔数';
      m.sources[1].columns.gross_fen.unit = 'jiao';
      m.sources[2].columns.event.values.违约 = 'bankrupt';
    });
    const lake = join(dir, 'bad-lake');
    const result = await capillary('import', '--mapping', bad, '--out', lake);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('sources[1].columns.gross_fen.unit');
    expect(existsSync(lake)).toBe(false);

    const fixedUnit = editedMapping('bad2.json', (m) => {
      delete m.sources[0].columns.city_tier;
      m.sources[1].columns.n_payments = '笔数';
      m.sources[2].columns.event.values.违约 = 'bankrupt';
      m.sources[0].columns.kyc_tier = { default: 'Z' };
    });
    const second = await capillary('import', '--mapping', fixedUnit, '--out', lake);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('sources[0].columns.city_tier: the lake needs it and has no default');
    expect(second.stderr).toContain('sources[1].columns.n_payments: no column "笔数" in 流水/*.csv');
    expect(second.stderr).toContain('sources[2].columns.event.values.违约: "bankrupt" is not a valid event');
    expect(second.stderr).toContain('sources[0].columns.kyc_tier.default: "Z" is not a valid kyc_tier');
    expect(existsSync(lake)).toBe(false);

    const undeclared = editedMapping('bad3.json', (m) => (m.sources[1].encoding = 'utf-8'));
    const third = await capillary('import', '--mapping', undeclared, '--out', lake);
    expect(third.code).toBe(2);
    expect(third.stderr).toMatch(/sources\[1\]\.file: .*2024-01\.csv: not UTF-8 text; if it is GB18030 \(GBK\), say "encoding": "gb18030"/);
    expect(existsSync(lake)).toBe(false);
  });

  it('drafts a mapping from a GB18030 file: encoding, date format, yuan', async () => {
    const result = await capillary('import', '--infer', join(bank.folder, '流水', '2024-01.csv'));
    expect(result.code).toBe(0);
    const draft = JSON.parse(result.stdout);
    expect(draft).toMatchObject({
      merchant_ids: 'registry',
      sources: [{
        table: 'settlements', encoding: 'gb18030', format: 'csv',
        columns: { merchant_id: '商户号', settlement_date: { from: '交易日期', format: '%Y%m%d' }, gross_fen: { from: '交易金额(元)', unit: 'yuan' }, n_payments: '交易笔数', n_customers: '客户数' },
      }],
    });
    const sheet = await capillary('import', '--infer', join(bank.folder, '商户.xlsx'));
    expect(JSON.parse(sheet.stdout).sources[0]).toMatchObject({ table: 'merchants', sheet: '商户清单', columns: { segment: { from: '行业', values: { 便利店: 'convenience_store' } } } });
  });
});

describe('capillary import, payments', () => {
  it('reads a TSV of payments and a Parquet registry, numbering short bank ids as digits', async () => {
    const folder = join(dir, 'payments-bank');
    await writeParquet(db, `SELECT * FROM (VALUES ('17', '便利店', '2', 'B', '2023-12-01'), ('204', '酒店', '1', 'A', '2023-12-01')) AS t(shop, kind, tier, kyc, since)`, join(folder, 'shops.parquet'));
    const lines = ['流水号\t商户\t时间\t金额\t客户'];
    for (let i = 0; i < 30; i++) lines.push(`P${String(i).padStart(8, '0')}\t${i % 2 ? '17' : '204'}\t2024/01/${String(2 + (i % 5)).padStart(2, '0')} 1${i % 10}:05:00\t${(25 + i).toFixed(2)}\tC${i % 7}`);
    lines.push('P99999999\t123456789\t2024/01/03 10:00:00\t10.00\tC1'); // nine digits: not a lake id
    writeFileSync(join(folder, 'payments.tsv'), `${lines.join('\n')}\n`);
    const mapping = {
      merchant_ids: 'digits',
      sources: [
        { table: 'merchants', file: 'shops.parquet', format: 'parquet', columns: { merchant_id: 'shop', segment: { from: 'kind', values: { 便利店: 'convenience_store', 酒店: 'hotel' } }, city_tier: 'tier', kyc_tier: 'kyc', onboarded_date: 'since' } },
        { table: 'payments', file: 'payments.tsv', format: 'tsv', columns: { payment_id: '流水号', merchant_id: '商户', paid_at: { from: '时间', format: '%Y/%m/%d %H:%M:%S' }, amount_fen: { from: '金额', unit: 'yuan' }, customer_id: '客户' } },
      ],
    };
    writeFileSync(join(folder, 'mapping.json'), JSON.stringify(mapping));
    const lake = join(dir, 'payments-lake');
    const result = await capillary('import', '--mapping', join(folder, 'mapping.json'), '--out', lake);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('payments     read 31 = written 30 + quarantined 1');
    expect(result.stdout).toContain('merchant_id: 123456789 is not a merchant number of 1 to 8 digits');
    const first = await db.one(`SELECT merchant_id, CAST(paid_at AS VARCHAR) AS paid_at, amount_fen, payment_token, kind, status FROM read_parquet($p, hive_partitioning = true) WHERE payment_id = 'P00000001'`, { p: join(lake, 'payments/*/*.parquet') });
    expect(first).toEqual({ merchant_id: 'M00000017', paid_at: '2024-01-03 11:05:00', amount_fen: 2600, payment_token: 'P00000001', kind: 'payment', status: 'approved' });
    const warehouse = join(dir, 'payments.duckdb');
    const ingest = await capillary('ingest', '--lake', lake, '--db', warehouse);
    expect(ingest.code, ingest.stderr).toBe(0);
    const wh = await Database.open(warehouse);
    try {
      expect(await wh.one('SELECT count(*)::INTEGER AS n FROM payments')).toEqual({ n: 30 });
      expect(await wh.one('SELECT count(*)::INTEGER AS n FROM quarantine')).toEqual({ n: 0 });
    } finally {
      wh.close();
    }
  });
});

describe('capillary import --infer, bad files', () => {
  it('names the file and the problem, exit 2', async () => {
    const odd = join(dir, 'export.dat');
    writeFileSync(odd, 'a,b\n1,2\n');
    const result = await capillary('import', '--infer', odd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('export.dat: cannot tell the format from the extension');
    const missingSheet = await capillary('import', '--infer', join(bank.folder, '商户.xlsx'), '--sheet', '流水');
    expect(missingSheet.code).toBe(2);
    expect(missingSheet.stderr).toContain('no sheet named "流水" (sheets: 商户清单)');
  });
});
