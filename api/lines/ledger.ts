/**
 * A merchant's Easy Loan line through the API, on the one ledger (line_events): accept the latest
 * offer (the line opens: an `accepted` event), draw and repay (`drawn`, `repaid`), each appended
 * through the ledger's writer (pipelines/lines/append-events.ts) with the server's business date,
 * in the same DuckDB transaction as the offer's status change or the request's idempotency key.
 * The line the API shows is the replay of its events. Writes for one merchant run one at a time
 * in this process, and the writer makes two appends from one state conflict, so no two draws can
 * together pass the line. Every draw and repayment carries the client's Idempotency-Key
 * (line_requests): the same key with the same body returns the first result; with another body
 * it is refused.
 */
import { createHash, randomUUID } from 'node:crypto';
import { DEFAULT_POLICY, interestDueFen, limitOnNewOffer, lineRate, replayLine, type CreditPolicy } from '../../engine/credit/index.ts';
import type { Database } from '../../engine/db/index.ts';
import type { RepaymentMode } from '../../engine/schema/line-event.ts';
import { appendToLine, LineAppendError, type Appended, type LineAppend } from '../../pipelines/lines/append-events.ts';
import { merchantLines, type LineWithEvents } from '../../pipelines/lines/line-events.ts';
import { KeyedMutex } from '../http/keyed-mutex.ts';
import { writeOnce } from '../http/write.ts';
import type { BusinessDate } from '../offers/business-date.ts';
import { LOST_RACE, offerConflict, offerState, type OfferState } from '../offers/offer-state.ts';
import { ApiProblem } from '../http/problem.ts';
import type { OfferIndex } from '../offers/offer-index.ts';
import { changeOfferStatus } from '../../pipelines/offers/index.ts';
import type { LineView, TransactionView } from './schemas.ts';
import { lineView, transactionView } from './views.ts';

export interface Movement {
  kind: 'draw' | 'repayment';
  amount_fen: number;
  instalments: number | null;
  idempotencyKey: string;
  /** The validated request, as canonical JSON, hashed to recognise a replay. */
  canonicalBody: string;
}

export interface MovementResult {
  line: LineView;
  transaction: TransactionView;
  replayed: boolean;
}

/** A line that no longer moves: a new one may open. */
const ENDED = new Set(['closed', 'written_off']);

export class Ledger {
  private readonly locks = new KeyedMutex();

  /** `policy` words the monitoring notice, as the officers' desk words the same events. */
  constructor(private readonly db: Database, private readonly offers: OfferIndex, private readonly today: BusinessDate, private readonly policy: CreditPolicy = DEFAULT_POLICY) {}

  /** The merchant's current line (accepted, not closed or written off), or null. */
  async line(merchantId: string, db: Database = this.db): Promise<LineView | null> {
    const current = await currentLine(db, merchantId);
    return current ? lineView(current, await this.today(), this.policy.monitoring) : null;
  }

  /**
   * A page of the merchant's draws and repayments (every line's, in ledger order), oldest or
   * newest first. The cursor is the last row's place in ledger order, so movements recorded
   * while someone pages newest first land before the first page, never shifting the pages after it.
   */
  async history(merchantId: string, limit: number, cursor: number | null, order: 'asc' | 'desc' = 'asc'): Promise<{ transactions: TransactionView[]; next: string | null }> {
    const rows = await this.db.all<{ event_id: string; seq: number }>(
      `SELECT e.event_id, row_number() OVER (ORDER BY e.business_date, e.event_id) AS seq
       FROM line_events AS e WHERE e.merchant_id = $merchant_id AND e.event_type IN ('drawn', 'repaid')
       QUALIFY CASE WHEN $newest_first THEN $after IS NULL OR seq < $after ELSE seq > coalesce($after, 0) END
       ORDER BY CASE WHEN $newest_first THEN -seq ELSE seq END LIMIT $limit`,
      { merchant_id: merchantId, after: cursor, newest_first: order === 'desc', limit: limit + 1 },
    );
    const page = rows.slice(0, limit);
    const wanted = new Set(page.map((r) => r.event_id));
    const keys = await this.keysOf(merchantId, [...wanted]);
    const events = new Map((await merchantLines(this.db, merchantId)).flatMap((l) => l.events).filter((e) => wanted.has(e.event_id)).map((e) => [e.event_id, e]));
    return {
      transactions: page.map((r) => transactionView(events.get(r.event_id)!, keys.get(r.event_id) ?? null)),
      next: rows.length > limit ? String(page[page.length - 1].seq) : null,
    };
  }

