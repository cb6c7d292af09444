/**
 * The reference population of a model, kept in the registry for monitoring: the training rows'
 * PD cut at its deciles, and each feature cut at its own deciles (numeric) or categories, with
 * a bin for missing values (and one for categories never seen in training). A later population
 * is counted on the same bins, so PSI and CSI need the counts only, never the training rows.
 *
 * @example
 *   const reference = profilePopulation(train, trainPd, modelFeatures(model));
 *   const { counts } = countColumn(reference.features[0], latest.columns[0].values);
 */
import { categoricalValue, columnOf, type Column, type Dataset } from '../data/frame.ts';
import { countByEdges, quantileEdges } from '../metrics/stability.ts';

export interface BinnedProfile {
  /** Upper edges of the value bins (the last bin is open); numeric only. */
  edges?: number[];
  /** Categories with a bin each; categorical only. */
  categories?: string[];
  /** Rows per bin: value bins, then (categorical) unseen, then missing. */
  counts: number[];
}

export interface FeatureProfile extends BinnedProfile {
  feature: string;
  type: 'numeric' | 'categorical';
}

export interface PopulationProfile {
  rows: number;
  score: BinnedProfile;
  features: FeatureProfile[];
}

const BINS = 10;
const MAX_CATEGORIES = 50;

export function profilePopulation(data: Dataset, pd: ArrayLike<number>, features: string[]): PopulationProfile {
  const edges = quantileEdges(pd, BINS);
  const score = { edges, counts: Array.from(countByEdges(pd, edges)) };
  return { rows: data.nRows, score, features: features.map((name) => profileColumn(columnOf(data, name))) };
}

function profileColumn(column: Column): FeatureProfile {
  if (column.kind === 'numeric') {
    const edges = quantileEdges(column.values, BINS);
    return { feature: column.name, type: 'numeric', edges, ...countColumn({ edges, counts: [] }, column.values) };
  }
  const frequency = new Map<string, number>();
  for (const value of column.values) if (value !== null) frequency.set(value, (frequency.get(value) ?? 0) + 1);
  const categories = [...frequency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_CATEGORIES).map(([c]) => c).sort();
  return { feature: column.name, type: 'categorical', categories, ...countColumn({ categories, counts: [] }, column.values) };
}

/** Counts of `values` on a profile's bins. */
export function countColumn(profile: BinnedProfile, values: Column['values']): { counts: number[] } {
  if (profile.edges) {
    const numbers = values as Float64Array;
    const present = numbers.filter((v) => !Number.isNaN(v));
    return { counts: [...countByEdges(present, profile.edges), numbers.length - present.length] };
  }
  const codes = new Map((profile.categories ?? []).map((c, k) => [c, k]));
  const counts = new Array<number>(codes.size + 2).fill(0);
  for (const value of values) {
    const text = categoricalValue(value);
    counts[text === null ? codes.size + 1 : (codes.get(text) ?? codes.size)]++;
  }
  return { counts };
}
