/**
 * SQL text for values a model carries: doubles, strings, identifiers, and a balanced sum.
 * Doubles are written in exponent form with 17 significant digits: DuckDB reads an exponent
 * literal as DOUBLE (a plain `0.1` would be DECIMAL) and 17 digits round-trip every double
 * exactly, so an edge compares in SQL exactly as it does in TypeScript.
 *
 * @example
 *   sqlDouble(0.1);            // '1.0000000000000001e-1'
 *   sqlString("men's wear");   // "'men''s wear'"
 */
export function sqlDouble(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} into SQL: models hold finite numbers only`);
  return value.toExponential(16);
}

/** Strings and identifiers are quoted by engine/db's one quoting pair, under the names models use. */
export { literal as sqlString, quote as sqlIdentifier } from '../../engine/db/index.ts';

/**
 * `terms` added as a balanced tree, ((a + b) + (c + d)): a left-deep chain of hundreds of
 * trees would pass DuckDB's expression depth limit (1000). gbdt/predict.ts `pairwiseSum` adds in
 * the same order.
 */
export function balancedSum(terms: string[]): string {
  if (terms.length === 0) return sqlDouble(0);
  const go = (lo: number, hi: number): string => {
    if (hi - lo === 1) return terms[lo];
    const mid = lo + Math.floor((hi - lo) / 2);
    return `(${go(lo, mid)} + ${go(mid, hi)})`;
  };
  return go(0, terms.length);
}
