/** @jsxImportSource hono/jsx */
/**
 * The audit trail: every officer decision, oldest first, as the append-only log keeps it — who,
 * when, what, the line before and after, and why. Filterable by merchant, officer and action.
 */
import type { Context } from 'hono';
import type { AuditEntry } from '../../../engine/schema/audit-entry.ts';
import type { Claims } from '../../auth/token.ts';
import { fieldErrors } from '../../http/problem.ts';
import type { Reviews } from '../../reviews/reviews.ts';
import { AuditQuerySchema } from '../../reviews/schemas.ts';
import { Badge, rmb } from '../format.tsx';
import { Layout } from '../layout.tsx';

export function AuditTable({ entries, showMerchant }: { entries: readonly AuditEntry[]; showMerchant: boolean }) {
  if (entries.length === 0) return <p class="muted" id="audit-empty">No decisions recorded yet.</p>;
  return (
    <table id="audit-table">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Officer</th>
          {showMerchant ? <th scope="col">Merchant</th> : null}
          <th scope="col">Action</th>
          <th scope="col" class="num">Line before</th>
          <th scope="col" class="num">Line after</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr data-audit={e.audit_id}>
            <td>{e.recorded_at}</td>
            <td>{e.actor}</td>
            {showMerchant ? <td><a href={`/officer/offers/${e.merchant_id}`}>{e.merchant_id}</a></td> : null}
            <td><Badge value={e.action} /></td>
            <td class="num">{rmb(e.line_before_fen)}</td>
            <td class="num">{rmb(e.line_after_fen)}</td>
            <td>{e.reason ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export async function auditPage(c: Context, principal: Claims, reviews: Reviews) {
  const raw = c.req.query();
  const filters = { merchant_id: (raw.merchant_id ?? '').trim(), actor: (raw.actor ?? '').trim(), action: (raw.action ?? '').trim(), cursor: raw.cursor ?? '' };
  const parsed = AuditQuerySchema.safeParse(Object.fromEntries(Object.entries({ ...filters, limit: '100' }).filter(([, v]) => v !== '')));
  let entries: AuditEntry[] = [];
  let next: string | null = null;
  let notice = null;
  if (parsed.success) {
    const page = await reviews.audit(parsed.data);
    entries = page.items;
    next = page.next_cursor;
  } else {
    notice = { kind: 'error' as const, text: fieldErrors(parsed.error).map((e) => `${LABELS[e.field] ?? e.field}: ${e.message}`).join(' ') };
  }
  const nextHref = next ? `/officer/audit?${new URLSearchParams({ ...filters, cursor: next })}` : null;
  return (
    <Layout title="Audit trail" principal={principal} path="/officer/audit" notice={notice}>
      <section class="card">
        <form class="filters" method="get" action="/officer/audit">
          <label>Merchant<input name="merchant_id" id="audit-merchant" size={12} value={filters.merchant_id} placeholder="M00000042" /></label>
          <label>Officer<input name="actor" id="audit-actor" size={14} value={filters.actor} /></label>
          <label>
            Action
            <select name="action" id="audit-action">
              <option value="">any</option>
              {['approve', 'adjust', 'decline'].map((a) => <option value={a} selected={a === filters.action}>{a}</option>)}
            </select>
          </label>
          <button type="submit">Show</button>
        </form>
      </section>
      <AuditTable entries={entries} showMerchant />
      {nextHref ? <nav class="pager" aria-label="Pages"><a href={nextHref} rel="next">Next page</a></nav> : null}
    </Layout>
  );
}

const LABELS: Record<string, string> = { merchant_id: 'Merchant', actor: 'Officer', action: 'Action', cursor: 'Page' };
