/**
 * Turns one source's text table into lake rows (map-source.sql): each lake column converted by
 * its rule, the documented defaults for the columns the bank lacks, and per row the reasons a
 * cell could not be converted. The SQL text holds only column names and schema constants; every
 * value from the mapping (formats, codes, defaults) is a bound parameter.
 *
 * Yuan become fen exactly: the decimal text is checked (digits, at most two decimals that are
 * not zero) and cast to DECIMAL, never through a float; 12.345 is quarantined, not rounded.
 */
import { columnsOf, quote, type ColumnSpec, type Database, type Params } from '../../engine/db/index.ts';
import { readSql } from '../sql-file.ts';
import { MappingError, type ColumnRule, type Mapping, type Source } from './mapping.ts';
import type { ImportTarget } from './targets.ts';

export const MERCHANT_IDS_TABLE = 'import_merchant_ids';

export interface MapSourceInput {
  /** Temporary table of the source's text (read-source.ts). */
  raw: string;
  header: string[];
  source: Source;
  /** Field prefix for errors, e.g. `sources[2]`. */
  field: string;
  target: ImportTarget;
  merchantIds: Mapping['merchant_ids'];
}

interface Rule {
  from?: string;
  format?: string;
  unit?: 'yuan' | 'fen';
  values?: Record<string, string | number | boolean | null>;
  default?: string | number | boolean | null;
}

/** Checks the source's rules against its header and the lake table; the problems name their field. */
export function checkRules(input: MapSourceInput): string[] {
  const { source, field, target, header } = input;
  const problems: string[] = [];
  const specs = columnsOf(target.schema);
  const shape = target.schema.shape as Record<string, { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }>;
  for (const [column, given] of Object.entries(source.columns)) {
    const at = `${field}.columns.${column}`;
    const spec = specs.find((s) => s.name === column);
    if (!spec) {
      problems.push(`${at}: not a column of ${source.table} (its columns: ${specs.map((s) => s.name).join(', ')})`);
      continue;
    }
    const rule = ruleOf(given);
    if (rule.from !== undefined && !header.includes(rule.from) && rule.default === undefined) {
      problems.push(`${at}${typeof given === 'string' ? '' : '.from'}: no column ${JSON.stringify(rule.from)} in ${source.file} (its columns: ${header.join(', ')})`);
    }
    if (rule.format !== undefined && spec.sqlType !== 'DATE' && spec.sqlType !== 'TIMESTAMP') problems.push(`${at}.format: only for a date or timestamp column`);
    if (rule.unit !== undefined && !column.endsWith('_fen')) problems.push(`${at}.unit: only for an amount column (*_fen)`);
    const check = (value: unknown, path: string) => {
      const parsed = shape[column].safeParse(value);
      if (!parsed.success) problems.push(`${at}.${path}: ${JSON.stringify(value)} is not a valid ${column} (${parsed.error!.issues[0].message})`);
    };
    if (rule.default !== undefined && rule.default !== null) check(rule.default, 'default');
    for (const [code, value] of Object.entries(rule.values ?? {})) if (value !== null) check(value, `values.${code}`);
  }
  for (const spec of specs) {
    if (spec.name in source.columns || spec.name in target.defaults) continue;
    problems.push(`${field}.columns.${spec.name}: the lake needs it and has no default; map a source column or give { "default": V }`);
  }
  return problems;
}

/** Converts the source into `into` (created when `create`); returns the rows written. */
export async function mapSource(db: Database, input: MapSourceInput, into: string, create: boolean): Promise<number> {
  const problems = checkRules(input);
  if (problems.length > 0) throw new MappingError(problems);
  const { sql, params } = mapSourceSql(input);
  return db.run(create ? `CREATE TEMP TABLE ${quote(into)} AS ${sql}` : `INSERT INTO ${quote(into)} ${sql}`, params);
}

/** map-source.sql filled for one source, with its bound values. */
export function mapSourceSql(input: MapSourceInput): { sql: string; params: Params } {
  const params: Params = {};
  const bind = (value: string | number | boolean | null) => {
    const name = `p${Object.keys(params).length}`;
    params[name] = value;
    return `$${name}`;
  };
  const specs = columnsOf(input.target.schema);
  const converted: string[] = [];
  const problemColumns: string[] = [];
  const defaulted: string[] = [];
  for (const spec of specs) {
    const given = input.source.columns[spec.name];
    if (given === undefined) {
      converted.push(`CAST(NULL AS ${spec.sqlType}) AS ${quote(spec.name)}`);
      defaulted.push(`CAST(${input.target.defaults[spec.name].sql} AS ${spec.sqlType}) AS ${quote(spec.name)}`);
      continue;
    }
    const rule = ruleOf(given);
    const present = rule.from !== undefined && input.header.includes(rule.from);
    const text = present ? `nullif(trim(raw.${quote(rule.from!)}), '')` : 'CAST(NULL AS VARCHAR)';
    const { value, problem } = convert(spec, rule, text, bind, input.merchantIds);
    const fallback = rule.default === undefined ? value : `coalesce(${value}, CAST(${bind(rule.default)} AS ${spec.sqlType}))`;
    converted.push(`${fallback} AS ${quote(spec.name)}`);
    const problemName = `_problem_${problemColumns.length}`;
    converted.push(`${problem} AS ${problemName}`);
    problemColumns.push(problemName);
  }
  const sql = readSql(import.meta.url, 'map-source.sql', {
    converted: converted.join(',\n    '),
    raw: quote(input.raw),
    defaulted: defaulted.length > 0 ? `* REPLACE (${defaulted.join(', ')})` : '*',
    lake_columns: specs.map((spec) => quote(spec.name)).join(', '),
    problems: problemColumns.length > 0 ? problemColumns.join(', ') : `CAST(NULL AS VARCHAR)`,
  });
  return { sql, params };
}