  /**
   * Opens a line at the latest offer's figures: the offer's state is read and changed in one
   * transaction with the line's `accepted` event, so an officer's decision committed first is
   * what counts — a declined offer opens nothing, an adjusted one opens exactly the adjusted
   * line — and a decision racing this one makes one of the two a 409. A merchant whose line is
   * open accepts its next offer on that line: a `limit_changed` event (limitChange below) in the
   * same transaction; a frozen or defaulted line, or one monitoring cut after the offer was sized,
   * takes no new offer (refusalOnLine).
   */
  async accept(merchantId: string, repayment?: RepaymentMode): Promise<LineView> {
    return this.locks.run(merchantId, async () => {
      const today = await this.today();
      const line = await writeOnce(
        this.db,
        async (tx) => {
          const offer = await offerState(tx, merchantId);
          if (!offer) throw new ApiProblem(404, `no offer for ${merchantId}`, { field: 'merchant_id' });
          const refuse = (detail: string) => new ApiProblem(409, detail, { current: { ...offer } });
          if (offer.outcome !== 'offer' || offer.line_fen === null || offer.annual_rate === null) {
            throw refuse('the latest assessment is not an offer: see GET .../offer for why and what would change it');
          }
          if (offer.status === 'rejected') throw refuse('this offer was declined on review by a credit officer');
          if (offer.status === 'accepted') throw refuse('this offer has already been accepted');
          if (offer.expires_on !== null && offer.expires_on < today) throw refuse(`this offer expired on ${offer.expires_on} (today is ${today}); a new one comes with the next offers run`);
          const policy = await this.offers.policies.get(tx, offer.run_id);
          const { modes, holdback_share } = policy.repayment;
          const current = await currentLine(tx, merchantId);
          const refusal = current ? refusalOnLine(current, offer) : null;
          if (refusal) throw refuse(refusal);
          const mode = repayment ?? (current ? lineRepayment(current) : modes[0]);
          if (current && mode !== lineRepayment(current)) {
            throw new ApiProblem(422, `your open line ${current.state.line_id} is repaid by ${lineRepayment(current)}; a new offer changes its limit, not how it is repaid`, { field: 'repayment' });
          }
          if (!current && !modes.includes(mode)) throw new ApiProblem(422, `this offer is repaid by ${modes.join(' or ')}, not ${mode}`, { field: 'repayment' });
          const changed = await changeOfferStatus(tx, { merchant_id: merchantId, as_of_date: offer.as_of_date, from: offer.status, to: 'accepted' });
          if (!changed) throw refuse(LOST_RACE);
          if (current) {
            const after = await append(tx, limitChange(current, offer, policy.line.existing_balance, today));
            return lineView({ state: after.state, events: [...current.events, ...after.events] }, today, this.policy.monitoring);
          }
          const opened = await append(tx, {
            line_id: `L${randomUUID().replaceAll('-', '').slice(0, 20)}`,
            merchant_id: merchantId,
            business_date: today,
            source: 'api',
            events: [{
              event_type: 'accepted', amount_fen: offer.line_fen, annual_rate: offer.annual_rate, repayment: mode,
              reason: `offer of ${offer.as_of_date}${mode === 'holdback' ? `; holdback ${holdback_share} of each day's settled turnover` : ''}`,
            }],
          });
          return lineView(opened, today, this.policy.monitoring);
        },
        () => offerConflict(this.db, merchantId, LOST_RACE),
      );
      await this.offers.refresh(this.db, merchantId);
      return line;
    });
  }

