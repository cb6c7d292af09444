/**
 * The payment → turnover SQL stays in a portable subset (ARCHITECTURE.md §10), so that a bank's
 * own cluster (Spark SQL, Trino) runs the same text at payment grain. DuckDB parses the file
 * (json_serialize_sql) and every node, function, cast type and join must be on the subset's list;
 * the syntax DuckDB's parse tree does not keep (`::`, MATERIALIZED, QUALIFY, ...) is looked for in
 * the text without its comments. The checker is shown to reject each listed construct.
 */
import { describe, expect, it } from 'vitest';
import { Database, literal } from '../../engine/db/index.ts';
import { turnoverSql } from './turnover.ts';

/** The documented subset: SQL:2011 constructs that DuckDB, Spark SQL (3.4+) and Trino all read. */
const SUBSET = {
  nodeTypes: [
    'SELECT_NODE', 'SET_OPERATION_NODE', 'ORDER_MODIFIER', 'DISTINCT_MODIFIER', 'BASE_TABLE', 'JOIN', 'SUBQUERY', 'COLUMN_REF',
    'FUNCTION', 'WINDOW_AGGREGATE', 'OPERATOR_CAST', 'OPERATOR_COALESCE', 'OPERATOR_NOT', 'OPERATOR_IS_NULL', 'CASE_EXPR', 'CONJUNCTION_AND',
    'CONJUNCTION_OR', 'COMPARE_EQUAL', 'COMPARE_NOTEQUAL', 'COMPARE_GREATERTHAN', 'COMPARE_GREATERTHANOREQUALTO',
    'COMPARE_LESSTHAN', 'COMPARE_LESSTHANOREQUALTO', 'VALUE_CONSTANT', 'VALUE_PARAMETER', 'STAR',
  ],
  /** Aggregates, arithmetic, and date_diff('day', a, b) (Spark SQL 3.3+ writes the unit unquoted: date_diff(DAY, a, b)). */
  functions: ['count_star', 'count', 'sum', 'min', 'max', '+', '-', '*', 'date_diff', 'nullif'],
  castTypes: ['INTEGER', 'BIGINT', 'VARCHAR', 'DATE', 'BOOLEAN'],
  joinTypes: ['INNER', 'LEFT'],
  refTypes: ['REGULAR'],
  subqueryTypes: ['EXISTS', 'NOT_EXISTS', 'SCALAR', 'ANY', 'INVALID'],
  setOperations: ['UNION'],
};

