/**
 * A small bank's exports as a bank would hand them over: a merchant registry in Excel with
 * Chinese headers and a date cell, daily settlements as GB18030 CSV with amounts in yuan and
 * dates like 20240105, a defaulted-merchants list, and the mapping that imports them. Each file
 * holds a few rows that must be quarantined (a fraction of a fen, a bad date, an unknown id,
 * an unknown segment code).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Segment } from '../../../engine/schema/index.ts';
import { encodeGb18030 } from './gb18030.ts';

/** The bank's merchant numbers (15 digits, as UnionPay assigns them), in their sorted order. */
export const BANK_IDS = ['898310048160001', '898310048160002', '898310048160003', '898310048160004'];

/** The bank's words for the segments. */
export const SEGMENT_CODES: Record<string, Segment> = {
  便利店: 'convenience_store',
  超市: 'supermarket',
  咖啡馆: 'cafe',
  酒店: 'hotel',
  百货商店: 'department_store',
  加油站: 'gas_station',
  快餐店: 'fast_food',
};

export interface BankFiles {
  folder: string;
  mapping: string;
  /** Settlement rows written that must load (the others are quarantined). */
  goodSettlements: number;
  days: string[];
}

export async function writeBankFiles(folder: string, days = 40): Promise<BankFiles> {
  mkdirSync(join(folder, '流水'), { recursive: true });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('商户清单');
  sheet.addRow(['商户号', '行业', '城市等级', '风险等级', '入网日期']);
  sheet.addRow([BANK_IDS[0], '便利店', 1, 'A', '2023/06/01']);
  sheet.addRow([BANK_IDS[1], '超市', 2, 'B', new Date(Date.UTC(2023, 5, 15))]);
  sheet.addRow([BANK_IDS[2], '咖啡馆', 3, 'B', '2023/07/01']);
  sheet.addRow([BANK_IDS[3], '酒店', 4, 'C', '2023/08/01']);
  sheet.addRow(['898310048169999', '网吧', 2, 'A', '2023/08/01']); // a code the mapping does not know
  await workbook.xlsx.writeFile(join(folder, '商户.xlsx'));

  const lines = ['商户号,交易日期,交易金额(元),交易笔数,客户数'];
  const dates: string[] = [];
  let good = 0;
  for (let d = 0; d < days; d++) {
    const day = new Date(Date.UTC(2024, 0, 1 + d));
    const iso = day.toISOString().slice(0, 10);
    dates.push(iso);
    for (const [m, id] of BANK_IDS.entries()) {
      const yuan = `${1000 + 37 * d + 101 * m}.${String((d * 7 + m * 13) % 100).padStart(2, '0')}`;
      lines.push(`${id},${iso.replaceAll('-', '')},"${Number(yuan.split('.')[0]).toLocaleString('en-US')}.${yuan.split('.')[1]}",${20 + m},${10 + m}`);
      good++;
    }
  }
  lines.push(`${BANK_IDS[0]},20240301,12.345,3,2`); // a fraction of a fen
  lines.push(`${BANK_IDS[1]},20241345,10.00,3,2`); // no such day
  lines.push(`898310048150000,20240301,10.00,3,2`); // not in the registry
  writeFileSync(join(folder, '流水', '2024-01.csv'), encodeGb18030(`${lines.join('\r\n')}\r\n`));

  writeFileSync(join(folder, '违约名单.csv'), `商户号,违约日期,事件\n${BANK_IDS[2]},2024/02/01,违约\n${BANK_IDS[3]},2024/02/05,关闭\n`);

  const mapping = bankMapping();
  const path = join(folder, 'mapping.json');
  writeFileSync(path, JSON.stringify(mapping, null, 2));
  return { folder, mapping: path, goodSettlements: good, days: dates };
}

/**
 * The mapping of the bank's files: the registry sheet 商户清单 of 商户.xlsx, the GB18030 month
 * files 流水/*.csv, and the outcomes list 违约名单.csv (in `outcomesEncoding`).
 */
export function bankMapping(outcomesEncoding: 'utf-8' | 'gb18030' = 'utf-8') {
  return {
    merchant_ids: 'registry',
    sources: [
      {
        table: 'merchants', file: '商户.xlsx', format: 'xlsx', sheet: '商户清单',
        columns: {
          merchant_id: '商户号', segment: { from: '行业', values: SEGMENT_CODES }, city_tier: '城市等级',
          kyc_tier: '风险等级', onboarded_date: { from: '入网日期', format: '%Y/%m/%d' },
        },
      },
      {
        table: 'settlements', file: '流水/*.csv', encoding: 'gb18030', format: 'csv',
        columns: {
          merchant_id: '商户号', settlement_date: { from: '交易日期', format: '%Y%m%d' },
          gross_fen: { from: '交易金额(元)', unit: 'yuan' }, n_payments: '交易笔数', n_customers: '客户数',
        },
      },
      {
        table: 'outcomes', file: '违约名单.csv', encoding: outcomesEncoding, format: 'csv',
        columns: { merchant_id: '商户号', event_date: { from: '违约日期', format: '%Y/%m/%d' }, event: { from: '事件', values: { 违约: 'default', 关闭: 'closure' } } },
      },
    ],
  };
}
