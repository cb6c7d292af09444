/** @jsxImportSource hono/jsx */
/**
 * One monitored line: its state and latest signals, the merchant's turnover (weekly and daily,
 * holidays shaded), the ledger with monitoring's reasons in the officer's and the merchant's
 * words, the audit trail, and the officer's actions (confirm, override with a reason, log a
 * contact) as a form that posts back here.
 */
import type { Claims } from '../../auth/token.ts';
import type { MonitoredLineView } from '../../monitoring/schemas.ts';
import { TurnoverChart } from '../charts/turnover-chart.tsx';
import { Badge, percent, rmb } from '../format.tsx';
import { Layout } from '../layout.tsx';

export interface LineForm {
  action: string;
  reason: string;
}

export function LinePage({ principal, line, notice, form }: { principal: Claims; line: MonitoredLineView; notice: { kind: 'ok' | 'error'; text: string } | null; form: LineForm }) {
  const s = line.signals;
  const days = line.turnover.map((d) => ({ date: d.turnover_date, net_fen: d.net_fen }));
  return (
    <Layout title={`Line ${line.line_id}`} principal={principal} path="/officer/lines" notice={notice}>
      <section class="card" aria-labelledby="state-title">
        <h2 id="state-title">State</h2>
        <dl class="facts" id="line-state">
          <dt>Merchant</dt><dd>{line.merchant_id}</dd>
          <dt>Status</dt><dd data-status={line.status}><Badge value={line.status} /></dd>
          <dt>Limit</dt><dd>{rmb(line.limit_fen)}</dd>
          <dt>Balance</dt><dd>{rmb(line.balance_fen)}</dd>
          <dt>Available</dt><dd>{rmb(line.available_fen)}</dd>
          <dt>Days past due</dt><dd>{line.dpd}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="signals-title">
        <h2 id="signals-title">{s ? `Signals as of ${s.as_of_date}` : 'Signals'}</h2>
        {s ? (
          <dl class="facts" id="signals">
            <dt>Severity</dt><dd><Badge value={s.severity} /></dd>
            <dt>Action</dt><dd><Badge value={s.action} /></dd>
            <dt>Turnover drop</dt><dd>{percent(s.turnover_drop, 0)}</dd>
            <dt>Closed days (of 28)</dt><dd>{s.closed_days ?? '—'}</dd>
            <dt>Turnover CV</dt><dd>{s.turnover_cv === null ? '—' : s.turnover_cv.toFixed(2)}</dd>
            <dt>Refund surge</dt><dd>{percent(s.refund_surge, 1)}</dd>
            <dt>Decline share</dt><dd>{percent(s.decline_share, 1)}</dd>
            <dt>Behavioural PD</dt><dd>{percent(s.pd, 2)}</dd>
          </dl>
        ) : <p>Not monitored yet.</p>}
      </section>
      <section class="card" aria-labelledby="turnover-title">
        <h2 id="turnover-title">Turnover</h2>
        <TurnoverChart days={days} grain="weekly" />
        <TurnoverChart days={days} grain="daily" />
      </section>
      <section class="card" aria-labelledby="act-title">
        <h2 id="act-title">Act on the line</h2>
        <form method="post" action={`/officer/lines/${line.line_id}/action`} id="line-action">
          <fieldset>
            <legend>Action</legend>
            {[['confirm', 'Confirm monitoring’s latest action'], ['override', 'Override it (reverses a freeze or a limit change)'], ['contact', 'Log a contact with the merchant']].map(([value, label]) => (
              <label><input type="radio" name="action" value={value} checked={form.action === value} required />{label}</label>
            ))}
          </fieldset>
          <label>Reason or note (required to override or log a contact)<textarea name="reason" id="line-reason" rows={3} maxlength={1000}>{form.reason}</textarea></label>
          <button type="submit">Record</button>
        </form>
      </section>
      <section class="card" aria-labelledby="ledger-title">
        <h2 id="ledger-title">Ledger</h2>
        <table id="ledger">
          <thead>
            <tr><th scope="col">Date</th><th scope="col">Event</th><th scope="col">Source</th><th scope="col" class="num">Amount</th><th scope="col" class="num">Limit</th><th scope="col" class="num">Balance</th><th scope="col" class="num">DPD</th><th scope="col">Why (officer)</th><th scope="col">What the merchant is told</th></tr>
          </thead>
          <tbody>
            {[...line.ledger].reverse().map((e) => (
              <tr data-event={e.event_type} data-source={e.source}>
                <td>{e.business_date}</td><td>{e.event_type.replaceAll('_', ' ')}</td><td>{e.source.replaceAll('_', ' ')}</td>
                <td class="num">{rmb(e.amount_fen)}</td><td class="num">{rmb(e.limit_fen)}</td><td class="num">{rmb(e.balance_fen)}</td><td class="num">{e.dpd}</td>
                <td>{e.officer_words.map((w) => <div>{w}</div>)}</td><td>{e.merchant_words ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card" aria-labelledby="audit-title">
        <h2 id="audit-title">Audit trail</h2>
        <table id="audit">
          <thead><tr><th scope="col">When</th><th scope="col">Officer</th><th scope="col">Action</th><th scope="col" class="num">Limit before</th><th scope="col" class="num">Limit after</th><th scope="col">Reason</th></tr></thead>
          <tbody>
            {line.audit.map((a) => (
              <tr data-action={a.action}><td>{a.recorded_at}</td><td>{a.actor}</td><td>{a.action}</td><td class="num">{rmb(a.line_before_fen)}</td><td class="num">{rmb(a.line_after_fen)}</td><td>{a.reason ?? ''}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
