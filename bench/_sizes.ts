/**
 * The network sizes a benchmark runs at, from its options: settlement-grain merchants and days,
 * payment-grain merchants and days (`--payment-merchants`, `--payment-days`), and `--json`.
 *
 * @example
 *   const sizes = benchSizes(args, { merchants: 20_000, days: 90, paymentMerchants: 500, paymentDays: 30 });
 */
import { parseArgs } from 'node:util';

export interface BenchSizes {
  merchants: number;
  days: number;
  paymentMerchants: number;
  paymentDays: number;
}

export function benchSizes(args: string[], defaults: BenchSizes): BenchSizes & { json: boolean } {
  const { values } = parseArgs({
    args,
    options: {
      merchants: { type: 'string', default: String(defaults.merchants) },
      days: { type: 'string', default: String(defaults.days) },
      'payment-merchants': { type: 'string', default: String(defaults.paymentMerchants) },
      'payment-days': { type: 'string', default: String(defaults.paymentDays) },
      json: { type: 'boolean', default: false },
    },
  });
  const size = (name: 'merchants' | 'days' | 'payment-merchants' | 'payment-days') => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: must be a whole number of at least 1, got ${String(values[name])}`);
    return n;
  };
  return { merchants: size('merchants'), days: size('days'), paymentMerchants: size('payment-merchants'), paymentDays: size('payment-days'), json: values.json };
}
