/**
 * A small, seeded lake for tests, generated in TypeScript without the simulator: merchants that
 * open, trade with a weekly rhythm, refund, get declined, draw on Easy Loan lines, fall behind,
 * default and close. At settlement grain the same payments are summed per merchant and day, so
 * both grains of one seed describe the same trading.
 */
import {
  DeclineReasonSchema,
  SEGMENTS,
  segmentClass,
  type LineEvent,
  type Merchant,
  type Payment,
  type Segment,
  type Settlement,
  type TruthMerchant,
  type TruthMonth,
} from '../../engine/schema/index.ts';
import { addDays, daysBetween } from '../../engine/calendar/days.ts';
import type { LakeRows } from './write-lake.ts';

export interface SmallLakeOptions {
  merchants: number;
  days: number;
  /** First day, 'YYYY-MM-DD'. */
  start: string;
  seed: number;
  grain: 'payment' | 'settlement';
}

const TICKET_FEN: Record<Segment, number> = {
  hotel: 45_000,
  supermarket: 11_000,
  department_store: 55_000,
  convenience_store: 2_700,
  gas_station: 27_000,
  cafe: 3_200,
  fast_food: 4_000,
};

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function smallLake(options: SmallLakeOptions): Required<LakeRows> {
  const random = rng(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const end = addDays(options.start, options.days - 1);
  const merchants: Merchant[] = [];
  const payments: Payment[] = [];
  const lineEvents: LineEvent[] = [];
  const truthMerchants: TruthMerchant[] = [];
  const truthMonths: TruthMonth[] = [];
  const reasons = DeclineReasonSchema.options;

  for (let m = 1; m <= options.merchants; m++) {
    const merchantId = `M${String(m).padStart(8, '0')}`;
    const segment = pick(SEGMENTS);
    const onboarded = random() < 0.75 ? addDays(options.start, -Math.floor(random() * 400)) : addDays(options.start, Math.floor(random() * options.days * 0.6));
    const closes = random() < 0.2;
    const lastPossible = daysBetween(onboarded, end);
    const closedDate = closes && lastPossible > 40 ? addDays(onboarded, 30 + Math.floor(random() * (lastPossible - 30))) : null;
    merchants.push({
      merchant_id: merchantId,
      segment,
      segment_class: segmentClass(segment),
      city_tier: 1 + Math.floor(random() * 4),
      kyc_tier: pick(['A', 'B', 'C'] as const),
      onboarded_date: onboarded,
      status: closedDate ? 'closed' : 'active',
      closed_date: closedDate,
    });
    const size = 0.4 + random() * 2;
    const frailty = 0.2 + random() * 2;
    truthMerchants.push({ merchant_id: merchantId, frailty, size_factor: size, failed_date: null, closed_date: closedDate });

    const firstDay = onboarded > options.start ? onboarded : options.start;
    const lastDay = closedDate && closedDate <= end ? addDays(closedDate, -1) : end;
    let seq = 0;
    for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (random() < 0.12) continue;
      const mean = 3 * size * (weekday === 0 || weekday === 6 ? 1.4 : 1);
      const n = Math.max(1, Math.round(mean * (0.5 + random())));
      const todays: Payment[] = [];
      for (let k = 0; k < n; k++) {
        const declined = random() < 0.04;
        const amount = Math.max(100, Math.round(TICKET_FEN[segment] * (0.5 + random())));
        const hour = 7 + Math.floor(random() * 14);
        const payment: Payment = {
          payment_id: `P${day.replace(/-/g, '')}${merchantId.slice(1)}${String(seq++).padStart(5, '0')}`,
          paid_at: `${day} ${String(hour).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}`,
          payment_date: day,
          merchant_id: merchantId,
          customer_id: `C${m}-${Math.floor(random() * 25)}`,
          payment_token: `T${Math.floor(random() * 1e12).toString(16).padStart(10, '0')}`,
          kind: 'payment',
          refund_of_payment_id: null,
          amount_fen: amount,
          channel: pick(['offline', 'offline', 'offline', 'online', 'o2o'] as const),
          qr_mode: pick(['customer_scans_merchant', 'merchant_scans_customer'] as const),
          code_type: pick(['static', 'dynamic'] as const),
          issuer: pick(['own', 'other', 'other', 'overseas'] as const),
          status: declined ? 'declined' : 'approved',
          decline_reason: declined ? pick(reasons) : null,
          is_verified: amount > 50_000,
          is_flagged: random() < 0.01,
        };
        todays.push(payment);
        if (!declined && random() < 0.03) {
          todays.push({
            ...payment,
            payment_id: `${payment.payment_id}R`,
            payment_token: `R${payment.payment_token}`,
            kind: 'refund',
            refund_of_payment_id: payment.payment_id,
            amount_fen: Math.max(1, Math.round(payment.amount_fen * (random() < 0.5 ? 1 : 0.5))),
            paid_at: payment.paid_at.replace(/ \d\d:/, ' 22:'),
          });
        }
      }
      payments.push(...todays);
    }

    // Easy Loan: some merchants get a line; frail ones fall behind and default.
    const lineDay = addDays(onboarded > options.start ? onboarded : options.start, 60 + Math.floor(random() * 60));
    if (random() < 0.45 && lineDay < lastDay) {
      const lineId = `L${merchantId.slice(1)}`;
      const line = 1_000_000 * Math.round(1 + size * 5);
      let balance = 0;
      let seqE = 0;
      // Each event states the line's limit, balance and days past due after it, as its replay does.
      const event = (date: string, type: LineEvent['event_type'], amount: number, dpd: number, extra: Partial<LineEvent> = {}) => {
        lineEvents.push({
          event_id: `E${lineId.slice(1)}-${String(seqE++).padStart(4, '0')}`,
          line_id: lineId,
          merchant_id: merchantId,
          business_date: date,
          event_type: type,
          amount_fen: amount,
          interest_fen: 0,
          limit_fen: line,
          balance_fen: balance,
          dpd,
          instalments: null,
          annual_rate: null,
          repayment: null,
          source: 'legacy_book',
          reason: null,
          recorded_at: null,
          ...extra,
        });
      };
      event(lineDay, 'offered', line, 0);
      event(lineDay, 'accepted', line, 0, { annual_rate: 0.08, repayment: 'instalments' });
      const defaults = frailty > 1.6;
      let day = lineDay;
      for (let month = 0; day < lastDay; month++) {
        day = addDays(day, 30);
        if (day > lastDay) break;
        if (month % 3 === 0) {
          const amount = Math.round(line * 0.3);
          balance += amount;
          event(day, 'drawn', amount, 0, { instalments: 6, annual_rate: 0.08, repayment: 'instalments' });
        } else if (defaults && month > 3) {
          event(day, 'missed', Math.round(line * 0.1), 30);
          const d60 = addDays(day, 30);
          const d90 = addDays(day, 60);
          if (d60 <= end) event(d60, 'past_due', 0, 60);
          if (d90 <= end) event(d90, 'defaulted', 0, 90);
          break;
        } else if (balance > 0) {
          const interest = Math.round((balance * 0.08) / 12);
          const principal = Math.min(balance, Math.round(line * 0.1));
          balance -= principal;
          event(day, 'repaid', principal + interest, 0, { interest_fen: interest });
        }
      }
    }
    for (let month = 0; month * 30 < options.days; month++) {
      const d = new Date(`${addDays(options.start, month * 30 + 29)}T00:00:00Z`);
      const monthEnd = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
      if (monthEnd > end || truthMonths.some((t) => t.merchant_id === merchantId && t.month_end_date === monthEnd)) continue;
      truthMonths.push({ merchant_id: merchantId, month_end_date: monthEnd, health_state: 'healthy', pd_12m: Math.min(1, 0.01 * frailty) });
    }
  }

  const settlements = options.grain === 'settlement' ? settle(payments) : [];
  return {
    merchants,
    payments: options.grain === 'payment' ? payments : [],
    settlements,
    line_events: lineEvents,
    outcomes: [], // the ledger says who defaulted
    truth_months: truthMonths,
    truth_merchants: truthMerchants,
  };
}

