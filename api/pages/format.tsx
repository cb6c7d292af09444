/** @jsxImportSource hono/jsx */
/** How the pages write money, shares, statuses and form input (RMB in forms, fen underneath). */
import { formatPercent, formatRmb } from '../../engine/credit/index.ts';

export const rmb = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '—' : formatRmb(fen));
export const percent = (share: number | null | undefined, digits = 2): string => (share === null || share === undefined ? '—' : formatPercent(share, digits));

/** 'suggested' → a coloured label a screen reader reads as the word itself. */
export function Badge({ value }: { value: string | null }) {
  return value === null ? <span class="muted">—</span> : <span class={`badge ${value}`}>{value.replaceAll('_', ' ')}</span>;
}

/**
 * A form's RMB amount as fen: blank is undefined; anything but a non-negative amount with at
 * most two decimals is an error naming the field as the form labels it.
 */
export function rmbToFen(text: string | undefined, label: string): { fen?: number; error?: string } {
  const value = (text ?? '').trim().replaceAll(',', '');
  if (value === '') return {};
  if (!/^\d+(\.\d{1,2})?$/.test(value)) return { error: `${label}: enter an amount in RMB, like 25000 or 25000.50 (got '${text}')` };
  const fen = Math.round(Number(value) * 100);
  if (!Number.isSafeInteger(fen)) return { error: `${label}: the amount is too large` };
  return { fen };
}

/** Fen as the RMB text a form field shows (no thousands separators). */
export const fenToRmbInput = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '' : (fen / 100).toFixed(fen % 100 === 0 ? 0 : 2));
