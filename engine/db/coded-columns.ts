/**
 * A query's columns read fast for a long-lived index: numbers as typed arrays (`typedColumns`)
 * and text with few distinct values (dates, enums, versions, run ids, rule lists) as integer
 * codes into a word list, made in DuckDB. Text crosses into JavaScript once per distinct value,
 * not once per row: at 1.5M offers the per-value conversion of eleven text columns was most of
 * the index's load time. The word lists and the codes are read in one transaction on a
 * connection of their own, so a write landing between the two reads cannot shift the codes.
 * Rows come back in no promised order (the codes are joined on): key them by an id column.
 *
 * @example
 *   const columns = await readCodedColumns(db, 'SELECT id, segment, pd FROM t', {}, ['segment']);
 *   columns.segment; // { codes: Int32Array [0, 1, …], words: [null, 'cafe', 'hotel', …] }
 */
import type { Database, Params } from './database.ts';
import { quote } from './sql-text.ts';
import type { ReadColumn } from './typed-columns.ts';

/** A coded text column: row i holds `words[codes[i]]`; code 0 is NULL. */
export interface CodedColumn {
  codes: Int32Array;
  words: (string | null)[];
}

export async function readCodedColumns(db: Database, sql: string, params: Params, coded: readonly string[]): Promise<Record<string, ReadColumn | CodedColumn>> {
  if (coded.length === 0) return db.typedColumns(sql, params);
  const names = coded.map(quote);
  // Each column's distinct values numbered in sorted order, so both reads number them alike; 0 is NULL.
  const wordTables = names.map((c, i) =>
    `words_${i} AS (SELECT word, CAST(row_number() OVER (ORDER BY word) AS INTEGER) AS code FROM (SELECT DISTINCT CAST(${c} AS VARCHAR) AS word FROM source WHERE ${c} IS NOT NULL))`);
  const common = `WITH source AS MATERIALIZED (${sql}), ${wordTables.join(', ')}`;
  const connection = await db.connect();
  try {
    return await connection.transaction(async (tx) => {
      const words = await tx.one<Record<string, string | null>>(
        `${common} SELECT ${names.map((c, i) => `(SELECT to_json(list(word ORDER BY code)) FROM words_${i}) AS ${c}`).join(', ')}`,
        params,
      );
      const columns: Record<string, ReadColumn | CodedColumn> = await tx.typedColumns(
        `${common}
         SELECT source.* REPLACE (${names.map((c, i) => `coalesce(words_${i}.code, 0) AS ${c}`).join(', ')})
         FROM source ${names.map((c, i) => `LEFT JOIN words_${i} ON words_${i}.word = CAST(source.${c} AS VARCHAR)`).join(' ')}`,
        params,
      );
      for (const name of coded) {
        const list = JSON.parse(words![name] ?? '[]') as string[] | null;
        columns[name] = { codes: columns[name] as Int32Array, words: [null, ...(list ?? [])] };
      }
      return columns;
    });
  } finally {
    connection.close();
  }
}
