/** One simulation in its own process, so its peak memory is its own; prints a JSON line. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../engine/simulator/index.ts';

const [grain, merchants, days] = process.argv.slice(2);
const dir = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'capillary-bench-'));
try {
  const summary = await simulate({ merchants: Number(merchants), days: Number(days), start: '2024-01-01', seed: 1, grain: grain as 'payment', out: join(dir, 'lake') });
  const main = grain === 'payment' ? 'payments' : 'settlements';
  process.stdout.write(`${JSON.stringify({ grain, merchants: Number(merchants), days: Number(days), rows: summary.rows[main], seconds: summary.seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
