/**
 * Merging of adjacent ordered cells (numeric ranges), the three moves supervised binning is
 * made of: grow cells below the minimum share, pool adjacent violators until the bad rate is
 * monotonic, and ChiMerge the most similar neighbours until few enough remain. Merging two
 * neighbours of a monotonic sequence keeps it monotonic, so the moves compose in any order.
 */
export interface Cell {
  /** Largest value in the cell: the cell is (previous upper, upper]. */
  upper: number;
  good: number;
  bad: number;
}

const count = (c: Cell): number => c.good + c.bad;
const rate = (c: Cell): number => (count(c) === 0 ? 0 : c.bad / count(c));
const join = (a: Cell, b: Cell): Cell => ({ upper: b.upper, good: a.good + b.good, bad: a.bad + b.bad });

/** Merges the smallest cell into its more similar neighbour until every cell holds minCount rows. */
export function enforceMinCount(cells: Cell[], minCount: number): Cell[] {
  const out = cells.slice();
  while (out.length > 1) {
    let smallest = -1;
    for (let i = 0; i < out.length; i++) {
      if (count(out[i]) < minCount && (smallest < 0 || count(out[i]) < count(out[smallest]))) smallest = i;
    }
    if (smallest < 0) break;
    const left = smallest - 1;
    const right = smallest + 1;
    let partner: number;
    if (left < 0) partner = right;
    else if (right >= out.length) partner = left;
    else {
      const dl = Math.abs(rate(out[left]) - rate(out[smallest]));
      const dr = Math.abs(rate(out[right]) - rate(out[smallest]));
      partner = dl < dr || (dl === dr && count(out[left]) <= count(out[right])) ? left : right;
    }
    const at = Math.min(smallest, partner);
    out.splice(at, 2, join(out[at], out[at + 1]));
  }
  return out;
}

/**
 * Pool adjacent violators: the closest sequence whose bad rate strictly rises ('increasing')
 * or falls ('decreasing') with the value. Equal neighbours are pooled too; they would carry
 * the same WoE and only add a bin.
 */
export function poolAdjacentViolators(cells: Cell[], direction: 'increasing' | 'decreasing'): Cell[] {
  const stack: Cell[] = [];
  for (const cell of cells) {
    let current = cell;
    while (stack.length > 0) {
      const previous = stack[stack.length - 1];
      const violates = direction === 'increasing' ? rate(previous) >= rate(current) : rate(previous) <= rate(current);
      if (!violates) break;
      current = join(stack.pop() as Cell, current);
    }
    stack.push(current);
  }
  return stack;
}

/** Merges the adjacent pair with the smallest chi-square (most alike) until maxCells remain. */
export function chiMerge(cells: Cell[], maxCells: number): Cell[] {
  const out = cells.slice();
  while (out.length > Math.max(1, maxCells)) {
    let best = 0;
    let bestChi = Infinity;
    for (let i = 0; i + 1 < out.length; i++) {
      const chi = chiSquare(out[i], out[i + 1]);
      if (chi < bestChi) {
        bestChi = chi;
        best = i;
      }
    }
    out.splice(best, 2, join(out[best], out[best + 1]));
  }
  return out;
}

/** Pearson chi-square of the 2×2 table (two cells × good/bad). */
function chiSquare(a: Cell, b: Cell): number {
  const n = count(a) + count(b);
  const goods = a.good + b.good;
  const bads = a.bad + b.bad;
  if (n === 0 || goods === 0 || bads === 0) return 0;
  let chi = 0;
  for (const cell of [a, b]) {
    const expectedGood = (count(cell) * goods) / n;
    const expectedBad = (count(cell) * bads) / n;
    if (expectedGood > 0) chi += (cell.good - expectedGood) ** 2 / expectedGood;
    if (expectedBad > 0) chi += (cell.bad - expectedBad) ** 2 / expectedBad;
  }
  return chi;
}

/** Whether the bad rate moves one way across the cells. */
export function isMonotonic(cells: Cell[], direction: 'increasing' | 'decreasing'): boolean {
  for (let i = 1; i < cells.length; i++) {
    const up = rate(cells[i]) > rate(cells[i - 1]);
    if (direction === 'increasing' ? !up : up || rate(cells[i]) === rate(cells[i - 1])) return false;
  }
  return true;
}