/** Payments summed per merchant and day, the way a settlement system reports them. */
export function settle(payments: Payment[]): Settlement[] {
  const days = new Map<string, { row: Settlement; customers: Set<string> }>();
  for (const p of payments) {
    const key = `${p.merchant_id}|${p.payment_date}`;
    let entry = days.get(key);
    if (!entry) {
      entry = {
        customers: new Set(),
        row: {
          settlement_date: p.payment_date, merchant_id: p.merchant_id, n_payments: 0, gross_fen: 0, n_refunds: 0, refund_fen: 0,
          n_declined: 0, declined_fen: 0, n_customers: 0, n_flagged: 0, offline_fen: 0, online_fen: 0, o2o_fen: 0,
          customer_scans_merchant_fen: 0, merchant_scans_customer_fen: 0, own_bank_fen: 0, other_bank_fen: 0, overseas_fen: 0,
        },
      };
      days.set(key, entry);
    }
    const r = entry.row;
    if (p.is_flagged) r.n_flagged++;
    if (p.status === 'declined') {
      r.n_declined++;
      r.declined_fen += p.amount_fen;
    } else if (p.kind === 'refund') {
      r.n_refunds++;
      r.refund_fen += p.amount_fen;
    } else {
      r.n_payments++;
      r.gross_fen += p.amount_fen;
      entry.customers.add(p.customer_id);
      r[`${p.channel}_fen`] += p.amount_fen;
      r[`${p.qr_mode}_fen`] += p.amount_fen;
      r[p.issuer === 'own' ? 'own_bank_fen' : p.issuer === 'other' ? 'other_bank_fen' : 'overseas_fen'] += p.amount_fen;
    }
    r.n_customers = entry.customers.size;
  }
  return [...days.values()].map((entry) => entry.row);
}
