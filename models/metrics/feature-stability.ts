/**
 * CSI of raw features between a reference population and a newer one, for models without
 * bins of their own (tree ensembles): numeric features on the reference's deciles, categorical
 * ones on the reference's categories, with a bin each for missing and (categorical) unseen
 * values, since a jump in missing or unseen values is exactly the drift worth catching.
 *
 * @example
 *   featureStability(trainSet, latestScoringSet).filter((f) => f.verdict !== 'stable');
 */
import { categoricalValue, type Column, type Dataset } from '../data/frame.ts';
import { countByEdges, quantileEdges, stabilityIndex, type StabilityResult } from './stability.ts';

export interface FeatureStability extends StabilityResult {
  feature: string;
}

export function featureStability(expected: Dataset, actual: Dataset, bins = 10): FeatureStability[] {
  return expected.columns.map((column) => {
    const other = actual.columns.find((c) => c.name === column.name);
    if (!other) throw new Error(`feature ${column.name} is missing from the newer population`);
    const [e, a] = column.kind === 'numeric' ? numericCounts(column, other, bins) : categoricalCounts(column, other);
    return { feature: column.name, ...stabilityIndex(e, a) };
  });
}

function numericCounts(reference: Column, newer: Column, bins: number): [Float64Array, Float64Array] {
  if (newer.kind !== 'numeric') throw new Error(`feature ${reference.name} is numeric in one population and text in the other`);
  const edges = quantileEdges(reference.values as Float64Array, bins);
  const count = (values: Float64Array): Float64Array => {
    const present = values.filter((v) => !Number.isNaN(v));
    const counts = new Float64Array(edges.length + 2);
    counts.set(countByEdges(present, edges));
    counts[edges.length + 1] = values.length - present.length; // missing
    return counts;
  };
  return [count(reference.values as Float64Array), count(newer.values)];
}

function categoricalCounts(reference: Column, newer: Column): [Float64Array, Float64Array] {
  const codes = new Map<string, number>();
  for (const value of reference.values) {
    const text = categoricalValue(value);
    if (text !== null && !codes.has(text)) codes.set(text, codes.size);
  }
  const unseen = codes.size;
  const missing = codes.size + 1;
  const count = (values: Column['values']): Float64Array => {
    const counts = new Float64Array(codes.size + 2);
    for (const value of values) {
      const text = categoricalValue(value);
      counts[text === null ? missing : (codes.get(text) ?? unseen)]++;
    }
    return counts;
  };
  return [count(reference.values), count(newer.values)];
}
