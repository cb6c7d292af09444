/**
 * `capillary backtest --as-of DATE`: Easy Loan policies (and PD cutoffs) applied at a past date
 * and judged against the next 12 months of the simulated network, side by side, with the
 * frontier of approval rate against loss rate; `--json` prints the result for notebooks.
 * `--monitoring`: daily monitoring replayed from the date over the book's history instead.
 * `capillary backtest --repayment-compare`: instalments against holdback, two books of the same
 * simulated merchants (no warehouse needed).
 */
import { Database } from '../../engine/db/index.ts';
import { backtest, formatBacktest, formatMonitoringBacktest, monitoringBacktest } from '../../pipelines/backtest/index.ts';
import { formatRepaymentComparison } from '../../pipelines/backtest/format-repayment.ts';
import { compareRepayment } from '../../pipelines/backtest/repayment-compare.ts';
import { InvalidOptionsError } from '../../engine/simulator/index.ts';
import { dbOption, type Command, type OptionValues } from '../command.ts';
import { warehousePath } from '../warehouse-option.ts';
import { progressBar } from '../progress-bar.ts';
import { UsageError } from '../usage-error.ts';
import { dateValue } from './model-options.ts';
import { policyValues } from './policy-option.ts';
import { integer, SIMULATE_DEFAULTS } from './simulate.ts';

const COMPARE_DEFAULTS = { merchants: '5000', days: '1095', start: '2022-01-01', seed: SIMULATE_DEFAULTS.seed };

export const backtestCommand: Command = {
  summary: 'apply Easy Loan policies at a past as-of date and compare them against what happened next',
  usage: `--as-of DATE [--policy FILE ...] [--pd-cutoffs 0.02,0.04,...] [--model ID] [--json] [--db FILE]
       capillary backtest --as-of DATE --monitoring [--step-days N] [--policy FILE] [--model ID] [--json] [--db FILE]
       --repayment-compare [--merchants N] [--days D] [--start DATE] [--seed S] [--policy FILE] [--json]

  --as-of DATE       a past date with scores (\`capillary score --as-of DATE\`) and 12 months observed after it
  --policy FILE      a policy as JSON; repeat to compare several (default: the built-in policy)
  --pd-cutoffs LIST  also run every policy at each of these PD cutoffs (shares, e.g. 0.02,0.05,0.1)
  --model ID         the model whose scores give the PD (default: the champion)
  --monitoring       replay daily monitoring from DATE to the last day observed: days from first
                     warning to default, warnings that came true, loss with actions against static lines
  --step-days N      with --monitoring: days between monitoring steps (default 7; 1 = daily)
  --json             print the result as JSON instead of tables
  --db FILE          warehouse (default ${dbOption.db.default})

  --repayment-compare  simulate the Easy Loan book of the same merchants twice, repaid in
                     instalments and by holdback at the policy's repayment terms, and compare
                     defaults, loss, days to repay and share repaid (no warehouse is read)
  --merchants N, --days D, --start DATE, --seed S
                     the simulated network (default ${COMPARE_DEFAULTS.merchants} merchants, ${COMPARE_DEFAULTS.days} days from ${COMPARE_DEFAULTS.start}, seed ${COMPARE_DEFAULTS.seed})`,
  options: {
    'as-of': { type: 'string' },
    policy: { type: 'string', multiple: true },
    'pd-cutoffs': { type: 'string' },
    model: { type: 'string' },
    monitoring: { type: 'boolean', default: false },
    'step-days': { type: 'string' },
    json: { type: 'boolean', default: false },
    'repayment-compare': { type: 'boolean', default: false },
    merchants: { type: 'string', default: COMPARE_DEFAULTS.merchants },
    days: { type: 'string', default: COMPARE_DEFAULTS.days },
    start: { type: 'string', default: COMPARE_DEFAULTS.start },
    seed: { type: 'string', default: COMPARE_DEFAULTS.seed },
    ...dbOption,
  },
  async run(values: OptionValues): Promise<number> {
    if (values['repayment-compare'] === true) return repaymentCompare(values);
    const asOfDate = dateValue(values, 'as-of');
    if (!asOfDate) throw new UsageError('--as-of DATE is required');
    const policies = policyValues(values.policy);
    if (values.monitoring) return runMonitoringBacktest(values, asOfDate, policies);
    if (values['step-days'] !== undefined) throw new UsageError('--step-days is for --monitoring');
    const pdCutoffs = cutoffValues(values['pd-cutoffs']);
    const db = await Database.open(warehousePath(values, { create: false }));
    try {
      const result = await backtest(db, {
        asOfDate, policies, pdCutoffs, modelId: typeof values.model === 'string' ? values.model : undefined,
        onProgress: values.json ? undefined : progressBar(),
      });
      process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatBacktest(result));
      return 0;
    } finally {
      db.close();
    }
  },
};

function repaymentCompare(values: OptionValues): number {
  const policies = policyValues(values.policy);
  if (policies.length > 1) throw new UsageError('--policy: give one policy with --repayment-compare (its repayment section sets the holdback)');
  try {
    const comparison = compareRepayment({
      merchants: integer(values, 'merchants'), days: integer(values, 'days'), start: String(values.start), seed: integer(values, 'seed'),
      policy: policies[0], onProgress: values.json ? undefined : progressBar(),
    });
    process.stdout.write(values.json ? `${JSON.stringify(comparison, null, 2)}\n` : formatRepaymentComparison(comparison));
    return 0;
  } catch (error) {
    if (error instanceof InvalidOptionsError) throw new UsageError(error.problems.join('\n'));
    throw error;
  }
}

function cutoffValues(value: unknown): number[] {
  if (value === undefined) return [];
  return String(value).split(',').map((text) => {
    const cutoff = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(cutoff) || cutoff < 0 || cutoff > 1) {
      throw new UsageError(`--pd-cutoffs: each cutoff must be a share between 0 and 1 (got '${text.trim()}')`);
    }
    return cutoff;
  });
}

async function runMonitoringBacktest(values: OptionValues, asOfDate: string, policies: ReturnType<typeof policyValues>): Promise<number> {
  if (values['pd-cutoffs'] !== undefined) throw new UsageError('--pd-cutoffs is for the policy backtest, not --monitoring');
  if (policies.length > 1) throw new UsageError('--monitoring takes one --policy');
  const stepText = values['step-days'] === undefined ? '7' : String(values['step-days']);
  const stepDays = Number(stepText);
  if (!/^\d+$/.test(stepText) || stepDays < 1 || stepDays > 366) throw new UsageError(`--step-days: a whole number of days from 1 to 366 (got '${stepText}')`);
  const db = await Database.open(warehousePath(values, { create: false }));
  try {
    const result = await monitoringBacktest(db, {
      asOfDate, stepDays, policy: policies[0], modelId: typeof values.model === 'string' ? values.model : undefined,
      onProgress: values.json ? undefined : progressBar(),
    });
    process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : formatMonitoringBacktest(result));
    return 0;
  } finally {
    db.close();
  }
}
