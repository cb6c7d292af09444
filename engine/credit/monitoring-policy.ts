/**
 * The monitoring section of the credit policy: the early-warning signals read on every open line
 * each day, as data (one entry per signal: the levels at which it asks to watch, reduce the limit
 * or freeze the undrawn part, and its words for the officer and the merchant), and the terms of
 * the actions (how far a limit is cut, when a line in good standing is raised).
 * monitoring.ts turns a line's signals into an action under this section.
 *
 * @example
 *   { signal: 'turnover_drop', watch: 0.3, reduce: 0.45, freeze: 0.6, unit: 'ratio',
 *     officer: 'fall of 28-day turnover below its seasonal baseline',
 *     merchant: 'your sales over the last four weeks were {value} below your usual level for the season' }
 */
import { z } from 'zod';
import { count, fen, probability } from '../schema/columns.ts';

/**
 * What monitoring reads on a line as of a date (pipelines/monitoring/signals.sql computes them;
 * every one is "higher is worse"):
 *   turnover_drop   1 − 28-day turnover / its seasonal baseline (own level × segment's movement)
 *   closed_days     days without approved payments in the last 28
 *   turnover_cv     coefficient of variation of daily turnover over the last 28 days
 *   refund_surge    refund share of the last 28 days less that of the 91 days before
 *   decline_share   declined payments over attempted payments in the last 28 days
 *   pd              the behavioural PD: the latest score of the merchant
 *   dpd             days past due on the line
 */
export const MONITORING_SIGNALS = ['turnover_drop', 'closed_days', 'turnover_cv', 'refund_surge', 'decline_share', 'pd', 'dpd'] as const;
export type MonitoringSignal = (typeof MONITORING_SIGNALS)[number];

/** The severities a signal can reach, mildest first; each names the action it asks for. */
export const SEVERITIES = ['watch', 'reduce', 'freeze'] as const;
export type Severity = (typeof SEVERITIES)[number];

const level = () => z.number().min(0).nullable();

export const SignalEntrySchema = z
  .object({
    signal: z.enum(MONITORING_SIGNALS),
    /** The value from which the signal asks for each action; null: never at that severity. */
    watch: level(),
    reduce: level(),
    freeze: level(),
    unit: z.enum(['count', 'ratio', 'probability']),
    /** What the signal looks at, in the officer's words. */
    officer: z.string().min(1),
    /** What the merchant is told; `{value}` is the merchant's figure in the signal's unit. */
    merchant: z.string().min(1),
  })
  .strict();
export type SignalEntry = z.infer<typeof SignalEntrySchema>;

export const MonitoringPolicySchema = z
  .object({
    signals: z.array(SignalEntrySchema).min(1),
    /** A reduced limit: this share of the limit, never below the balance drawn. */
    reduce_to_share: z.number().gt(0, 'must be above 0').lt(1, 'must be below 1 (a cut, not a raise)'),
    /** Days a line is left to settle after monitoring acted on it before it is watched or cut again. */
    watch_repeat_days: count().min(1),
    /** A line with no signal at watch is raised when all of these hold. */
    increase: z
      .object({
        max_pd: probability(),
        /** Balance over limit: a line that is used. */
        min_utilisation: z.number().min(0).max(1),
        min_days_open: count(),
        /** Days since the last raise (or the opening). */
        min_days_between: count().min(1),
        /** The raise, as a share of the limit (capped at line.max_line_fen). */
        share: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1 (a doubling)'),
      })
      .strict(),
    rounding_fen: fen().min(1),
  })
  .strict()
  .superRefine((m, ctx) => {
    m.signals.forEach((s, i) => {
      const set = SEVERITIES.map((sev) => s[sev]).filter((v): v is number => v !== null);
      if (set.length === 0) ctx.addIssue({ code: 'custom', path: ['signals', i, 'watch'], message: `${s.signal}: at least one level must be set` });
      if (set.some((v, k) => k > 0 && v < set[k - 1])) {
        ctx.addIssue({ code: 'custom', path: ['signals', i], message: `${s.signal}: levels must not fall from watch to reduce to freeze` });
      }
      if (m.signals.findIndex((t) => t.signal === s.signal) !== i) ctx.addIssue({ code: 'custom', path: ['signals', i, 'signal'], message: `duplicate signal ${s.signal}` });
    });
  });
export type MonitoringPolicy = z.infer<typeof MonitoringPolicySchema>;

/**
 * The default monitoring terms. Assumptions (no source gives them), tuned with
 * `capillary backtest --monitoring` on a simulated book (pipelines/backtest/monitoring-backtest.ts).
 */
export const DEFAULT_MONITORING: MonitoringPolicy = {
  signals: [
    // Spring Festival costs small shops 30–60% (§4); the segment's own movement takes that out
    // of the baseline, so a 30% fall beyond it is the merchant's own.
    {
      signal: 'turnover_drop', watch: 0.3, reduce: 0.45, freeze: 0.6, unit: 'ratio',
      officer: 'fall of 28-day turnover below its seasonal baseline',
      merchant: 'your sales over the last four weeks were {value} below your usual level for the season',
    },
    {
      signal: 'closed_days', watch: 7, reduce: 12, freeze: 18, unit: 'count',
      officer: 'days without sales in the last 28',
      merchant: 'your shop took no payments on {value} of the last 28 days',
    },
    {
      signal: 'turnover_cv', watch: 1.2, reduce: null, freeze: null, unit: 'ratio',
      officer: 'day-to-day variation of turnover over 28 days (CV)',
      merchant: 'your daily sales have been very uneven lately',
    },
    {
      signal: 'refund_surge', watch: 0.05, reduce: 0.15, freeze: null, unit: 'ratio',
      officer: 'rise of the refund share over its previous 91 days',
      merchant: 'refunds rose to {value} more of your sales than before',
    },
    {
      signal: 'decline_share', watch: 0.15, reduce: 0.3, freeze: null, unit: 'ratio',
      officer: 'share of payments declined in the last 28 days',
      merchant: '{value} of your customers’ payments were declined in the last four weeks',
    },
    // The eligibility cutoff is 8% (eligibility.max_pd): past it a line would not be offered today.
    {
      signal: 'pd', watch: 0.08, reduce: 0.15, freeze: 0.3, unit: 'probability',
      officer: "behavioural PD (the merchant's latest score)",
      merchant: 'our latest assessment of your repayment risk rose to {value}',
    },
    // IFRS 9 stage 2 at 30 days past due (§4): no new drawing past it.
    {
      signal: 'dpd', watch: 1, reduce: null, freeze: 30, unit: 'count',
      officer: 'days past due on the line',
      merchant: 'a repayment is {value} days late',
    },
  ],
  reduce_to_share: 0.5,
  watch_repeat_days: 28,
  increase: { max_pd: 0.02, min_utilisation: 0.6, min_days_open: 180, min_days_between: 180, share: 0.2 },
  rounding_fen: 100_000,
};
