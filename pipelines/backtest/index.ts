/** pipelines/backtest: Easy Loan policies at a past as-of date against what happened next. */
export { backtest, type BacktestOptions, type BacktestResult } from './backtest.ts';
export { evaluatePolicy, markFrontier, type Outcomes, type PolicyResult } from './evaluate.ts';
export { withPdCutoff } from './cutoffs.ts';
export { formatBacktest } from './format-backtest.ts';
export { monitoringBacktest, type MonitoringBacktestOptions, type MonitoringBacktestResult } from './monitoring-backtest.ts';
export { formatMonitoringBacktest } from './format-monitoring.ts';
// The repayment comparison (repayment-compare.ts) runs the simulator, whose calendar loads at import
// with a top-level await; it is imported by path so the notebooks' kernel (CommonJS) can load this index.