/** DuckDB-only syntax its parse tree does not keep, each with the portable form to write instead. */
const TEXT_RULES: [RegExp, string][] = [
  [/::/, 'a :: cast (write CAST(x AS type))'],
  [/\bMATERIALIZED\b/i, 'a MATERIALIZED hint'],
  [/\bQUALIFY\b/i, 'QUALIFY (filter a window in an outer query)'],
  [/\b(ANTI|SEMI|ASOF|POSITIONAL)\s+JOIN\b/i, 'an ANTI, SEMI, ASOF or POSITIONAL JOIN (write NOT EXISTS / EXISTS)'],
  [/\*\s*(EXCLUDE|REPLACE)\s*\(/i, 'SELECT * EXCLUDE/REPLACE'],
  [/\bCOLUMNS\s*\(/i, 'COLUMNS(...)'],
  [/\b(GROUP|ORDER)\s+BY\s+ALL\b/i, 'GROUP BY ALL / ORDER BY ALL'],
  [/\b(UN)?PIVOT\b/i, 'PIVOT / UNPIVOT'],
  [/\bUSING\s+SAMPLE\b/i, 'USING SAMPLE'],
  [/->|=>/, 'a lambda or named argument'],
  [/\bINTERVAL\b/i, 'an INTERVAL (Spark and Trino differ on date ± interval; count days with date_diff)'],
];

function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}

/** Each construct of `sql` outside the subset, named. */
async function portabilityFindings(db: Database, sql: string): Promise<string[]> {
  const findings = TEXT_RULES.filter(([pattern]) => pattern.test(withoutComments(sql))).map(([, what]) => what);
  const row = await db.one<{ tree: string }>(`SELECT json_serialize_sql(${literal(withoutComments(sql))}) AS tree`);
  const tree = JSON.parse(row!.tree) as { error: boolean; error_message?: string };
  if (tree.error) return [...findings, `does not parse: ${tree.error_message}`];
  const outside = (what: string, value: unknown, allowed: string[]) => {
    if (typeof value === 'string' && value !== '' && !allowed.includes(value)) findings.push(`${what} ${value}`);
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    outside('node', n.type, SUBSET.nodeTypes.concat(n.class === undefined ? ['ORDER_DEFAULT', 'ORDER_ASCENDING', 'ORDER_DESCENDING'] : []));
    if (n.class === 'FUNCTION' || n.class === 'WINDOW') outside('function', n.function_name, SUBSET.functions);
    if (n.class === 'CAST') outside('cast to', (n.cast_type as { id?: string } | undefined)?.id, SUBSET.castTypes);
    if (n.class === 'CAST' && n.try_cast === true) findings.push('TRY_CAST');
    if (n.type === 'JOIN') {
      outside('join', n.join_type, SUBSET.joinTypes);
      outside('join kind', n.ref_type, SUBSET.refTypes);
    }
    if (n.class === 'SUBQUERY') outside('subquery', n.subquery_type, SUBSET.subqueryTypes);
    if (n.type === 'SET_OPERATION_NODE') outside('set operation', n.setop_type, SUBSET.setOperations);
    if (n.type === 'VALUE_CONSTANT') outside('constant of type', (n.value as { type?: { id?: string } } | undefined)?.type?.id, [...SUBSET.castTypes, 'NULL']);
    if (n.recursive === true) findings.push('a recursive CTE');
    for (const value of Object.values(n)) walk(value);
  };
  walk(tree);
  return [...new Set(findings)];
}

describe('the payment → turnover SQL', () => {
  it('uses only the portable subset', async () => {
    const db = await Database.open(':memory:');
    expect(await portabilityFindings(db, turnoverSql())).toEqual([]);
    db.close();
  });

  it('is checked by a checker that rejects each DuckDB-only construct', async () => {
    const db = await Database.open(':memory:');
    const base = 'SELECT merchant_id, payment_date FROM payments AS p';
    const rejected = {
      [`SELECT amount_fen::BIGINT FROM payments`]: 'a :: cast (write CAST(x AS type))',
      [`WITH a AS MATERIALIZED (${base}) SELECT * FROM a`]: 'a MATERIALIZED hint',
      [`${base} QUALIFY row_number() OVER (PARTITION BY merchant_id) = 1`]: 'QUALIFY (filter a window in an outer query)',
      [`${base} ANTI JOIN settlements AS s ON s.merchant_id = p.merchant_id`]: 'an ANTI, SEMI, ASOF or POSITIONAL JOIN (write NOT EXISTS / EXISTS)',
      [`SELECT * EXCLUDE (customer_id) FROM payments`]: 'SELECT * EXCLUDE/REPLACE',
      [`SELECT merchant_id, count(*) FROM payments GROUP BY ALL`]: 'GROUP BY ALL / ORDER BY ALL',
      [`SELECT payment_date + INTERVAL '1' DAY FROM payments`]: 'an INTERVAL (Spark and Trino differ on date ± interval; count days with date_diff)',
      [`SELECT any_value(merchant_id) FROM payments`]: 'function any_value',
      [`SELECT arg_max(merchant_id, amount_fen) FROM payments`]: 'function arg_max',
      [`SELECT CAST(amount_fen AS HUGEINT) FROM payments`]: 'cast to HUGEINT',
      [`SELECT TRY_CAST(amount_fen AS BIGINT) FROM payments`]: 'TRY_CAST',
      [`SELECT [1, 2] AS l`]: 'function list_value',
    };
    for (const [sql, finding] of Object.entries(rejected)) expect(await portabilityFindings(db, sql), sql).toContain(finding);
    expect(await portabilityFindings(db, `${base} WHERE NOT EXISTS (SELECT 1 FROM settlements AS s WHERE s.merchant_id = p.merchant_id)`)).toEqual([]);
    db.close();
  });
});
