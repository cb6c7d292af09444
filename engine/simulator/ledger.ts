/**
 * The Easy Loan book under the bank's legacy policy, written as ledger events
 * (engine/schema/line-event.ts): lines offered to merchants that look eligible and accepted,
 * drawn, and repaid in one of two modes, the same merchants and draws either way:
 *   instalments  each draw in 2–24 instalments; an instalment due every 30 days and repaid by
 *                auto-debit, or missed when the merchant's hidden health fails it;
 *   holdback     a share of each day's settled turnover (the credit policy's
 *                repayment.holdback_share) held back and swept every 30 days; a period whose
 *                holdback falls short of the least due (repayment.holdback_min_share_30d of the
 *                most owed since the line was last clear, and the interest) is missed by the
 *                shortfall.
 * Either way a line falls past due at 30 and 60 days, defaults at 90 and is written off at 180.
 * A merchant that closes voluntarily pays its line off and the line closes; one that fails stops
 * paying (and trading, so a holdback collects nothing).
 */
import { DEFAULT_POLICY } from '../credit/policy.ts';
import type { RepaymentMode } from '../schema/line-event.ts';
import { emptyLineBook, lineWriter, type LineBookColumns } from './line-book.ts';
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

export type LedgerColumns = LineBookColumns;

/** Days past due at which the book reports a line past due, defaults it and writes it off. */
export const PAST_DUE_DPD = [30, 60] as const;
export const DEFAULT_DPD = 90;
export const WRITE_OFF_DPD = 180;

export interface LedgerOptions {
  /** How every line of the book is repaid (default instalments). */
  repayment?: RepaymentMode;
  policy?: typeof LEGACY_POLICY;
  /** The holdback terms (default: the credit policy's). */
  holdback?: Pick<typeof DEFAULT_POLICY.repayment, 'holdback_share' | 'holdback_min_share_30d'>;
}

interface Draw {
  /** Principal not yet repaid, whole fen. */
  remaining: number;
  instalmentsLeft: number;
}

export function simulateLedger(net: Network, options: LedgerOptions = {}): LedgerColumns {
  const policy = options.policy ?? LEGACY_POLICY;
  const out = emptyLineBook();
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
      const terms = { offerDay: decisionDay, openDay, lineFen, rate: Number(rate.toFixed(4)) };
      runLine(net, i, terms, { repayment: options.repayment ?? 'instalments', policy, holdback: options.holdback ?? DEFAULT_POLICY.repayment }, out);
      break;
    }
  }
  return out;
}

interface LineTerms {
  offerDay: number;
  openDay: number;
  lineFen: number;
  rate: number;
}

/** The principal `cycles` instalments of a draw repay (all that is left at its last instalment). */
function principalOf(draw: Draw, cycles: number): number {
  if (draw.remaining <= 0) return 0;
  if (cycles >= draw.instalmentsLeft) return draw.remaining;
  return Math.min(draw.remaining, Math.round((draw.remaining * cycles) / draw.instalmentsLeft));
}

/**
 * The merchant's expected settled turnover over days [from, to): its model's daily turnover
 * (health, growth, closed days) without the day-to-day noise the lake's rows carry; none once it
 * stops trading.
 */
export function expectedTurnoverFen(net: Network, i: number, from: number, to: number): number {
  const M = net.months.length;
  const end = Math.min(to, net.endDay[i], net.days);
  let total = 0;
  for (let m = 0; m < M; m++) {
    const days = Math.min(end, net.months[m].lastDay + 1) - Math.max(from, net.months[m].firstDay);
    if (days > 0) total += days * expectedDailyFen(net, i, m) * (1 - net.gapProbability[i * M + m]);
  }
  return Math.round(total);
}

