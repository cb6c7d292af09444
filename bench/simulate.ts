/**
 * Simulator benchmark: payments per second at payment grain and merchant-days per second at
 * settlement grain, from the seed to Parquet on disk, with each run's peak memory.
 *
 *   npm run bench -- simulate [--payment-merchants 2000 --payment-days 14]
 *                             [--settlement-merchants 1500000 --settlement-days 365]
 *
 * Targets (issue 2): at least 2M payments/s; 1.5M merchants × 365 days in at most 300 s under 4 GiB.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

interface Result {
  grain: string;
  merchants: number;
  days: number;
  rows: number;
  seconds: number;
  peakRssMiB: number;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'payment-merchants': { type: 'string', default: '2000' },
      'payment-days': { type: 'string', default: '14' },
      'settlement-merchants': { type: 'string', default: '1500000' },
      'settlement-days': { type: 'string', default: '365' },
    },
  });
  const one = (grain: string, merchants: string, days: string): Result => {
    const script = fileURLToPath(new URL('./_simulate-one.ts', import.meta.url));
    const output = execFileSync(process.execPath, ['--import', 'tsx', script, grain, merchants, days], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return JSON.parse(output.trim().split('\n').pop()!) as Result;
  };
  const payment = one('payment', values['payment-merchants']!, values['payment-days']!);
  report(payment, 'payments', 2_000_000);
  const settlement = one('settlement', values['settlement-merchants']!, values['settlement-days']!);
  report(settlement, 'settlement rows', null);
  const full = settlement.merchants >= 1_500_000 && settlement.days >= 365;
  process.stdout.write(
    `settlement target (1.5M merchants × 365 days ≤ 300 s, < 4096 MiB): ${full ? `${settlement.seconds.toFixed(0)} s, ${settlement.peakRssMiB.toFixed(0)} MiB — ${settlement.seconds <= 300 && settlement.peakRssMiB < 4096 ? 'met' : 'missed'}` : 'not measured at full scale'}\n`,
  );
}

function report(result: Result, unit: string, target: number | null): void {
  const rate = result.rows / result.seconds;
  process.stdout.write(
    `${result.grain.padEnd(10)} ${result.merchants.toLocaleString('en-US')} merchants × ${result.days} days: ` +
      `${result.rows.toLocaleString('en-US')} ${unit} in ${result.seconds.toFixed(1)} s = ${Math.round(rate).toLocaleString('en-US')} ${unit}/s` +
      `${target ? ` (target ${target.toLocaleString('en-US')}/s: ratio ${(rate / target).toFixed(2)})` : ''}; peak memory ${result.peakRssMiB.toFixed(0)} MiB\n`,
  );
}
