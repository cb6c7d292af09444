/**
 * Human-readable bin labels for the scorecard table and reason codes: "(25, 33]", "missing",
 * "A14, A11". Labels are for people only; scoring reads the exact edges, never the label.
 */
export function formatEdge(value: number): string {
  return String(Number(value.toPrecision(6)));
}

export function rangeLabel(lower: number | null, upper: number | null): string {
  const low = lower === null ? '-inf' : formatEdge(lower);
  return upper === null ? `(${low}, +inf)` : `(${low}, ${formatEdge(upper)}]`;
}

export function categoriesLabel(categories: string[], isOther: boolean): string {
  const shown = categories.length > 4 ? [...categories.slice(0, 4), `+${categories.length - 4} more`] : categories;
  const parts = isOther ? [...shown, 'other'] : shown;
  return parts.length === 0 ? 'other' : parts.join(' | ');
}

export function specialLabel(values: number[]): string {
  return `special: ${values.map(formatEdge).join(', ')}`;
}
