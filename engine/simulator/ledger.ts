/**
 * The Easy Loan book under the bank's legacy policy: lines offered to merchants that look
 * eligible, drawn in instalment loans (2–24 instalments), repaid from turnover by auto-debit
 * every 30 days, missed when the merchant's hidden health fails it, and defaulted at 90 days
 * past due. A merchant that closes voluntarily pays its line off; one that fails stops paying.
 */
import { addDays } from '../calendar/days.ts';
import { CLOSED, DISTRESSED, FAILED, HEALTHY, STRESSED } from './health.ts';
import { expectedDailyFen, merchantId, type Network } from './network.ts';
import { Random } from './random.ts';

/** The legacy policy that built the book the models learn from (not the policy of engine/credit). */
export const LEGACY_POLICY = {
  /** Share of eligible merchants the bank's campaigns reach each month, and who take the line. */
  monthlyReach: 0.03,
  takeUp: 0.45,
  minTenureDays: 180,
  /** ICBC's Easy Loan asks for more than RMB 300,000 a year of card-terminal sales. */
  minAnnualTurnoverFen: 30_000_000,
  /** Share of merchants in each hidden state that the bank's checks let through. */
  passByState: [1, 0.4, 0.05],
  /** Line = share of expected annual turnover (Square offers under 20%), rounded to RMB 1,000. */
  lineShareOfTurnover: 0.15,
  minLineFen: 1_000_000,
  maxLineFen: 100_000_000,
  annualRateByKyc: [0.085, 0.11],
  instalmentChoices: [3, 6, 6, 12, 12, 12, 24],
  /** Chance a merchant in each state pays an instalment when due. */
  payByState: [0.995, 0.93, 0.6],
  monthlyDrawChance: 0.3,
};

export interface LedgerColumns {
  event_id: string[];
  line_id: string[];
  merchant_id: string[];
  event_day: number[];
  event_type: string[];
  amount_fen: number[];
  line_fen: number[];
  balance_fen: number[];
  dpd: number[];
  instalments: (number | null)[];
  annual_rate: (number | null)[];
}

interface Draw {
  remaining: number;
  instalmentsLeft: number;
}

export function simulateLedger(net: Network, policy = LEGACY_POLICY): LedgerColumns {
  const out: LedgerColumns = {
    event_id: [], line_id: [], merchant_id: [], event_day: [], event_type: [], amount_fen: [],
    line_fen: [], balance_fen: [], dpd: [], instalments: [], annual_rate: [],
  };
  const M = net.months.length;
  for (let i = 0; i < net.size; i++) {
    if (net.kycTier[i] === 2) continue; // KYC tier C merchants are outside the legacy programme
    const rng = new Random(net.seed, 0x200000 + i);
    for (let m = 0; m < M; m++) {
      const decisionDay = net.months[m].monthEndDay;
      if (decisionDay >= net.days || decisionDay >= net.endDay[i]) break;
      if (decisionDay - net.onboardDay[i] < policy.minTenureDays) continue;
      const annualFen = expectedDailyFen(net, i, m) * 365;
      const state = net.state[i * M + m];
      if (annualFen < policy.minAnnualTurnoverFen || state > DISTRESSED) continue;
      if (rng.next() >= policy.monthlyReach || rng.next() >= policy.takeUp) continue;
      if (rng.next() >= policy.passByState[state]) continue;
      const openDay = decisionDay + 1 + rng.int(10);
      if (openDay >= net.days || openDay >= net.endDay[i]) break;
      const lineFen = Math.min(policy.maxLineFen, Math.max(policy.minLineFen, Math.round((annualFen * policy.lineShareOfTurnover) / 100_000) * 100_000));
      const rate = policy.annualRateByKyc[net.kycTier[i]] + (state === HEALTHY ? 0 : 0.03);
      runLine(net, i, openDay, lineFen, rate, rng, policy, out);
      break;
    }
  }
  return out;
}