  async move(merchantId: string, movement: Movement): Promise<MovementResult> {
    const requestHash = createHash('sha256').update(`${movement.kind}\n${movement.canonicalBody}`).digest('hex');
    return this.locks.run(merchantId, async () => {
      const earlier = await this.db.one<{ request_hash: string; event_id: string }>(
        'SELECT request_hash, event_id FROM line_requests WHERE merchant_id = $merchant_id AND idempotency_key = $key',
        { merchant_id: merchantId, key: movement.idempotencyKey },
      );
      if (earlier) {
        if (earlier.request_hash !== requestHash) {
          throw new ApiProblem(422, 'this Idempotency-Key was used for a different request; use a new key for a new draw or repayment', { field: 'Idempotency-Key' });
        }
        return { ...(await this.asItWas(merchantId, earlier.event_id, movement.idempotencyKey)), replayed: true };
      }
      return writeOnce(this.db, async (tx) => {
        const today = await this.today();
        const line = await currentLine(tx, merchantId);
        if (!line) throw new ApiProblem(409, 'no open line: accept your offer first (POST .../offer/accept)');
        const { state } = line;
        let event: LineAppend['events'][number];
        if (movement.kind === 'draw') {
          if (state.status !== 'open') throw new ApiProblem(409, `the line is ${state.status}: no draws until it is open again`);
          if (movement.amount_fen > state.available_fen) {
            throw new ApiProblem(409, `a draw of ${movement.amount_fen} fen would pass the line: ${state.available_fen} fen is available`, { field: 'amount_fen' });
          }
          const mode = lineRepayment(line);
          if (mode === 'instalments' && movement.instalments === null) throw new ApiProblem(422, 'instalments: required on a line repaid in instalments (2 to 24)', { field: 'instalments' });
          if (mode === 'holdback' && movement.instalments !== null) {
            throw new ApiProblem(422, "instalments: a holdback line is repaid from each day's settled sales, not in instalments; leave it out", { field: 'instalments' });
          }
          event = { event_type: 'drawn', amount_fen: movement.amount_fen, instalments: movement.instalments, annual_rate: lineRate(line.events), repayment: mode };
        } else {
          const interest = interestDueFen(line.events, today);
          const owed = state.balance_fen + interest;
          if (movement.amount_fen > owed) {
            throw new ApiProblem(422, `a repayment of ${movement.amount_fen} fen is more than the ${owed} fen owed (${state.balance_fen} principal, ${interest} interest)`, { field: 'amount_fen' });
          }
          // Interest accrued is paid first, then principal.
          event = { event_type: 'repaid', amount_fen: movement.amount_fen, interest_fen: Math.min(movement.amount_fen, interest) };
        }
        const appended = await append(tx, { line_id: state.line_id, merchant_id: merchantId, business_date: today, source: 'api', events: [event] });
        await tx.run('INSERT INTO line_requests VALUES ($merchant_id, $key, $hash, $event_id)', {
          merchant_id: merchantId, key: movement.idempotencyKey, hash: requestHash, event_id: appended.events[0].event_id,
        });
        const after: LineWithEvents = { state: appended.state, events: [...line.events, ...appended.events] };
        return { line: lineView(after, today, this.policy.monitoring), transaction: transactionView(appended.events[0], movement.idempotencyKey), replayed: false };
      }, () => new ApiProblem(409, 'the line changed at the same moment (another draw or repayment); retry with the same Idempotency-Key'));
    });
  }

  /** A movement's first result as it was: the line replayed up to its event, as of its business date. */
  private async asItWas(merchantId: string, eventId: string, key: string): Promise<Omit<MovementResult, 'replayed'>> {
    for (const line of await merchantLines(this.db, merchantId)) {
      const at = line.events.findIndex((e) => e.event_id === eventId);
      if (at < 0) continue;
      const events = line.events.slice(0, at + 1);
      return { line: lineView({ state: replayLine(events), events }, events[at].business_date, this.policy.monitoring), transaction: transactionView(events[at], key) };
    }
    throw new Error(`line_requests names event ${eventId}, which is not in ${merchantId}'s ledger`);
  }

