/** pipelines/backtest: Easy Loan policies at a past as-of date against what happened next. */
export { backtest, type BacktestOptions, type BacktestResult } from './backtest.ts';
export { evaluatePolicy, markFrontier, type Outcomes, type PolicyResult } from './evaluate.ts';
export { withPdCutoff } from './cutoffs.ts';
export { formatBacktest } from './format-backtest.ts';
export { monitoringBacktest, type MonitoringBacktestOptions, type MonitoringBacktestResult } from './monitoring-backtest.ts';
export { formatMonitoringBacktest } from './format-monitoring.ts';
export { compareRepayment, summariseBook, type RepaymentBookSummary, type RepaymentCompareOptions, type RepaymentComparison } from './repayment-compare.ts';
export { formatRepaymentComparison } from './format-repayment.ts';
