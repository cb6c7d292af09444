/** @jsxImportSource hono/jsx */
/**
 * The collections queue: past-due lines by bucket (1–29, 30–59, 60–89, 90+ days), each bucket's
 * count and principal outstanding as tabs, the lines most overdue first with the last contact.
 */
import type { Context } from 'hono';
import type { Claims } from '../../auth/token.ts';
import type { MonitoringDesk } from '../../monitoring/desk.ts';
import { CollectionsQuerySchema } from '../../monitoring/schemas.ts';
import { Badge, rmb } from '../format.tsx';
import { Layout } from '../layout.tsx';

export async function collectionsPage(c: Context, principal: Claims, desk: MonitoringDesk) {
  const bucket = (c.req.query('bucket') ?? '').trim();
  const parsed = CollectionsQuerySchema.safeParse(bucket ? { bucket } : {});
  const view = await desk.collections(parsed.success ? parsed.data : {});
  const notice = parsed.success ? null : { kind: 'error' as const, text: `Bucket: choose one of ${view.buckets.map((b) => b.bucket).join(', ')} (got '${bucket}').` };
  const shown = parsed.success ? view.items : [];
  return (
    <Layout title="Collections queue" principal={principal} path="/officer/collections" notice={notice}>
      <nav class="buckets" aria-label="Days past due">
        <a href="/officer/collections" aria-current={bucket === '' ? 'page' : undefined}>All</a>
        {view.buckets.map((b) => (
          <a href={`/officer/collections?bucket=${b.bucket}`} data-bucket={b.bucket} aria-current={b.bucket === bucket ? 'page' : undefined}>
            {`${b.bucket} days: ${b.lines} lines, ${rmb(b.balance_fen)}`}
          </a>
        ))}
      </nav>
      <table id="collections">
        <caption>{shown.length === 0 ? 'No lines past due here.' : `${shown.length} lines, most overdue first`}</caption>
        <thead>
          <tr>
            <th scope="col">Line</th><th scope="col">Merchant</th><th scope="col">Bucket</th><th scope="col" class="num">DPD</th>
            <th scope="col">Status</th><th scope="col" class="num">Balance</th><th scope="col">Last contact</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((i) => (
            <tr data-line={i.line_id} data-bucket={i.bucket}>
              <td><a href={`/officer/lines/${i.line_id}`}>{i.line_id}</a></td>
              <td>{i.merchant_id}</td>
              <td>{i.bucket}</td>
              <td class="num">{i.dpd}</td>
              <td><Badge value={i.status} /></td>
              <td class="num">{rmb(i.balance_fen)}</td>
              <td>{i.last_contact_at ? `${i.last_contact_at} (${i.n_contacts})` : 'never'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
