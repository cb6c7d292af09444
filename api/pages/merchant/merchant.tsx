/** @jsxImportSource hono/jsx */
/**
 * A merchant's own Easy Loan page: the latest offer and why (or why not, and what would change
 * it), monitoring's notice on their line (what changed, why, what they can do), accepting it, drawing on the open line and repaying, and the history of movements. A
 * merchant token reaches only its own merchant; any other id answers 404 so ids cannot be probed.
 * Each draw or repayment form carries a fresh Idempotency-Key, so a form sent twice (a double
 * click, a reload) moves the balance once.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { RepaymentModeSchema, type RepaymentMode } from '../../../engine/schema/line-event.ts';
import type { MonitoringNotice } from '../../../engine/schema/monitoring.ts';
import type { Claims } from '../../auth/token.ts';
import { ApiProblem } from '../../http/problem.ts';
import type { Ledger, Movement } from '../../lines/ledger.ts';
import type { LineView, TransactionView } from '../../lines/schemas.ts';
import type { MerchantOffer } from '../../offers/merchant-offer.ts';
import type { OfferIndex } from '../../offers/offer-index.ts';
import type { Reviews } from '../../reviews/reviews.ts';
import { TurnoverChart, type TurnoverDay } from '../charts/turnover-chart.tsx';
import { Badge, percent, rmb, rmbToFen } from '../format.tsx';
import { Layout } from '../layout.tsx';

export interface MerchantServices {
  offers: OfferIndex;
  ledger: Ledger;
  /** For the turnover the offer was sized on (the review's year before the as-of date). */
  reviews: Reviews;
}

/** The merchant id of the path when the principal may see it; a 404 otherwise. */
export function ownMerchant(principal: Claims, merchantId: string): string {
  if (principal.role !== 'merchant' || principal.merchant_id !== merchantId) throw new ApiProblem(404, `no merchant ${merchantId} here`);
  return merchantId;
}

/** Movements a history page shows, newest first; older ones a link away. */
const HISTORY_PAGE = 20;

const NOTICES: Record<string, string> = {
  accepted: "Your line is open at this offer's limit. You can draw on it now.",
  drawn: 'Your draw is recorded.',
  repaid: 'Your repayment is recorded.',
  replayed: 'That request was already recorded; nothing changed.',
};

export async function merchantPage(c: Context, principal: Claims, services: MerchantServices, error: string | null = null) {
  const merchantId = ownMerchant(principal, c.req.param('merchant_id')!);
  const json = services.offers.json(merchantId);
  const offer = json ? (JSON.parse(json) as MerchantOffer) : null;
  const line = await services.ledger.line(merchantId);
  const older = c.req.query('older');
  if (older !== undefined && !/^\d+$/.test(older)) throw new ApiProblem(400, `older: expected the cursor of an Older link (got '${older.slice(0, 40)}')`, { field: 'query.older' });
  const history = line ? await services.ledger.history(merchantId, HISTORY_PAGE, older ? Number(older) : null, 'desc') : null;
  const sales: TurnoverDay[] = offer ? (await services.reviews.review(merchantId)).turnover.map((d) => ({ date: d.turnover_date, net_fen: d.net_fen })) : [];
  const done = c.req.query('done');
  const notice = error ? { kind: 'error' as const, text: error } : done && NOTICES[done] ? { kind: 'ok' as const, text: NOTICES[done] } : null;
  return (
    <Layout title="My Easy Loan" principal={principal} path={`/merchants/${merchantId}`} notice={notice}>
      {line?.notice ? <NoticeSection notice={line.notice} /> : null}
      {line ? <LineSection merchantId={merchantId} line={line} offer={offer} /> : null}
      {history ? <HistorySection merchantId={merchantId} history={history.transactions} next={history.next} paged={older !== undefined} /> : null}
      <OfferSection merchantId={merchantId} offer={offer} line={line} />
      {sales.length > 0 ? (
        <section class="card" id="sales" aria-labelledby="sales-title">
          <h2 id="sales-title">Your sales with us</h2>
          <TurnoverChart days={sales} grain="weekly" />
          <p class="muted">{`Weekly sales paid through our QR codes in the year before ${offer!.as_of_date}, which your offer is based on; shaded weeks hold a public holiday.`}</p>
        </section>
      ) : null}
    </Layout>
  );
}

