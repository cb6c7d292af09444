/**
 * `capillary import --infer FILE`: a draft mapping from a file's header and sample values, for a
 * person to finish. The table is guessed from the header; each column is matched to a lake
 * column by common Chinese and English names, and its samples suggest a date format, an amount
 * in yuan or a list of codes. Columns it cannot place are listed, never dropped silently.
 */
import { basename, extname } from 'node:path';
import { columnsOf, quote, type Database } from '../../engine/db/index.ts';
import { SEGMENTS } from '../../engine/schema/index.ts';
import type { ImportTable, Source } from './mapping.ts';
import { isUtf8, readSource, SourceReadError } from './read-source.ts';
import { readSheetNames } from './read-sheet.ts';
import { IMPORT_TARGETS } from './targets.ts';

export interface Draft {
  mapping: { merchant_ids: 'lake' | 'registry'; sources: Source[] };
  /** Source columns no lake column was found for. */
  unplaced: string[];
  /** Lake columns the draft still needs (no source column found and no default). */
  missing: string[];
}

/** Names a bank's export may give a lake column. */
const NAMES: Record<string, string[]> = {
  merchant_id: ['商户号', '商户编号', '商户代码', '商户id', 'merchant_id', 'merchant'],
  segment: ['行业', '行业类别', '商户类别', '类别', 'segment', 'mcc类别'],
  city_tier: ['城市等级', '城市级别', 'city_tier'],
  kyc_tier: ['风险等级', 'kyc等级', 'kyc_tier'],
  onboarded_date: ['入网日期', '签约日期', '开户日期', 'onboarded_date'],
  closed_date: ['关闭日期', '注销日期', 'closed_date'],
  settlement_date: ['交易日期', '清算日期', '结算日期', '日期', 'settlement_date'],
  gross_fen: ['交易金额', '金额', '交易额', '清算金额', 'gross', 'amount'],
  n_payments: ['交易笔数', '笔数', 'n_payments'],
  n_customers: ['客户数', '顾客数', 'n_customers'],
  n_refunds: ['退款笔数', 'n_refunds'],
  refund_fen: ['退款金额', 'refund'],
  payment_id: ['流水号', '交易流水号', 'payment_id'],
  paid_at: ['交易时间', 'paid_at'],
  customer_id: ['客户号', '客户编号', 'customer_id'],
  amount_fen: ['交易金额', '金额', 'amount'],
  event_date: ['违约日期', '事件日期', '日期', 'event_date'],
  event: ['事件', '事件类型', '状态', 'event'],
};

const SEGMENT_NAMES: Record<string, string> = {
  酒店: 'hotel', 宾馆: 'hotel', 超市: 'supermarket', 百货: 'department_store', 百货商店: 'department_store',
  便利店: 'convenience_store', 加油站: 'gas_station', 咖啡: 'cafe', 咖啡馆: 'cafe', 快餐: 'fast_food',
};

export async function inferMapping(db: Database, path: string, sheet?: string): Promise<Draft> {
  const format = formatOf(path);
  const encoding = format === 'csv' || format === 'tsv' ? encodingOf(path) : 'utf-8';
  const sheetName = format === 'xlsx' ? (sheet ?? (await firstSheet(path))) : undefined;
  const header = await readSource(db, 'infer_source', [{ path, format, encoding, sheet: sheetName }]);
  const table = tableOf(header);
  const target = IMPORT_TARGETS[table];
  const columns: Source['columns'] = {};
  const unplaced: string[] = [];
  for (const name of header) {
    const { base, unit } = splitUnit(name);
    const lake = columnsOf(target.schema).find((spec) => !(spec.name in columns) && (NAMES[spec.name] ?? []).includes(base.toLowerCase()));
    if (!lake) {
      unplaced.push(name);
      continue;
    }
    const samples = (await db.all<{ v: string }>(`SELECT DISTINCT trim(${quote(name)}) AS v FROM infer_source WHERE nullif(trim(${quote(name)}), '') IS NOT NULL LIMIT 200`)).map((r) => r.v);
    columns[lake.name] = unit === '元' && lake.name.endsWith('_fen') ? { from: name, unit: 'yuan' } : ruleFor(name, lake.name, lake.sqlType, samples);
  }
  const missing = columnsOf(target.schema).map((spec) => spec.name).filter((name) => !(name in columns) && !(name in target.defaults));
  const ids = columns.merchant_id;
  const idColumn = typeof ids === 'string' ? ids : ids?.from;
  const idSamples = idColumn ? (await db.all<{ v: string }>(`SELECT trim(${quote(idColumn)}) AS v FROM infer_source LIMIT 200`)).map((r) => r.v) : [];
  const lakeIds = idSamples.every((id) => /^M\d{8}$/.test(id ?? ''));
  const source: Source = { table, file: basename(path), encoding, format, ...(sheetName ? { sheet: sheetName } : {}), columns };
  return { mapping: { merchant_ids: lakeIds ? 'lake' : 'registry', sources: [source] }, unplaced, missing };
}