  private async keysOf(merchantId: string, eventIds: string[]): Promise<Map<string, string>> {
    if (eventIds.length === 0) return new Map();
    const rows = await this.db.all<{ event_id: string; idempotency_key: string }>(
      'SELECT event_id, idempotency_key FROM line_requests WHERE merchant_id = $merchant_id AND list_contains($ids, event_id)',
      { merchant_id: merchantId, ids: eventIds },
    );
    return new Map(rows.map((r) => [r.event_id, r.idempotency_key]));
  }
}

/**
 * The open line's `limit_changed` event when its merchant accepts `offer`: the limit by
 * limitOnNewOffer (engine/credit/limit-change.ts: balance the offer was sized against + its line
 * when the policy deducts the balance; its line, never below the balance, when it ignores it),
 * and the new offer's rate, which from today applies to the whole line (engine/credit/line-interest.ts):
 * the offer priced today's risk with the balance in its exposure, so new draws — and the balance
 * carried — are honestly at that price, not at the price of an older, different merchant.
 */
function limitChange(current: LineWithEvents, offer: OfferState, existingBalance: CreditPolicy['line']['existing_balance'], today: string): LineAppend {
  const { state } = current;
  const limit = limitOnNewOffer({ line_fen: offer.line_fen!, balance_fen: offer.balance_fen }, state.balance_fen, existingBalance);
  const rule = existingBalance === 'deducted'
    ? `balance the offer saw ${offer.balance_fen} fen + its line ${offer.line_fen} fen`
    : `the offer's line ${offer.line_fen} fen`;
  return {
    line_id: state.line_id, merchant_id: state.merchant_id, business_date: today, source: 'api',
    events: [{
      event_type: 'limit_changed', amount_fen: limit, annual_rate: offer.annual_rate, repayment: lineRepayment(current),
      reason: `offer of ${offer.as_of_date} accepted: limit ${state.limit_fen} → ${limit} fen (${rule}, never below the ${state.balance_fen} fen owed; line.existing_balance = ${existingBalance})`,
    }],
  };
}

/**
 * Why an open line cannot take `offer`, or null: a frozen or defaulted line takes no new offer;
 * nor does a line monitoring cut on or after the offer's as-of date, since the offer was sized
 * without knowing of the cut (the next offers run does).
 */
function refusalOnLine({ state, events }: LineWithEvents, offer: OfferState): string | null {
  if (state.status !== 'open') {
    const why = events.findLast((e) => e.event_type === state.status)?.reason;
    return `your line ${state.line_id} is ${state.status}${why ? ` (${why})` : ''}: it takes no new offer, and a new line opens only once it is closed`;
  }
  const cut = events.findLast((e, i) => e.source === 'monitoring' && e.event_type === 'limit_changed' && i > 0 && e.limit_fen < events[i - 1].limit_fen);
  if (cut && cut.business_date >= offer.as_of_date) {
    return `monitoring reduced your line ${state.line_id} on ${cut.business_date}${cut.reason ? ` (${cut.reason})` : ''}, after this offer was sized as of ${offer.as_of_date}; the next offer takes it into account`;
  }
  return null;
}

/** How the line is repaid: as it was accepted. */
function lineRepayment(line: LineWithEvents): RepaymentMode {
  return line.events.find((e) => e.event_type === 'accepted')?.repayment ?? 'instalments';
}

/** The merchant's newest accepted line that has not ended, with its events; null when none. */
async function currentLine(db: Database, merchantId: string): Promise<LineWithEvents | null> {
  const lines = await merchantLines(db, merchantId);
  return lines.findLast((l) => !ENDED.has(l.state.status) && l.events.some((e) => e.event_type === 'accepted')) ?? null;
}

/** Appends through the ledger's writer; an append it refuses (dated before the line's last event) is a 409. */
async function append(tx: Database, request: LineAppend): Promise<Appended> {
  try {
    return await appendToLine(tx, request);
  } catch (error) {
    if (error instanceof LineAppendError) throw new ApiProblem(409, error.message);
    throw error;
  }
}
