/**
 * The limits benchmark (issue 15): each stage's rate beside DuckDB doing the plain version of the
 * same work on the same rows, in the same run, and the ratio of the two rates (stage / plain).
 * Ratios hold on a loaded machine where absolute rates do not.
 *
 *   npm run bench -- limits [--merchants 50000] [--days 90] [--payment-merchants 1000]
 *                           [--payment-days 30] [--json]
 *
 * Plain counterparts: for the simulator, a COPY of the rows it wrote (held in memory) to the same
 * Parquet layout (day partitions, the same file settings); for ingest, one INSERT ... SELECT per
 * table of the same files into the same tables of an empty warehouse; for turnover and features,
 * their queries run by hand (CREATE TABLE AS), without the runner's staging, checks and log.
 * Each stage and its counterpart run twice, alternating; the faster of each counts. Ratios of CPU
 * seconds are printed beside (less moved by other processes, not unmoved). With --json the last
 * line is one JSON object of the ratios, the increment's seconds and the figures behind them.
 * The increment (_limits-increment.ts): one more day ingested and the plan run through offers at
 * the new as-of date, on the warehouse of the bench's lake; its seconds at 1.5M merchants are the
 * measured seconds scaled linearly by merchants (stated beside it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addDays } from '../engine/calendar/days.ts';
import { simulate } from '../engine/simulator/index.ts';
import { loadAverage } from './_measure.ts';
import { benchSizes } from './_sizes.ts';
import { measureIncrement, type IncrementFigure } from './_limits-increment.ts';
import { measureFeatures, measureIngest, measureSimulate, measureTurnover, type Figure } from './_limits-stages.ts';

const START = '2024-01-01';

/** Each stage's target ratio (issue 15); features are judged by seconds at 1.5M merchants. */
const TARGETS: Record<string, number> = { simulate_settlement: 0.5, simulate_payment: 0.5, ingest: 0.7, turnover: 0.75 };

export async function run(args: string[]): Promise<void> {
  const sizes = benchSizes(args, { merchants: 50_000, days: 90, paymentMerchants: 1000, paymentDays: 30 });
  const { merchants, days } = sizes;
  const dir = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'capillary-limits-'));
  const loadBefore = loadAverage();
  const figures: Figure[] = [];
  const say = (line: string) => process.stdout.write(`${line}\n`);
  try {
    say(`limits benchmark: ${merchants.toLocaleString('en-US')} merchants × ${days} days (settlement grain), ${loadBefore}`);
    const simulation = (grain: 'payment' | 'settlement', m: number, d: number) => (out: string) => simulate({ merchants: m, days: d, start: START, seed: 1, grain, out });
    const settlement = await measureSimulate(dir, 'settlement', simulation('settlement', merchants, days));
    figures.push(settlement.figure);
    say(formatFigure(settlement.figure));
    const payment = await measureSimulate(dir, 'payment', simulation('payment', sizes.paymentMerchants, sizes.paymentDays));
    figures.push(payment.figure);
    say(formatFigure(payment.figure));
    rmSync(payment.lake, { recursive: true, force: true });

    const ingest = await measureIngest(dir, settlement.lake);
    const db = ingest.db;
    let increment: IncrementFigure | null = null;
    figures.push(ingest.figure);
    say(formatFigure(ingest.figure));
    try {
      figures.push(await measureTurnover(db));
      say(formatFigure(figures.at(-1)!));
      const features = await measureFeatures(db, addDays(START, days));
      figures.push(features);
      say(formatFigure(features));
      const perMerchant = features.ms / Math.max(1, features.rows);
      say(`  features for 1.5M merchants ≈ ${((perMerchant * 1_500_000) / 1000).toFixed(0)} s if linear in merchants (target ≤ 60 s; from ${days} days of history)`);
      increment = await measureIncrement(dir, db, settlement.lake, START, days);
      const parts = Object.entries(increment.parts).map(([part, ms]) => `${part} ${(ms / 1000).toFixed(2)} s`).join(', ');
      say(`increment            one new day (${increment.rows.toLocaleString('en-US')} settlement rows, ${increment.newDay}): ${(increment.ms / 1000).toFixed(2)} s (cpu ${(increment.cpuMs / 1000).toFixed(2)}): ${parts}`);
      say(`  increment for 1.5M merchants ≈ ${((increment.ms * 1_500_000) / merchants / 1000).toFixed(0)} s if linear in merchants (target ≤ 60 s; features over ${days} days of history, not 365)`);
    } finally {
      db.close();
    }
    say(`done, ${loadAverage()}`);
    if (sizes.json) {
      const ratio = (stage: string) => round(figures.find((f) => f.stage === stage)!.ratio);
      const features = figures.find((f) => f.stage === 'features')!;
      process.stdout.write(
        `${JSON.stringify({
          simulate_settlement: ratio('simulate_settlement'),
          simulate_payment: ratio('simulate_payment'),
          ingest: ratio('ingest'),
          turnover: ratio('turnover'),
          features: ratio('features'),
          cpu_ratios: Object.fromEntries(figures.map((f) => [f.stage, round(f.plainCpuMs / f.cpuMs)])),
          features_seconds_at_1_5m: round(((features.ms / Math.max(1, features.rows)) * 1_500_000) / 1000),
          increment_seconds: increment && round(increment.ms / 1000),
          increment_seconds_at_1_5m: increment && round((increment.ms * 1_500_000) / merchants / 1000),
          increment_note: `one new day ingested and the plan run through offers at ${merchants} merchants; at 1.5M extrapolated linearly in merchants, with features over ${days} days of history`,
          increment_parts_ms: increment?.parts ?? null,
          merchants,
          days,
          load_before: loadBefore,
          load_after: loadAverage(),
          stages: figures.map((f) => ({ ...f, ms: Math.round(f.ms), cpuMs: Math.round(f.cpuMs), plainMs: Math.round(f.plainMs), plainCpuMs: Math.round(f.plainCpuMs), ratio: round(f.ratio) })),
        })}\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function formatFigure(f: Figure): string {
  const rate = (ms: number) => `${Math.round((f.rows / ms) * 1000).toLocaleString('en-US')}/s`;
  const target = TARGETS[f.stage];
  return (
    `${f.stage.padEnd(20)} ${f.rows.toLocaleString('en-US').padStart(12)} ${f.unit}: ${(f.ms / 1000).toFixed(2)} s (cpu ${(f.cpuMs / 1000).toFixed(2)}) ${rate(f.ms)}` +
    ` | plain ${f.plain}: ${(f.plainMs / 1000).toFixed(2)} s (cpu ${(f.plainCpuMs / 1000).toFixed(2)}) ${rate(f.plainMs)}` +
    ` | ratio ${f.ratio.toFixed(2)}${target ? ` (target ≥ ${target})` : ''}, of cpu ${(f.plainCpuMs / f.cpuMs).toFixed(2)}`
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run(process.argv.slice(2));