function ruleFor(name: string, column: string, sqlType: string, samples: string[]): Source['columns'][string] {
  const all = (pattern: RegExp) => samples.length > 0 && samples.every((v) => pattern.test(v));
  if (sqlType === 'DATE' || sqlType === 'TIMESTAMP') {
    if (all(/^\d{4}\/\d{1,2}\/\d{1,2}$/)) return { from: name, format: '%Y/%m/%d' };
    if (all(/^\d{8}$/)) return { from: name, format: '%Y%m%d' };
    if (all(/^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}:\d{2}$/)) return { from: name, format: '%Y/%m/%d %H:%M:%S' };
    return name;
  }
  if (column.endsWith('_fen') && all(/^-?[\d,]*\.\d{1,2}$|^-?[\d,]+$/) && samples.some((v) => v.includes('.'))) return { from: name, unit: 'yuan' };
  if (column === 'segment') {
    const values: Record<string, string> = {};
    for (const code of samples) values[code] = SEGMENT_NAMES[code] ?? ((SEGMENTS as readonly string[]).includes(code) ? code : 'FILL IN');
    return { from: name, values };
  }
  if (column === 'event' && !all(/^(default|closure)$/)) {
    return { from: name, values: Object.fromEntries(samples.map((code) => [code, /违约|逾期|default/i.test(code) ? 'default' : /关|闭|注销|clos/i.test(code) ? 'closure' : 'FILL IN'])) };
  }
  return name;
}

/** `交易金额(元)` is 交易金额 in 元: a header's unit in half- or full-width brackets. */
function splitUnit(name: string): { base: string; unit: string | null } {
  const match = /^(.*?)\s*[(（]([^)）]*)[)）]$/.exec(name.trim());
  return match ? { base: match[1], unit: match[2].trim() } : { base: name.trim(), unit: null };
}

function tableOf(header: string[]): ImportTable {
  const has = (...names: string[]) => header.some((h) => names.includes(h.toLowerCase()));
  if (has('流水号', '交易流水号', '交易时间', 'payment_id', 'paid_at')) return 'payments';
  if (has('违约日期', '事件', '事件类型', '事件日期', 'event', 'event_date')) return 'outcomes';
  if (has('入网日期', '签约日期', '开户日期', '行业', '行业类别', 'onboarded_date', 'segment')) return 'merchants';
  return 'settlements';
}

function formatOf(path: string): Source['format'] {
  const ext = extname(path).toLowerCase().slice(1);
  if (ext === 'csv' || ext === 'tsv' || ext === 'parquet' || ext === 'xlsx') return ext;
  if (ext === 'txt') return 'tsv';
  throw new SourceReadError(path, 'cannot tell the format from the extension (csv, tsv, parquet or xlsx)');
}

async function firstSheet(path: string): Promise<string> {
  const names = await readSheetNames(path).catch((cause: Error) => {
    throw new SourceReadError(path, `not a readable xlsx file (${cause.message})`);
  });
  if (names.length === 0) throw new SourceReadError(path, 'the workbook has no sheets');
  return names[0];
}

/** UTF-8 when the bytes are valid UTF-8, else GB18030 (the other encoding a Chinese bank exports). */
function encodingOf(path: string): 'utf-8' | 'gb18030' {
  return isUtf8(path) ? 'utf-8' : 'gb18030';
}