function runLine(net: Network, i: number, openDay: number, lineFen: number, rate: number, rng: Random, policy: typeof LEGACY_POLICY, out: LedgerColumns): void {
  const M = net.months.length;
  const lineId = `L${String(i + 1).padStart(8, '0')}`;
  const mid = merchantId(i);
  let seq = 0;
  let balance = 0;
  const draws: Draw[] = [];
  const emit = (day: number, type: string, amount: number, dpd: number, instalments: number | null = null, annualRate: number | null = null) => {
    seq++;
    out.event_id.push(`${lineId}-${String(seq).padStart(4, '0')}`);
    out.line_id.push(lineId);
    out.merchant_id.push(mid);
    out.event_day.push(day);
    out.event_type.push(type);
    out.amount_fen.push(Math.round(amount));
    out.line_fen.push(lineFen);
    out.balance_fen.push(Math.round(balance));
    out.dpd.push(dpd);
    out.instalments.push(instalments);
    out.annual_rate.push(annualRate);
  };
  const monthOf = (day: number) => {
    let m = 0;
    while (m < M - 1 && net.months[m].lastDay < day) m++;
    return m;
  };
  const draw = (day: number, share: number) => {
    const amount = Math.floor(((lineFen - balance) * share) / 100) * 100;
    if (amount < 10_000) return;
    const instalments = policy.instalmentChoices[rng.int(policy.instalmentChoices.length)];
    balance += amount;
    draws.push({ remaining: amount, instalmentsLeft: instalments });
    emit(day, 'draw', amount, 0, instalments, Number(rate.toFixed(4)));
  };

  emit(openDay, 'line_opened', 0, 0);
  if (rng.next() < 0.85) draw(openDay, 0.4 + 0.5 * rng.next());
  let arrears = 0;
  let cyclesMissed = 0;
  let firstMissed = -1;
  for (let cycle = 1; ; cycle++) {
    const due = openDay + 30 * cycle;
    // A voluntary closure inside this cycle: the line is paid off and closed.
    if (net.endKind[i] === CLOSED && net.endDay[i] < due) {
      if (net.endDay[i] < net.days) {
        const payoff = balance + arrears;
        balance = 0;
        if (payoff > 0) emit(net.endDay[i], 'repayment', payoff, 0);
        emit(net.endDay[i], 'line_closed', 0, 0);
      }
      return;
    }
    if (firstMissed >= 0 && firstMissed + 90 <= Math.min(due, net.days - 1)) {
      emit(firstMissed + 90, 'default', 0, 90);
      return;
    }
    if (due >= net.days) return;
    const failed = net.endKind[i] === FAILED && net.endDay[i] <= due;
    const state = failed ? FAILED : net.state[i * M + monthOf(due)];
    let principalDue = 0;
    for (const d of draws) if (d.remaining > 0) principalDue += d.remaining / d.instalmentsLeft;
    const interest = (balance * rate) / 12;
    const amountDue = principalDue + interest;
    if (amountDue + arrears >= 1) {
      const pays = state <= DISTRESSED && rng.next() < policy.payByState[state];
      if (pays) {
        const cycles = cyclesMissed + 1;
        for (const d of draws) {
          if (d.remaining <= 0) continue;
          const paid = Math.min(d.remaining, (d.remaining / d.instalmentsLeft) * cycles);
          d.remaining -= paid;
          d.instalmentsLeft = Math.max(1, d.instalmentsLeft - cycles);
          balance -= paid;
        }
        if (balance < 1) balance = 0;
        emit(due, 'repayment', amountDue + arrears, 0);
        arrears = 0;
        cyclesMissed = 0;
        firstMissed = -1;
      } else {
        if (firstMissed < 0) firstMissed = due;
        arrears += amountDue;
        cyclesMissed++;
        emit(due + 1 < net.days ? due + 1 : due, 'missed_payment', amountDue, due + 1 - firstMissed);
      }
    }
    // Between due dates a merchant in good standing may draw again on what it has repaid.
    const drawDay = due + 1 + rng.int(29);
    const usable = state === HEALTHY || state === STRESSED;
    if (firstMissed < 0 && usable && drawDay < net.days && drawDay < net.endDay[i] && balance < lineFen * 0.8 && rng.next() < policy.monthlyDrawChance) {
      draw(drawDay, 0.3 + 0.6 * rng.next());
    }
  }
}

/** Converts ledger day indexes to dates for writing. */
export function ledgerDates(net: Network, ledger: LedgerColumns): string[] {
  return ledger.event_day.map((day) => addDays(net.start, day));
}
