/**
 * A simulated network handed over as a bank without a loan ledger would hand it: the registry
 * as an Excel sheet with Chinese headers and the bank's segment words, daily settlements as
 * GB18030 CSV (one file a month) with yuan amounts and dates like 20240105, and a list of
 * defaulted and closed merchants — made from the simulator's hidden failures and closures, the
 * only place a ledger-less bank's "who defaulted" can come from in a test. The loan ledger and
 * the truth stay behind; the mapping that imports the files is written beside them.
 *
 * @example
 *   await simulate({ merchants: 300, days: 760, start: '2023-01-01', seed: 7, grain: 'settlement', out: lake });
 *   const bank = await writeSimulatedBankFiles(lake, join(dir, 'bank'));
 *   await importLake(db, bank.mapping, join(dir, 'bank-lake'));
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Database } from '../../engine/db/index.ts';
import { bankMapping, SEGMENT_CODES } from '../import/testing/bank-files.ts';
import { encodeGb18030 } from '../import/testing/gb18030.ts';

const WORD_OF = Object.fromEntries(Object.entries(SEGMENT_CODES).map(([word, segment]) => [segment, word]));

export interface SimulatedBankFiles {
  folder: string;
  mapping: string;
  merchants: number;
  settlements: number;
  /** Rows of the outcomes list, by event. */
  defaults: number;
  closures: number;
}

/** The bank's 15-digit merchant number of a lake id (their sorted order is the lake ids' order). */
export const bankNumber = (merchantId: string): string => `8983100${merchantId.slice(1)}`;

const slashDate = (iso: string) => iso.replaceAll('-', '/');
const yuan = (fen: number | bigint) => {
  const value = BigInt(fen);
  return `${value / 100n}.${String(value % 100n).padStart(2, '0')}`;
};

export async function writeSimulatedBankFiles(lake: string, folder: string): Promise<SimulatedBankFiles> {
  mkdirSync(join(folder, '流水'), { recursive: true });
  const db = await Database.open(':memory:');
  try {
    const merchants = await db.all<{ merchant_id: string; segment: string; city_tier: number; kyc_tier: string; onboarded_date: string }>(
      `SELECT merchant_id, CAST(segment AS VARCHAR) AS segment, city_tier, CAST(kyc_tier AS VARCHAR) AS kyc_tier, CAST(onboarded_date AS VARCHAR) AS onboarded_date
       FROM read_parquet($path) ORDER BY merchant_id`,
      { path: join(lake, 'merchants', '*.parquet') },
    );
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('商户清单');
    sheet.addRow(['商户号', '行业', '城市等级', '风险等级', '入网日期']);
    for (const m of merchants) sheet.addRow([bankNumber(m.merchant_id), WORD_OF[m.segment], m.city_tier, m.kyc_tier, slashDate(m.onboarded_date)]);
    await workbook.xlsx.writeFile(join(folder, '商户.xlsx'));

    const settlements = await db.all<{ month: string; merchant_id: string; day: string; gross_fen: bigint; n_payments: number; n_customers: number }>(
      `SELECT strftime(settlement_date, '%Y-%m') AS month, merchant_id, strftime(settlement_date, '%Y%m%d') AS day, gross_fen, n_payments, n_customers
       FROM read_parquet($path, hive_partitioning = true) ORDER BY settlement_date, merchant_id`,
      { path: join(lake, 'settlements', '*', '*.parquet') },
    );
    const months = new Map<string, string[]>();
    for (const s of settlements) {
      const lines = months.get(s.month) ?? months.set(s.month, ['商户号,交易日期,交易金额(元),交易笔数,客户数']).get(s.month)!;
      lines.push(`${bankNumber(s.merchant_id)},${s.day},${yuan(s.gross_fen)},${s.n_payments},${s.n_customers}`);
    }
    for (const [month, lines] of months) writeFileSync(join(folder, '流水', `${month}.csv`), encodeGb18030(`${lines.join('\r\n')}\r\n`));

    const outcomes = await db.all<{ merchant_id: string; event_date: string; event: string }>(
      `SELECT merchant_id, CAST(failed_date AS VARCHAR) AS event_date, '违约' AS event FROM read_parquet($path) WHERE failed_date IS NOT NULL
       UNION ALL
       SELECT merchant_id, CAST(closed_date AS VARCHAR), '关闭' FROM read_parquet($path) WHERE closed_date IS NOT NULL
       ORDER BY 1, 2`,
      { path: join(lake, 'truth', 'truth_merchants*.parquet') },
    );
    const list = ['商户号,违约日期,事件', ...outcomes.map((o) => `${bankNumber(o.merchant_id)},${slashDate(o.event_date)},${o.event}`)];
    writeFileSync(join(folder, '违约名单.csv'), encodeGb18030(`${list.join('\r\n')}\r\n`));

    const path = join(folder, 'mapping.json');
    writeFileSync(path, JSON.stringify(bankMapping('gb18030'), null, 2));
    return {
      folder,
      mapping: path,
      merchants: merchants.length,
      settlements: settlements.length,
      defaults: outcomes.filter((o) => o.event === '违约').length,
      closures: outcomes.filter((o) => o.event === '关闭').length,
    };
  } finally {
    db.close();
  }
}
