/**
 * The officers' review queue: each merchant's latest offer, filtered, sorted by one column and
 * paged by keyset (the last row's sort value and merchant id), without the officer's columns.
 *
 * @example
 *   const page = await offersQueue(db, { sort: { column: 'line_fen', as: 'number', order: 'desc' }, filters: { status: 'suggested' }, after: null, limit: 50 });
 *   page[0].offer.merchant_id; page[0].sort_value;
 */
import { quote, type Database } from '../../../engine/db/index.ts';
import { OfferRowSchema, type OfferRow } from '../../../engine/schema/index.ts';
import { storeSql } from './sql.ts';

export type QueueOffer = Omit<OfferRow, 'decided_by' | 'decided_at' | 'officer_note'>;

export interface QueueRequest {
  /** A column of offers, compared as a number or as text. */
  sort: { column: string; as: 'number' | 'text'; order: 'asc' | 'desc' };
  filters: { segment?: string; grade?: string; status?: string; outcome?: string; min_line_fen?: number; max_line_fen?: number };
  /** The last row of the previous page (its sort value and merchant id); null for the first page. */
  after: { value: string | number; id: string } | null;
  limit: number;
}

export interface QueueEntry {
  offer: QueueOffer;
  /** The row's value of the sort column, in the form it is compared in (the next page's cursor). */
  sort_value: string | number;
}

export async function offersQueue(db: Database, request: QueueRequest): Promise<QueueEntry[]> {
  const { sort, filters, after } = request;
  if (!Object.hasOwn(OfferRowSchema.shape, sort.column)) throw new RangeError(`sort: '${sort.column}' is not a column of offers`);
  const numeric = sort.as === 'number';
  const sql = storeSql('queue.sql', {
    sort_column: quote(sort.column),
    sort_key: numeric ? '_sort_number' : '_sort_text',
    sort_compare: sort.order === 'asc' ? '>' : '<',
    sort_direction: sort.order === 'asc' ? 'ASC' : 'DESC',
  });
  const rows = await db.all<Record<string, unknown>>(sql, {
    segment: filters.segment ?? null,
    grade: filters.grade ?? null,
    status: filters.status ?? null,
    outcome: filters.outcome ?? null,
    min_line_fen: filters.min_line_fen ?? null,
    max_line_fen: filters.max_line_fen ?? null,
    after_value: after?.value ?? (numeric ? 0 : ''),
    after_id: after?.id ?? null,
    limit: request.limit,
  });
  return rows.map(({ _sort_text, _sort_number, ...offer }) => ({
    offer: offer as QueueOffer,
    sort_value: (numeric ? _sort_number : _sort_text) as string | number,
  }));
}