function OfferSection({ merchantId, offer, line }: { merchantId: string; offer: MerchantOffer | null; line: LineView | null }) {
  if (!offer) return <section class="card" id="offer"><h2>Your offer</h2><p>We have not assessed your business yet. Check back after your next month of trading with us.</p></section>;
  return (
    <section class="card" id="offer" aria-labelledby="offer-title">
      <h2 id="offer-title">Your offer</h2>
      {offer.outcome === 'offer' ? (
        <dl class="figures">
          <div><dt>Credit line</dt><dd id="offer-line">{rmb(offer.line_fen)}</dd></div>
          <div><dt>Yearly rate</dt><dd>{percent(offer.annual_rate)}</dd></div>
          <div><dt>Valid until</dt><dd>{offer.expires_on ?? '—'}</dd></div>
          <div><dt>Status</dt><dd><Badge value={offer.status} /></dd></div>
        </dl>
      ) : null}
      <p id="offer-explanation">{offer.explanation}</p>
      {offer.reasons.length > 0 ? (
        <>
          <h3>What weighed most</h3>
          <ul id="offer-reasons">{offer.reasons.map((r) => <li>{r}</li>)}</ul>
        </>
      ) : null}
      {offer.outcome === 'offer' && offer.instalment_options.length > 0 ? (
        <table id="instalments">
          <caption>Monthly repayment if you draw the whole line</caption>
          <thead><tr><th scope="col">Instalments</th><th scope="col" class="num">Each month</th></tr></thead>
          <tbody>{offer.instalment_options.map((o) => <tr><td>{o.instalments}</td><td class="num">{rmb(o.monthly_repayment_fen)}</td></tr>)}</tbody>
        </table>
      ) : null}
      {offer.outcome === 'offer' && !line && offer.status !== 'rejected' ? (
        <form method="post" action={`/merchants/${merchantId}/accept`}>
          {offer.repayment_modes.length > 1 ? (
            <fieldset>
              <legend>How you repay</legend>
              {offer.repayment_modes.map((mode, i) => (
                <label class="choice">
                  <input type="radio" name="repayment" value={mode} checked={i === 0} />
                  {mode === 'holdback' ? `from your sales: ${percent(offer.holdback_share, 0)} of each day's settled sales` : 'in monthly instalments'}
                </label>
              ))}
            </fieldset>
          ) : null}
          <p><button type="submit">Accept this offer</button></p>
        </form>
      ) : null}
      {offer.outcome === 'offer' && line?.status === 'open' && offer.status !== 'rejected' && offer.status !== 'accepted' ? (
        <form method="post" action={`/merchants/${merchantId}/accept`} id="accept-on-line">
          <p>You have a line open. Accepting this offer keeps it and what you owe on it, and gives it this offer's limit and yearly rate.</p>
          <p><button type="submit">Accept this offer on your line</button></p>
        </form>
      ) : null}
      {offer.status === 'rejected' ? <p class="muted">A credit officer has reviewed this offer and cannot confirm it at the moment.</p> : null}
    </section>
  );
}

/** Monitoring's action in force on the line, as the merchant is told it: what, since when, why, what to do. */
function NoticeSection({ notice }: { notice: MonitoringNotice }) {
  return (
    <section class="card" id="line-notice" data-action={notice.action} aria-labelledby="line-notice-title">
      <h2 id="line-notice-title">{`About your line, since ${notice.since}`}</h2>
      <p id="line-notice-message">{notice.message}</p>
      <h3>What you can do</h3>
      <p id="line-notice-todo">{notice.what_you_can_do}</p>
    </section>
  );
}

function LineSection({ merchantId, line, offer }: { merchantId: string; line: LineView; offer: MerchantOffer | null }) {
  const instalments = offer?.instalment_options.map((o) => o.instalments) ?? [];
  const choices = instalments.length > 0 ? instalments : [3, 6, 12];
  return (
    <section class="card" id="line" aria-labelledby="line-title">
      <h2 id="line-title">Your line</h2>
      <dl class="figures">
        <div><dt>Limit</dt><dd>{rmb(line.line_fen)}</dd></div>
        <div><dt>Owed</dt><dd id="line-balance">{rmb(line.balance_fen)}</dd></div>
        <div><dt>Interest due</dt><dd id="line-interest">{rmb(line.interest_due_fen)}</dd></div>
        <div><dt>Available</dt><dd id="line-available">{rmb(line.available_fen)}</dd></div>
        <div><dt>Yearly rate</dt><dd>{percent(line.annual_rate)}</dd></div>
      </dl>
      <div class="grid-2">
        {line.status === 'open' ? <DrawForm merchantId={merchantId} line={line} choices={choices} /> : (
          <div>
            <h3 id="draw-title">Draw</h3>
            <p id="draw-paused">{line.status === 'frozen' ? 'Drawing is paused on this line for now.' : 'No new drawing on this line.'}</p>
          </div>
        )}
        <form method="post" action={`/merchants/${merchantId}/repay`} aria-labelledby="repay-title">
          <h3 id="repay-title">Repay</h3>
          <input type="hidden" name="idempotency_key" value={randomUUID()} />
          <label>Amount (RMB)<input name="amount" id="repay-amount" inputmode="decimal" required size={12} /></label>
          <p><button type="submit">Repay</button></p>
        </form>
      </div>
    </section>
  );
}

