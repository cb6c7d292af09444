/** `capillary simulate`: writes a lake of the QR payment network (see README, "The lake"). */
import { InvalidOptionsError, simulate as runSimulation } from '../../engine/simulator/index.ts';
import type { Command, OptionValues } from '../command.ts';
import { progressBar } from '../progress-bar.ts';
import { UsageError } from '../usage-error.ts';

export const SIMULATE_DEFAULTS = { merchants: '2000', days: '365', start: '2024-01-01', seed: '1', grain: 'settlement', out: 'data/lake', repayment: 'instalments' };

export const simulate: Command = {
  summary: 'simulate the QR payment network and its Easy Loan book into a Parquet lake',
  usage: `[--merchants N] [--days D] [--start YYYY-MM-DD] [--seed S] [--grain payment|settlement] [--repayment instalments|holdback] [--out DIR] [--overwrite]

  --merchants N   merchants on the network (default ${SIMULATE_DEFAULTS.merchants})
  --days D        days to simulate (default ${SIMULATE_DEFAULTS.days})
  --start DATE    first day (default ${SIMULATE_DEFAULTS.start})
  --seed S        random seed; the same seed gives the same lake (default ${SIMULATE_DEFAULTS.seed})
  --grain G       payment: one row per QR payment; settlement: one row per merchant per day
                  (default ${SIMULATE_DEFAULTS.grain})
  --repayment M   how the Easy Loan book's lines are repaid: instalments, or holdback (a share of
                  each day's settled turnover); the same merchants and draws either way
                  (default ${SIMULATE_DEFAULTS.repayment})
  --out DIR       lake folder to create (default ${SIMULATE_DEFAULTS.out})
  --overwrite     replace an existing lake at DIR once the new one is complete`,
  options: {
    merchants: { type: 'string', default: SIMULATE_DEFAULTS.merchants },
    days: { type: 'string', default: SIMULATE_DEFAULTS.days },
    start: { type: 'string', default: SIMULATE_DEFAULTS.start },
    seed: { type: 'string', default: SIMULATE_DEFAULTS.seed },
    grain: { type: 'string', default: SIMULATE_DEFAULTS.grain },
    out: { type: 'string', default: SIMULATE_DEFAULTS.out },
    repayment: { type: 'string', default: SIMULATE_DEFAULTS.repayment },
    overwrite: { type: 'boolean', default: false },
  },
  async run(values: OptionValues): Promise<number> {
    const options = {
      merchants: integer(values, 'merchants'),
      days: integer(values, 'days'),
      start: String(values.start),
      seed: integer(values, 'seed'),
      grain: String(values.grain),
      out: String(values.out),
      repayment: String(values.repayment),
      overwrite: values.overwrite === true,
    };
    try {
      const summary = await runSimulation(options as Parameters<typeof runSimulation>[0], { onProgress: progressBar() });
      const main = summary.grain === 'payment' ? 'payments' : 'settlements';
      const rows = Object.entries(summary.rows).map(([table, n]) => `  ${table.padEnd(16)} ${n.toLocaleString('en-US')}`).join('\n');
      process.stdout.write(
        `lake written to ${summary.out} in ${summary.seconds.toFixed(1)} s ` +
          `(${Math.round(summary.rowsPerSecond).toLocaleString('en-US')} ${main} rows/s)\n${rows}\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof InvalidOptionsError) throw new UsageError(error.problems.join('\n'));
      throw error;
    }
  },
};

/** A whole number from a text option; anything else is named as the bad option. */
export function integer(values: OptionValues, name: string): number {
  const text = String(values[name]).trim();
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${name}: must be a whole number (got '${text}')`);
  return Number(text);
}
