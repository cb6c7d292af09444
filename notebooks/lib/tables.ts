/**
 * Tables for notebooks: rows shown as an HTML table in the cell (numbers right-aligned and
 * rounded, text escaped), so WoE/IV tables and scorecards read as tables, not as logged objects.
 *
 * @example
 *   showTable(rows, { digits: { woe: 3, iv: 4 } });
 */
import { display } from 'tslab';

export interface TableOptions {
  /** Columns to show, in order (default: the first row's keys). */
  columns?: string[];
  /** Decimals per column (default: 0 for integers, 4 otherwise). */
  digits?: Record<string, number>;
  /** Columns shown as percentages, with this many decimals. */
  percent?: Record<string, number>;
  title?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ESCAPES[c]);

export function formatCell(value: unknown, column: string, options: TableOptions = {}): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  const percent = options.percent?.[column];
  if (percent !== undefined) return `${(100 * value).toFixed(percent)}%`;
  const digits = options.digits?.[column] ?? (Number.isInteger(value) ? 0 : 4);
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function tableHtml<T extends object>(records: T[], options: TableOptions = {}): string {
  const rows = records as Record<string, unknown>[];
  const columns = options.columns ?? Object.keys(rows[0] ?? {});
  const align = (value: unknown) => (typeof value === 'number' ? ' style="text-align:right"' : '');
  const head = columns.map((c) => `<th>${escape(c)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${columns.map((c) => `<td${align(row[c])}>${escape(formatCell(row[c], c, options))}</td>`).join('')}</tr>`)
    .join('\n');
  const caption = options.title ? `<caption>${escape(options.title)}</caption>` : '';
  return `<table>${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

export function showTable<T extends object>(rows: T[], options: TableOptions = {}): void {
  display.html(tableHtml(rows, options));
}