function DrawForm({ merchantId, line, choices }: { merchantId: string; line: LineView; choices: number[] }) {
  return (
    <form method="post" action={`/merchants/${merchantId}/draw`} aria-labelledby="draw-title">
      <h3 id="draw-title">Draw</h3>
      <input type="hidden" name="idempotency_key" value={randomUUID()} />
      <label>Amount (RMB)<input name="amount" id="draw-amount" inputmode="decimal" required size={12} /></label>
      {line.repayment === 'holdback' ? <p class="muted">Repaid from each day's settled sales (holdback).</p> : (
        <label>
          Repay over
          <select name="instalments" id="draw-instalments">
            {choices.map((n) => <option value={String(n)}>{`${n} months`}</option>)}
          </select>
        </label>
      )}
      <p><button type="submit">Draw</button></p>
    </form>
  );
}

function HistorySection({ merchantId, history, next, paged }: { merchantId: string; history: TransactionView[]; next: string | null; paged: boolean }) {
  return (
    <section class="card" id="history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <p class="muted">Newest first.</p>
      {history.length === 0 ? <p class="muted">No draws or repayments yet.</p> : (
        <table id="history-table">
          <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col" class="num">Amount</th><th scope="col" class="num">Monthly repayment</th><th scope="col" class="num">Owed after</th></tr></thead>
          <tbody>
            {history.map((t) => (
              <tr>
                <td>{t.created_at ?? t.business_date}</td>
                <td>{describeMovement(t)}</td>
                <td class="num">{rmb(t.amount_fen)}</td>
                <td class="num">{rmb(t.monthly_repayment_fen)}</td>
                <td class="num">{rmb(t.balance_after_fen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next || paged ? (
        <nav aria-label="History pages" class="pager">
          {paged ? <a id="history-newest" href={`/merchants/${merchantId}#history`}>Newest</a> : null}
          {next ? <a id="history-older" href={`/merchants/${merchantId}?older=${next}#history`}>Older</a> : null}
        </nav>
      ) : null}
    </section>
  );
}

/** A movement in the merchant's words. */
function describeMovement(t: TransactionView): string {
  if (t.kind === 'draw') return t.instalments === null ? 'draw, repaid from your daily sales' : `draw over ${t.instalments} months`;
  return t.interest_fen > 0 ? `repayment (${rmb(t.interest_fen)} interest)` : 'repayment';
}

/** The accept form's repayment choice: none (the offer's default), or one of the modes. */
export function repaymentOf(body: Record<string, unknown>): RepaymentMode | undefined {
  const value = typeof body.repayment === 'string' ? body.repayment : '';
  if (value === '') return undefined;
  const mode = RepaymentModeSchema.safeParse(value);
  if (!mode.success) throw new ApiProblem(422, 'How you repay: choose monthly instalments or from your sales', { field: 'repayment' });
  return mode.data;
}

/** A draw or repayment form as the ledger's movement; a problem names the form field at fault. */
export function movementOf(kind: 'draw' | 'repayment', body: Record<string, unknown>): Movement {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const amount = rmbToFen(text(body.amount), 'Amount');
  if (amount.error) throw new ApiProblem(422, amount.error, { field: 'amount' });
  if (amount.fen === undefined || amount.fen < 1) throw new ApiProblem(422, 'Amount: enter an amount above zero', { field: 'amount' });
  const key = text(body.idempotency_key);
  if (!/^[0-9a-f-]{36}$/.test(key)) throw new ApiProblem(422, 'the form is out of date: reload the page and try again', { field: 'idempotency_key' });
  let instalments: number | null = null;
  // A holdback line's form has no instalments; the ledger says when a line needs them.
  if (kind === 'draw' && text(body.instalments) !== '') {
    instalments = Number(text(body.instalments));
    if (!Number.isInteger(instalments) || instalments < 2 || instalments > 24) throw new ApiProblem(422, 'Repay over: choose 2 to 24 months', { field: 'instalments' });
  }
  const request = kind === 'draw' && instalments !== null ? { amount_fen: amount.fen, instalments } : { amount_fen: amount.fen };
  return { kind, amount_fen: amount.fen, instalments, idempotencyKey: key, canonicalBody: JSON.stringify(request) };
}
