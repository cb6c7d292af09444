/** @jsxImportSource hono/jsx */
/**
 * The watch list: lines with a warning at the latest monitoring run, worst first, with the
 * signals behind each and a filter by signal; each line links to its page.
 */
import type { Context } from 'hono';
import { MONITORING_SIGNALS } from '../../../engine/credit/monitoring-policy.ts';
import type { Claims } from '../../auth/token.ts';
import { fieldErrors } from '../../http/problem.ts';
import type { MonitoringDesk } from '../../monitoring/desk.ts';
import { WatchListQuerySchema, type WatchList } from '../../monitoring/schemas.ts';
import { Badge, percent, rmb } from '../format.tsx';
import { Layout } from '../layout.tsx';

export async function watchListPage(c: Context, principal: Claims, desk: MonitoringDesk) {
  const signal = (c.req.query('signal') ?? '').trim();
  const parsed = WatchListQuerySchema.safeParse(signal ? { signal, limit: '500' } : { limit: '500' });
  const list: WatchList = parsed.success ? await desk.watchList(parsed.data) : { as_of_date: null, items: [] };
  const notice = parsed.success ? null : { kind: 'error' as const, text: fieldErrors(parsed.error).map((e) => `Signal: ${e.message}`).join(' ') };
  return (
    <Layout title="Watch list" principal={principal} path="/officer/watch-list" notice={notice}>
      <p>{list.as_of_date ? `Monitoring run of ${list.as_of_date}: ${list.items.length} lines with a warning.` : 'No monitoring run yet.'}</p>
      <form class="filters" method="get" action="/officer/watch-list">
        <label>
          Signal
          <select name="signal" id="filter-signal">
            <option value="">any</option>
            {MONITORING_SIGNALS.map((s) => <option value={s} selected={s === signal}>{s.replaceAll('_', ' ')}</option>)}
          </select>
        </label>
        <button type="submit">Apply filter</button>
      </form>
      <table id="watch-list">
        <caption>{list.items.length === 0 ? 'No lines with a warning.' : `${list.items.length} lines, worst first`}</caption>
        <thead>
          <tr>
            <th scope="col">Line</th><th scope="col">Merchant</th><th scope="col">Severity</th><th scope="col">Action</th><th scope="col">Status</th>
            <th scope="col" class="num">Turnover drop</th><th scope="col" class="num">Closed days</th><th scope="col" class="num">PD</th>
            <th scope="col" class="num">DPD</th><th scope="col" class="num">Limit</th><th scope="col" class="num">Balance</th><th scope="col">Reasons</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((i) => (
            <tr data-line={i.line_id} data-severity={i.severity ?? ''}>
              <td><a href={`/officer/lines/${i.line_id}`}>{i.line_id}</a></td>
              <td>{i.merchant_id}</td>
              <td><Badge value={i.severity} /></td>
              <td><Badge value={i.action} /></td>
              <td><Badge value={i.status} /></td>
              <td class="num">{percent(i.turnover_drop, 0)}</td>
              <td class="num">{i.closed_days ?? '—'}</td>
              <td class="num">{percent(i.pd, 2)}</td>
              <td class="num">{i.dpd}</td>
              <td class="num">{rmb(i.limit_fen)}</td>
              <td class="num">{rmb(i.balance_fen)}</td>
              <td>{(i.reason ?? '').split(',').map((r) => r.split('=')[0].replaceAll('_', ' ')).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