function runLine(net: Network, i: number, terms: LineTerms, book: Required<LedgerOptions>, out: LedgerColumns): void {
  const M = net.months.length;
  const { offerDay, openDay, lineFen, rate } = terms;
  const { policy, repayment, holdback } = book;
  const write = lineWriter(out, `L${String(i + 1).padStart(8, '0')}`, merchantId(i));
  // Draws and payment decisions have streams of their own, so both modes draw alike.
  const draws = new Random(net.seed, 0x300000 + i);
  const payments = new Random(net.seed, 0x400000 + i);
  let balance = 0;
  /**
   * The highest balance since the balance was last zero: a holdback line's least due is a share of
   * it (Square's, of the loan; on a revolving line, of the most owed since it was last clear).
   */
  let peakBalance = 0;
  const loans: Draw[] = [];
  const at = (dpd: number) => ({ limit: lineFen, balance, dpd });
  const monthOf = (day: number) => {
    let m = 0;
    while (m < M - 1 && net.months[m].lastDay < day) m++;
    return m;
  };
  const draw = (day: number, share: number, instalments: number) => {
    const amount = Math.floor(((lineFen - balance) * share) / 100) * 100;
    if (amount < 10_000) return;
    balance += amount;
    peakBalance = Math.max(peakBalance, balance);
    if (repayment === 'instalments') {
      loans.push({ remaining: amount, instalmentsLeft: instalments });
      write(day, 'drawn', { amount, ...at(0), instalments, rate, repayment });
    } else {
      write(day, 'drawn', { amount, ...at(0), rate, repayment });
    }
  };
  const pick = () => policy.instalmentChoices[draws.int(policy.instalmentChoices.length)];

  write(offerDay, 'offered', { amount: lineFen, ...at(0) });
  write(openDay, 'accepted', { amount: lineFen, ...at(0), rate, repayment });
  const drawsAtOpen = draws.next() < 0.85;
  const openShare = 0.4 + 0.5 * draws.next();
  const openInstalments = pick();
  if (drawsAtOpen) draw(openDay, openShare, openInstalments);
  let arrearsInterest = 0;
  let arrears = 0;
  let cyclesMissed = 0;
  let firstMissed = -1;
  let lastDay = openDay;
  const missed = (due: number, amount: number) => {
    if (firstMissed < 0) firstMissed = due;
    cyclesMissed++;
    const dpd = due - firstMissed;
    if ((PAST_DUE_DPD as readonly number[]).includes(dpd)) write(due, 'past_due', { amount: 0, ...at(dpd) });
    lastDay = due + 1 < net.days ? due + 1 : due;
    write(lastDay, 'missed', { amount, ...at(due + 1 - firstMissed) });
  };
  const cured = () => {
    arrears = 0;
    arrearsInterest = 0;
    cyclesMissed = 0;
    firstMissed = -1;
  };
  for (let cycle = 1; ; cycle++) {
    const due = openDay + 30 * cycle;
    // A voluntary closure inside this cycle: the line is paid off and closed.
    if (net.endKind[i] === CLOSED && net.endDay[i] < due) {
      if (net.endDay[i] < net.days) {
        const day = Math.max(net.endDay[i], lastDay);
        const payoff = balance + arrearsInterest;
        balance = 0;
        if (payoff > 0) write(day, 'repaid', { amount: payoff, interest: arrearsInterest, ...at(0) });
        write(day, 'closed', { amount: 0, ...at(0) });
      }
      return;
    }
    if (firstMissed >= 0 && firstMissed + DEFAULT_DPD <= Math.min(due, net.days - 1)) {
      write(firstMissed + DEFAULT_DPD, 'defaulted', { amount: 0, ...at(DEFAULT_DPD) });
      if (firstMissed + WRITE_OFF_DPD < net.days) {
        const principal = balance;
        balance = 0;
        write(firstMissed + WRITE_OFF_DPD, 'written_off', { amount: principal, ...at(WRITE_OFF_DPD) });
      }
      return;
    }
    if (due >= net.days) return;
    const failed = net.endKind[i] === FAILED && net.endDay[i] <= due;
    const state = failed ? FAILED : net.state[i * M + monthOf(due)];
    const interest = Math.round((balance * rate) / 12);
    const payU = payments.next();
    const lateDpd = () => (firstMissed >= 0 ? due - firstMissed : 0);
    if (repayment === 'instalments') {
      let principalDue = 0;
      for (const d of loans) principalDue += principalOf(d, 1);
      if (principalDue + interest + arrears > 0) {
        write(due, 'instalment_due', { amount: principalDue + interest, interest, ...at(lateDpd()) });
        lastDay = due;
        if (state <= DISTRESSED && payU < policy.payByState[state]) {
          const cycles = cyclesMissed + 1;
          let principal = 0;
          for (const d of loans) {
            const paid = principalOf(d, cycles);
            d.remaining -= paid;
            d.instalmentsLeft = Math.max(1, d.instalmentsLeft - cycles);
            principal += paid;
          }
          balance -= principal;
          const interestPaid = arrearsInterest + interest;
          write(due, 'repaid', { amount: principal + interestPaid, interest: interestPaid, ...at(0) });
          cured();
        } else {
          arrears += principalDue + interest;
          arrearsInterest += interest;
          missed(due, principalDue + interest);
        }
      }
    } else {
      const minimum = Math.min(balance, Math.round(peakBalance * holdback.holdback_min_share_30d)) + interest;
      if (minimum + arrears > 0) {
        write(due, 'instalment_due', { amount: minimum, interest, ...at(lateDpd()) });
        lastDay = due;
        const owedInterest = arrearsInterest + interest;
        const held = Math.round(holdback.holdback_share * expectedTurnoverFen(net, i, due - 30, due));
        const collected = Math.min(held, balance + owedInterest);
        const interestPaid = Math.min(collected, owedInterest);
        balance -= collected - interestPaid;
        arrearsInterest = owedInterest - interestPaid;
        const shortfall = Math.max(0, arrears + minimum - collected);
        if (shortfall === 0) cured();
        if (collected > 0) write(due, 'repaid', { amount: collected, interest: interestPaid, ...at(lateDpd()) });
        if (shortfall > 0) {
          arrears = shortfall;
          missed(due, shortfall);
        }
      }
    }
    if (balance === 0) peakBalance = 0;
    // Between due dates a merchant in good standing may draw again on what it has repaid.
    const drawDay = due + 1 + draws.int(29);
    const wantsToDraw = draws.next() < policy.monthlyDrawChance;
    const share = 0.3 + 0.6 * draws.next();
    const instalments = pick();
    const usable = state === HEALTHY || state === STRESSED;
    if (firstMissed < 0 && usable && wantsToDraw && drawDay < net.days && drawDay < net.endDay[i] && balance < lineFen * 0.8) {
      draw(drawDay, share, instalments);
      lastDay = drawDay;
    }
  }
}
