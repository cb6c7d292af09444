/**
 * One policy's decisions set against what happened next, in one pass over columns: approval
 * (overall and among merchants passing the turnover rules), defaults among the approved (a
 * business failure within 12 months, from the truth), expected against realised loss, and the
 * year's revenue and profit of the approved book.
 *
 * Money over the year, per approved merchant: drawn = the drawn part of its EAD (the larger of
 * its balance and the policy's expected use of the line); it earns its rate on the drawn
 * amount and pays cost of funds and operating cost on it until it fails (or for the whole
 * year); a failure loses LGD × EAD. Profit = revenue − funding − operating − realised loss
 * (before the cost of capital, which the price's hurdle already charges for).
 */
import { exposureAtDefault, ruleBits, thresholdOf, type CreditPolicy } from '../../engine/credit/index.ts';
import { OFFER, type ApplicantColumns, type DecisionColumns } from '../offers/index.ts';

export interface Outcomes {
  /** 1 when the business failed within 12 months of the as-of date. */
  failed_12m: ArrayLike<number>;
  /** Days from the as-of date to the failure; 365 without one. */
  days_to_failure: ArrayLike<number>;
  /** The simulator's 12-month PD at the as-of date; NaN when unknown. */
  true_pd: ArrayLike<number>;
  /** The warehouse's own label: 1 default or exit seen, 0 none seen, -1 no label. */
  observed_exit: ArrayLike<number>;
}

export interface PolicyResult {
  policy_version: string;
  max_pd: number;
  merchants: number;
  approved: number;
  approval_rate: number;
  /** Merchants passing the turnover rules (months, 12-month turnover, stable months). */
  passing_turnover_rules: number;
  approval_rate_passing_turnover_rules: number;
  /** Approved merchants whose business failed within 12 months. */
  defaults: number;
  default_rate: number;
  /** Among approved merchants with a label: defaults or exits the warehouse saw (so far, if censored). */
  observed_exit_rate: number;
  mean_pd_approved: number;
  mean_true_pd_approved: number;
  total_line_fen: number;
  drawn_fen: number;
  ead_fen: number;
  expected_loss_fen: number;
  /** Σ true PD × LGD × EAD: the loss the approved book truly carried. */
  true_expected_loss_fen: number;
  realised_loss_fen: number;
  /** Expected and realised loss over EAD. */
  expected_loss_rate: number;
  realised_loss_rate: number;
  revenue_fen: number;
  funding_cost_fen: number;
  operating_cost_fen: number;
  profit_fen: number;
  /** No other policy of the run approves at least as many with no more loss (one strictly). */
  on_frontier: boolean;
}

const TURNOVER_RULES = ['min_months_of_turnover', 'min_turnover_12m', 'max_turnover_cv'];

export function evaluatePolicy(policy: CreditPolicy, a: ApplicantColumns, d: DecisionColumns, o: Outcomes): PolicyResult {
  const el = policy.expected_loss;
  const turnoverRules = ruleBits(policy, TURNOVER_RULES);
  const { cost_of_funds, operating_cost } = policy.price;
  let approved = 0, passing = 0, approvedPassing = 0, defaults = 0, labelled = 0, exits = 0;
  let sumPd = 0, sumTruePd = 0, knownTruePd = 0;
  let line = 0, drawnTotal = 0, eadTotal = 0, expected = 0, trueExpected = 0, realised = 0, revenue = 0, funding = 0, operating = 0;
  for (let i = 0; i < a.n; i++) {
    const offer = d.outcome[i] === OFFER;
    if ((d.failed_mask[i] & turnoverRules) === 0) {
      passing++;
      if (offer) approvedPassing++;
    }
    if (!offer) continue;
    approved++;
    const ead = d.ead_fen[i];
    const drawn = exposureAtDefault(d.line_fen[i], a.balance_fen[i], el).drawn_fen;
    line += d.line_fen[i];
    drawnTotal += drawn;
    eadTotal += ead;
    expected += d.expected_loss_fen[i];
    sumPd += d.pd[i];
    if (!Number.isNaN(o.true_pd[i])) {
      knownTruePd++;
      sumTruePd += o.true_pd[i];
      trueExpected += o.true_pd[i] * el.lgd * ead;
    }
    if (o.observed_exit[i] >= 0) {
      labelled++;
      exits += o.observed_exit[i];
    }
    const years = Math.min(365, o.days_to_failure[i]) / 365;
    revenue += d.annual_rate[i] * drawn * years;
    funding += cost_of_funds * drawn * years;
    operating += operating_cost * drawn * years;
    if (o.failed_12m[i] === 1) {
      defaults++;
      realised += el.lgd * ead;
    }
  }
  const share = (x: number, of: number) => (of > 0 ? x / of : 0);
  const fen = Math.round;
  const money = { revenue: fen(revenue), funding: fen(funding), operating: fen(operating), realised: fen(realised) };
  return {
    policy_version: policy.version,
    max_pd: thresholdOf(policy, 'max_pd') as number,
    merchants: a.n,
    approved,
    approval_rate: share(approved, a.n),
    passing_turnover_rules: passing,
    approval_rate_passing_turnover_rules: share(approvedPassing, passing),
    defaults,
    default_rate: share(defaults, approved),
    observed_exit_rate: share(exits, labelled),
    mean_pd_approved: share(sumPd, approved),
    mean_true_pd_approved: share(sumTruePd, knownTruePd),
    total_line_fen: line,
    drawn_fen: drawnTotal,
    ead_fen: eadTotal,
    expected_loss_fen: expected,
    true_expected_loss_fen: fen(trueExpected),
    realised_loss_fen: money.realised,
    expected_loss_rate: share(expected, eadTotal),
    realised_loss_rate: share(realised, eadTotal),
    revenue_fen: money.revenue,
    funding_cost_fen: money.funding,
    operating_cost_fen: money.operating,
    profit_fen: money.revenue - money.funding - money.operating - money.realised,
    on_frontier: false,
  };
}

/** Marks the results no other result dominates on (approval rate up, realised loss rate down). */
export function markFrontier(results: PolicyResult[]): void {
  for (const r of results) {
    r.on_frontier = !results.some(
      (s) => s !== r && s.approval_rate >= r.approval_rate && s.realised_loss_rate <= r.realised_loss_rate &&
        (s.approval_rate > r.approval_rate || s.realised_loss_rate < r.realised_loss_rate),
    );
  }
}