function ruleOf(given: ColumnRule): Rule {
  return typeof given === 'string' ? { from: given } : given;
}

/** The typed value of one cell and, when it cannot be converted, the reason. */
function convert(spec: ColumnSpec, rule: Rule, text: string, bind: (v: string | number | boolean | null) => string, merchantIds: Mapping['merchant_ids']): { value: string; problem: string } {
  const label = `'${spec.name}: '`;
  const failed = (value: string, why: string) => `CASE WHEN ${text} IS NOT NULL AND ${value} IS NULL THEN ${label} || ${text} || ${bind(why)} END`;
  if (rule.values) {
    const codes = Object.entries(rule.values);
    if (codes.length === 0) return { value: `CAST(NULL AS ${spec.sqlType})`, problem: failed('NULL', ' has no entry in the mapping\'s values') };
    const whens = codes.map(([code, target]) => `WHEN ${bind(code)} THEN CAST(${bind(target)} AS ${spec.sqlType})`).join(' ');
    const known = codes.map(([code]) => bind(code)).join(', ');
    return {
      value: `CASE ${text} ${whens} END`,
      problem: `CASE WHEN ${text} IS NOT NULL AND ${text} NOT IN (${known}) THEN ${label} || ${text} || ${bind(" has no entry in the mapping's values")} END`,
    };
  }
  if (spec.name === 'merchant_id') {
    if (merchantIds === 'digits') {
      const value = `CASE WHEN regexp_full_match(${text}, '[0-9]{1,8}') THEN 'M' || lpad(${text}, 8, '0') END`;
      return { value, problem: failed(value, ' is not a merchant number of 1 to 8 digits') };
    }
    if (merchantIds === 'registry') {
      const value = `(SELECT ids.merchant_id FROM ${MERCHANT_IDS_TABLE} AS ids WHERE ids.bank_merchant_id = ${text})`;
      return { value, problem: failed(value, ' is not in the merchants source') };
    }
  }
  switch (spec.sqlType) {
    case 'DATE':
    case 'TIMESTAMP': {
      const parsed = rule.format === undefined ? `TRY_CAST(${text} AS TIMESTAMP)` : `coalesce(try_strptime(${text}, ${bind(rule.format)}), TRY_CAST(${text} AS TIMESTAMP))`;
      const value = `CAST(${parsed} AS ${spec.sqlType})`;
      return { value, problem: failed(value, ` is not a ${spec.sqlType === 'DATE' ? 'date' : 'timestamp'} like ${rule.format ?? 'YYYY-MM-DD'}`) };
    }
    case 'BIGINT':
    case 'INTEGER': {
      if (rule.unit === 'yuan') return yuan(text, label, bind);
      const value = `TRY_CAST(${text} AS ${spec.sqlType})`;
      return { value, problem: failed(value, ' is not a whole number') };
    }
    case 'DOUBLE':
    case 'BOOLEAN': {
      const value = `TRY_CAST(${text} AS ${spec.sqlType})`;
      return { value, problem: failed(value, ` is not a ${spec.sqlType === 'DOUBLE' ? 'number' : 'true/false value'}`) };
    }
    default:
      return { value: text, problem: 'CAST(NULL AS VARCHAR)' };
  }
}

/** Yuan text (thousands separators allowed) to whole fen, or the reason it is not a whole number of fen. */
function yuan(text: string, label: string, bind: (v: string) => string): { value: string; problem: string } {
  const plain = `replace(${text}, ',', '')`;
  const decimal = `regexp_full_match(${plain}, '[+-]?[0-9]{1,16}(\\.[0-9]*)?')`;
  const decimals = `length(rtrim(regexp_extract(${plain}, '\\.([0-9]*)$', 1), '0'))`;
  return {
    value: `CASE WHEN ${decimal} AND ${decimals} <= 2 THEN CAST(CAST(${plain} AS DECIMAL(38, 20)) * 100 AS BIGINT) END`,
    problem: `CASE WHEN ${text} IS NULL THEN NULL
      WHEN NOT ${decimal} THEN ${label} || ${text} || ${bind(' is not an amount in yuan')}
      WHEN ${decimals} > 2 THEN ${label} || ${text} || ${bind(' yuan has a fraction of a fen (never rounded)')} END`,
  };
}
