/** @jsxImportSource hono/jsx */
/**
 * The merchant's Easy Loan lines as the one ledger keeps them (line_events): each line's state
 * now and every event on it, newest first — who wrote it (the bank's book, the API, an officer,
 * monitoring), its business day, amount, and the limit, balance and days past due after it.
 * Each line links to its monitoring desk (/officer/lines/ID), where officers act on it.
 */
import type { LineWithEvents } from '../../../pipelines/lines/line-events.ts';
import { Badge, rmb } from '../format.tsx';

/** Events shown per line; older ones are counted, not listed. */
const SHOWN = 100;

export function LineHistory({ lines }: { lines: readonly LineWithEvents[] }) {
  return (
    <section class="card" aria-labelledby="lines-title" id="lines">
      <h2 id="lines-title">Lines and their history</h2>
      {lines.length === 0 ? <p class="muted" id="lines-empty">No Easy Loan line in the ledger.</p> : [...lines].reverse().map(({ state, events }) => (
        <div data-line={state.line_id}>
          <h3>{`Line ${state.line_id}`} <Badge value={state.status} /></h3>
          <p><a class="line-desk" href={`/officer/lines/${state.line_id}`}>Monitoring: signals, turnover and actions on this line</a></p>
          <dl class="figures">
            <div><dt>Limit</dt><dd>{rmb(state.limit_fen)}</dd></div>
            <div><dt>Owed (principal)</dt><dd class="line-balance">{rmb(state.balance_fen)}</dd></div>
            <div><dt>Available</dt><dd>{rmb(state.available_fen)}</dd></div>
            <div><dt>Days past due</dt><dd>{String(state.dpd)}</dd></div>
            <div><dt>Last event</dt><dd>{state.as_of_date}</dd></div>
          </dl>
          <table class="line-events">
            <caption class="muted">{events.length > SHOWN ? `The latest ${SHOWN} of ${events.length} events, newest first.` : 'Newest first.'}</caption>
            <thead>
              <tr>
                <th scope="col">Business day</th><th scope="col">Event</th><th scope="col">By</th><th scope="col" class="num">Amount</th>
                <th scope="col" class="num">Interest</th><th scope="col" class="num">Limit after</th><th scope="col" class="num">Owed after</th>
                <th scope="col" class="num">DPD</th><th scope="col">Recorded</th><th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {events.slice(-SHOWN).reverse().map((e) => (
                <tr data-event={e.event_id} data-type={e.event_type}>
                  <td>{e.business_date}</td>
                  <td>{e.event_type.replaceAll('_', ' ')}</td>
                  <td>{e.source.replaceAll('_', ' ')}</td>
                  <td class="num">{rmb(e.amount_fen)}</td>
                  <td class="num">{e.interest_fen > 0 ? rmb(e.interest_fen) : '—'}</td>
                  <td class="num">{rmb(e.limit_fen)}</td>
                  <td class="num">{rmb(e.balance_fen)}</td>
                  <td class="num">{String(e.dpd)}</td>
                  <td>{e.recorded_at?.slice(0, 19) ?? '—'}</td>
                  <td>{e.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
