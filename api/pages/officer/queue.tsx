/** @jsxImportSource hono/jsx */
/**
 * The review queue: every merchant's latest offer or decline as a table, filtered by segment,
 * grade, status, outcome and line range, sorted by any of the API's sort keys (column headers
 * are links, so the keyboard sorts as well as the mouse), a page at a time.
 */
import type { Context } from 'hono';
import { DEFAULT_POLICY } from '../../../engine/credit/index.ts';
import { SEGMENTS } from '../../../engine/schema/segment.ts';
import { OfferOutcomeSchema, OfferStatusSchema } from '../../../engine/schema/offer.ts';
import type { Claims } from '../../auth/token.ts';
import { fieldErrors } from '../../http/problem.ts';
import type { Reviews } from '../../reviews/reviews.ts';
import { QUEUE_SORTS, QueueQuerySchema, type QueueItem } from '../../reviews/schemas.ts';
import { Badge, percent, rmb, rmbToFen } from '../format.tsx';
import { Layout } from '../layout.tsx';

const PAGE_SIZE = 50;
const SORT_LABELS: Record<(typeof QUEUE_SORTS)[number], string> = { line_fen: 'Line', pd: 'PD', expected_loss_fen: 'Expected loss', merchant_id: 'Merchant' };

/** The filter form's fields as typed, kept to fill the form again. */
type Filters = Record<'segment' | 'grade' | 'status' | 'outcome' | 'min_line' | 'max_line' | 'sort' | 'order' | 'cursor', string>;

export async function queuePage(c: Context, principal: Claims, reviews: Reviews) {
  const raw = c.req.query();
  const filters = Object.fromEntries(['segment', 'grade', 'status', 'outcome', 'min_line', 'max_line', 'sort', 'order', 'cursor'].map((k) => [k, (raw[k] ?? '').trim()])) as Filters;
  const min = rmbToFen(filters.min_line, 'Minimum line');
  const max = rmbToFen(filters.max_line, 'Maximum line');
  const errors = [min.error, max.error].filter((e): e is string => e !== undefined);
  let items: QueueItem[] = [];
  let next: string | null = null;
  if (errors.length === 0) {
    const query = Object.fromEntries(
      Object.entries({
        segment: filters.segment, grade: filters.grade, status: filters.status, outcome: filters.outcome, sort: filters.sort, order: filters.order, cursor: filters.cursor,
        min_line_fen: min.fen === undefined ? '' : String(min.fen), max_line_fen: max.fen === undefined ? '' : String(max.fen), limit: String(PAGE_SIZE),
      }).filter(([, v]) => v !== ''),
    );
    const parsed = QueueQuerySchema.safeParse(query);
    if (!parsed.success) {
      errors.push(...fieldErrors(parsed.error).map((e) => `${FIELD_LABELS[e.field] ?? e.field}: ${e.message}`));
    } else {
      const page = await reviews.queue(parsed.data);
      items = page.items;
      next = page.next_cursor;
    }
  }
  const notice = errors.length > 0 ? { kind: 'error' as const, text: errors.join(' ') } : null;
  return (
    <Layout title="Review queue" principal={principal} path="/officer/queue" notice={notice}>
      <FilterForm filters={filters} />
      <QueueTable items={items} filters={filters} />
      <nav class="pager" aria-label="Pages">
        {filters.cursor ? <a href={queueHref(filters, { cursor: '' })}>First page</a> : null}
        {next ? <a href={queueHref(filters, { cursor: next })} rel="next">Next page</a> : null}
      </nav>
    </Layout>
  );
}

const FIELD_LABELS: Record<string, string> = {
  segment: 'Segment', grade: 'Grade', status: 'Status', outcome: 'Outcome', sort: 'Sort by', order: 'Order',
  min_line_fen: 'Minimum line', max_line_fen: 'Maximum line', cursor: 'Page',
};

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: readonly string[] }) {
  return (
    <label>
      {label}
      <select name={name} id={`filter-${name}`}>
        <option value="">any</option>
        {options.map((o) => <option value={o} selected={o === value}>{o.replaceAll('_', ' ')}</option>)}
      </select>
    </label>
  );
}

