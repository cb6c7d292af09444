import { describe, expect, it } from 'vitest';
import { FAILED, defaultProbabilities, transitionMatrix } from './health.ts';
import { simulateLedger } from './ledger.ts';
import { buildNetwork, type Network } from './network.ts';

/** Month-end observations with 12 months of future inside the window: true PD and realised default. */
function observations(net: Network): { pd: number[]; defaulted: number[] } {
  const M = net.months.length;
  const pd: number[] = [];
  const defaulted: number[] = [];
  for (let m = 0; m < M; m++) {
    const monthEnd = net.months[m].monthEndDay;
    if (monthEnd + 366 > net.days) continue;
    for (let i = 0; i < net.size; i++) {
      if (net.onboardDay[i] > monthEnd || net.endDay[i] <= monthEnd) continue;
      pd.push(net.pd[i * 3 + net.state[i * M + m]]);
      const failsWithinYear = net.endKind[i] === FAILED && net.endDay[i] <= monthEnd + 365;
      defaulted.push(failsWithinYear ? 1 : 0);
    }
  }
  return { pd, defaulted };
}

function auc(score: number[], label: number[]): number {
  const order = score.map((_, i) => i).sort((a, b) => score[a] - score[b]);
  let rankSum = 0;
  let positives = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && score[order[j + 1]] === score[order[i]]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (label[order[k]]) {
      rankSum += midRank;
      positives++;
    }
    i = j + 1;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

describe('hidden health', () => {
  const net = buildNetwork(11, 20_000, '2023-01-01', 1095);
  const { pd, defaulted } = observations(net);
  const defaultRate = defaulted.reduce((a, b) => a + b, 0) / defaulted.length;
  const meanPd = pd.reduce((a, b) => a + b, 0) / pd.length;

  it('puts the 12-month default rate of the whole population in a plausible band', () => {
    expect(defaultRate).toBeGreaterThan(0.02);
    expect(defaultRate).toBeLessThan(0.08);
  });

  it('gives a true PD that is calibrated: its mean matches the realised default rate', () => {
    const standardError = Math.sqrt((defaultRate * (1 - defaultRate)) / (defaulted.length / 12));
    expect(Math.abs(meanPd - defaultRate)).toBeLessThan(4 * standardError);
  });

  it('makes the truth learnable but not trivial: AUC of the true PD between 0.75 and 0.90', () => {
    const value = auc(pd, defaulted);
    expect(value).toBeGreaterThan(0.75);
    expect(value).toBeLessThan(0.9);
  });

  it('computes PD exactly from the chain: a single-state chain has a closed form', () => {
    // A merchant that fails with probability q each month and never changes state otherwise.
    const p = transitionMatrix(1, {
      healthyToStressed: 0, healthyToDistressed: 0, healthyToFailed: 0.01, stressedToHealthy: 0,
      stressedToDistressed: 0, stressedToFailed: 0, distressedToStressed: 0, distressedToHealthy: 0,
      distressedToFailed: 0, closeHealthy: 0, closeStressed: 0, closeDistressed: 0,
    });
    expect(defaultProbabilities(p)[0]).toBeCloseTo(1 - 0.99 ** 12, 12);
  });

  it('is deterministic: the same seed gives the same network, another seed another', () => {
    const again = buildNetwork(11, 2_000, '2023-01-01', 400);
    const same = buildNetwork(11, 2_000, '2023-01-01', 400);
    const other = buildNetwork(12, 2_000, '2023-01-01', 400);
    expect(Buffer.from(same.state).equals(Buffer.from(again.state))).toBe(true);
    expect(Array.from(same.baseCount)).toEqual(Array.from(again.baseCount));
    expect(Array.from(other.baseCount)).not.toEqual(Array.from(same.baseCount));
  });
});

describe('Easy Loan book', () => {
  const net = buildNetwork(5, 20_000, '2023-01-01', 730);
  const ledger = simulateLedger(net);
  const sum = (type: string, field: 'amount_fen' | 'balance_fen') =>
    ledger.event_type.reduce((total, t, k) => (t === type ? total + ledger[field][k] : total), 0);
  const count = (type: string) => ledger.event_type.filter((t) => t === type).length;
  const earlier = (type: string, k: number) =>
    ledger.event_type.some((t, j) => t === type && ledger.line_id[j] === ledger.line_id[k] && ledger.event_day[j] < ledger.event_day[k]);

  it('grants lines to a minority of merchants, each offered, accepted and drawn several times', () => {
    const lines = count('accepted');
    expect(lines / net.size).toBeGreaterThan(0.05);
    expect(lines / net.size).toBeLessThan(0.4);
    expect(count('offered')).toBe(lines);
    expect(count('drawn') / lines).toBeGreaterThan(2);
  });

  it('draws about RMB 150,000 on average, scaled to merchant size', () => {
    const average = sum('drawn', 'amount_fen') / count('drawn') / 100;
    expect(average).toBeGreaterThan(60_000);
    expect(average).toBeLessThan(300_000);
  });

  it('keeps losses (balance at default) under 3% of what was lent, with some defaults', () => {
    expect(count('defaulted')).toBeGreaterThan(10);
    expect(sum('defaulted', 'balance_fen') / sum('drawn', 'amount_fen')).toBeLessThan(0.03);
  });

  it('defaults only at 90 days past due, after missed instalments and past due at 30 and 60 days', () => {
    const defaults = ledger.event_type.map((t, k) => (t === 'defaulted' ? k : -1)).filter((k) => k >= 0);
    for (const k of defaults) {
      expect(ledger.dpd[k]).toBe(90);
      expect(earlier('missed', k)).toBe(true);
      expect(earlier('past_due', k)).toBe(true);
    }
    const pastDue = ledger.dpd.filter((_, k) => ledger.event_type[k] === 'past_due');
    expect(new Set(pastDue)).toEqual(new Set([30, 60]));
  });

  it('writes defaulted lines off at 180 days past due, for what was left of their principal', () => {
    const writeOffs = ledger.event_type.map((t, k) => (t === 'written_off' ? k : -1)).filter((k) => k >= 0);
    expect(writeOffs.length).toBeGreaterThan(0);
    for (const k of writeOffs) {
      expect(ledger.dpd[k]).toBe(180);
      expect(ledger.balance_fen[k]).toBe(0);
      expect(earlier('defaulted', k)).toBe(true);
      expect(ledger.amount_fen[k]).toBe(ledger.balance_fen[k - 1]);
    }
  });

  it('splits repayments into interest and principal, and never lets a balance exceed its line', () => {
    const repaid = ledger.event_type.map((t, k) => (t === 'repaid' ? k : -1)).filter((k) => k >= 0);
    expect(repaid.length).toBeGreaterThan(100);
    expect(repaid.filter((k) => ledger.interest_fen[k] > ledger.amount_fen[k])).toEqual([]);
    expect(repaid.filter((k) => ledger.interest_fen[k] > 0).length / repaid.length).toBeGreaterThan(0.9);
    const over = ledger.balance_fen.filter((balance, k) => balance > ledger.limit_fen[k]);
    expect(ledger.balance_fen.length).toBeGreaterThan(0);
    expect(over).toEqual([]);
  });
});
