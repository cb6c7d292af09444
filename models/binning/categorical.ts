/**
 * Binning of a categorical feature: one bin per category, rare categories (below the minimum
 * share) pooled into an "other" bin that also takes categories never seen in training. When
 * the pooled bin is itself too small to carry evidence, it joins the category whose bad rate
 * is closest. Missing is a bin of its own.
 *
 * @example
 *   binCategorical('purpose', purposes, target).bins.map((b) => b.label);
 */
import { categoriesLabel } from './label.ts';
import { DEFAULT_BINNING, type Bin, type Binning, type BinningOptions } from './types.ts';
import { fillWoe } from './woe.ts';

interface Group {
  categories: string[];
  isOther: boolean;
  good: number;
  bad: number;
}

const rate = (g: Group): number => (g.good + g.bad === 0 ? 0 : g.bad / (g.good + g.bad));

export function binCategorical(feature: string, values: (string | null)[], target: Uint8Array, options: BinningOptions = {}): Binning {
  const opts = { ...DEFAULT_BINNING, ...options };
  const n = values.length;
  const counts = new Map<string, { good: number; bad: number }>();
  const missing = { good: 0, bad: 0 };
  for (let i = 0; i < n; i++) {
    const value = values[i];
    let cell = missing;
    if (value !== null) {
      cell = counts.get(value) ?? { good: 0, bad: 0 };
      counts.set(value, cell);
    }
    if (target[i] === 1) cell.bad++;
    else cell.good++;
  }
  const minCount = opts.minBinShare * n;
  const groups: Group[] = [];
  const other: Group = { categories: [], isOther: true, good: 0, bad: 0 };
  for (const [category, c] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (c.good + c.bad >= minCount) groups.push({ categories: [category], isOther: false, ...c });
    else {
      other.categories.push(category);
      other.good += c.good;
      other.bad += c.bad;
    }
  }
  const otherCount = other.good + other.bad;
  if (otherCount > 0 && otherCount < minCount && groups.length > 0) {
    // Too few rows for evidence of its own: join the most similar category.
    const nearest = groups.reduce((best, g) => (Math.abs(rate(g) - rate(other)) < Math.abs(rate(best) - rate(other)) ? g : best));
    nearest.categories.push(...other.categories);
    nearest.isOther = true;
    nearest.good += other.good;
    nearest.bad += other.bad;
  } else {
    groups.push(other); // possibly empty: the neutral home of unseen categories
  }
  // Safest first, reading like a numeric feature; an empty "other" goes last.
  const empty = (g: Group): number => (g.good + g.bad === 0 ? 1 : 0);
  groups.sort((a, b) => empty(a) - empty(b) || rate(a) - rate(b) || (a.categories[0] ?? '').localeCompare(b.categories[0] ?? ''));
  const bins: Bin[] = groups.map((g) => ({
    kind: 'categories',
    label: categoriesLabel(g.categories, g.isOther),
    categories: g.categories,
    isOther: g.isOther,
    good: g.good,
    bad: g.bad,
    woe: 0,
    iv: 0,
  }));
  bins.push({ kind: 'missing', label: 'missing', ...missing, woe: 0, iv: 0 });
  const iv = fillWoe(bins);
  return { feature, type: 'categorical', bins, iv, monotonicity: 'none' };
}