function FilterForm({ filters }: { filters: Filters }) {
  return (
    <section class="card" aria-labelledby="filters-title">
      <h2 id="filters-title" class="visually-hidden">Filters</h2>
      <form class="filters" method="get" action="/officer/queue">
        <Select name="segment" label="Segment" value={filters.segment} options={SEGMENTS} />
        <Select name="grade" label="Grade" value={filters.grade} options={DEFAULT_POLICY.grades.map((g) => g.grade)} />
        <Select name="status" label="Status" value={filters.status} options={OfferStatusSchema.options} />
        <Select name="outcome" label="Outcome" value={filters.outcome} options={OfferOutcomeSchema.options} />
        <label>Minimum line (RMB)<input name="min_line" id="filter-min_line" inputmode="decimal" size={10} value={filters.min_line} /></label>
        <label>Maximum line (RMB)<input name="max_line" id="filter-max_line" inputmode="decimal" size={10} value={filters.max_line} /></label>
        <label>
          Sort by
          <select name="sort" id="filter-sort">
            {QUEUE_SORTS.map((s) => <option value={s} selected={s === (filters.sort || 'line_fen')}>{SORT_LABELS[s]}</option>)}
          </select>
        </label>
        <label>
          Order
          <select name="order" id="filter-order">
            <option value="desc" selected={filters.order !== 'asc'}>high to low</option>
            <option value="asc" selected={filters.order === 'asc'}>low to high</option>
          </select>
        </label>
        <button type="submit">Apply filters</button>
        <a class="button secondary" href="/officer/queue">Clear</a>
      </form>
    </section>
  );
}

function SortHeader({ column, filters, numeric }: { column: (typeof QUEUE_SORTS)[number]; filters: Filters; numeric?: boolean }) {
  const current = (filters.sort || 'line_fen') === column;
  const order = filters.order === 'asc' ? 'asc' : 'desc';
  const nextOrder = current && order === 'desc' ? 'asc' : 'desc';
  return (
    <th class={numeric ? 'num' : undefined} aria-sort={current ? (order === 'asc' ? 'ascending' : 'descending') : undefined} scope="col">
      <a href={queueHref(filters, { sort: column, order: nextOrder, cursor: '' })}>
        {SORT_LABELS[column]}{current ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
      </a>
    </th>
  );
}

function QueueTable({ items, filters }: { items: QueueItem[]; filters: Filters }) {
  return (
    <table id="queue">
      <caption>{items.length === 0 ? 'No offers match these filters.' : `${items.length} offers on this page`}</caption>
      <thead>
        <tr>
          <SortHeader column="merchant_id" filters={filters} />
          <th scope="col">Segment</th>
          <th scope="col">Outcome</th>
          <th scope="col">Grade</th>
          <SortHeader column="pd" filters={filters} numeric />
          <SortHeader column="line_fen" filters={filters} numeric />
          <th scope="col" class="num">Rate</th>
          <SortHeader column="expected_loss_fen" filters={filters} numeric />
          <th scope="col">Status</th>
          <th scope="col">As of</th>
        </tr>
      </thead>
      <tbody>
        {items.map((o) => (
          <tr data-merchant={o.merchant_id}>
            <td><a href={`/officer/offers/${o.merchant_id}`}>{o.merchant_id}</a></td>
            <td>{o.segment.replaceAll('_', ' ')}</td>
            <td><Badge value={o.outcome} /></td>
            <td>{o.grade ?? '—'}</td>
            <td class="num">{percent(o.pd, 3)}</td>
            <td class="num">{rmb(o.line_fen)}</td>
            <td class="num">{percent(o.annual_rate)}</td>
            <td class="num">{rmb(o.expected_loss_fen)}</td>
            <td><Badge value={o.status} /></td>
            <td>{o.as_of_date}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function queueHref(filters: Filters, change: Partial<Filters>): string {
  const merged = { ...filters, ...change };
  const params = new URLSearchParams(Object.entries(merged).filter(([, v]) => v !== ''));
  const text = params.toString();
  return text ? `/officer/queue?${text}` : '/officer/queue';
}
