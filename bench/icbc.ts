/**
 * The whole network end to end (issue 15 item 5): simulate a settlement-grain lake, ingest it,
 * run the plan through offers, add one more day as the nightly batch does (the increment: that
 * day ingested, the plan through offers at the day after), then serve the first offer, each stage
 * in a process of its own;
 * prints a table of each stage's seconds, rows per second and peak resident memory (VmHWM, read
 * by the stage itself, and by this process from /proc for the server).
 *
 *   npm run bench -- icbc [--merchants 1500000] [--days 365]
 *
 * The plan's champion is trained on a small network and promoted (bench/_champion.ts): a year of
 * history has no 12-month labels to train on. Serving is measured from starting `capillary serve`
 * to the first merchant's offer answered (200) over HTTP, with a merchant token.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TokenAuthority } from '../api/auth/token.ts';
import { addDays } from '../engine/calendar/days.ts';
import { Database } from '../engine/db/index.ts';
import { largestOffer } from '../pipelines/offers/index.ts';
import { child, peakRss } from './_child.ts';
import { lakeOf, servedAsOfOf, STAGE_NAMES, warehouseOf, type StageArgs } from './_icbc-stage.ts';
import { loadAverage } from './_measure.ts';

interface StageFigure {
  stage: string;
  seconds: number;
  rows: number;
  unit: string;
  peakRss: number;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { merchants: { type: 'string', default: '1500000' }, days: { type: 'string', default: '365' } } });
  const whole = (name: 'merchants' | 'days') => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: a whole number of at least 1 (got ${String(values[name])})`);
    return n;
  };
  const dir = mkdtempSync(join(process.env.BENCH_TMP ?? tmpdir(), 'capillary-icbc-'));
  const args: StageArgs = { dir, merchants: whole('merchants'), days: whole('days'), start: '2024-01-01' };
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`icbc benchmark: ${args.merchants.toLocaleString('en-US')} merchants × ${args.days} days (settlement grain), ${loadAverage()}`);
  const figures: StageFigure[] = [];
  try {
    for (const stage of STAGE_NAMES) {
      const started = performance.now();
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/_icbc-stage.ts', stage, JSON.stringify(args)], {
        cwd: new URL('..', import.meta.url).pathname,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 64 * 1024 * 1024,
      });
      const result = JSON.parse(out.trim().split('\n').at(-1)!) as { rows: number; unit: string; peak_rss: number };
      figures.push({ stage, seconds: (performance.now() - started) / 1000, rows: result.rows, unit: result.unit, peakRss: result.peak_rss });
      say(formatRow(figures.at(-1)!));
      if (stage === 'ingest') say(`(untimed) ${pruneLoadedDays(args)}`);
    }
    figures.push(await serveFirstOffer(args));
    say(formatRow(figures.at(-1)!));
    const total = figures.reduce((sum, f) => sum + f.seconds, 0);
    const peak = Math.max(...figures.map((f) => f.peakRss));
    say(`total ${total.toFixed(1)} s (target ≤ 900 s at 1.5M × 365), peak RSS ${gib(peak)} (target < 8 GiB), warehouse file ${gib(statSync(warehouseOf(args)).size)}, ${loadAverage()}`);
    say('');
    say('| stage | seconds | rows | rows/s | peak RSS |');
    say('| --- | ---: | ---: | ---: | ---: |');
    for (const f of figures) say(`| ${f.stage} | ${f.seconds.toFixed(1)} | ${f.rows.toLocaleString('en-US')} ${f.unit} | ${Math.round(f.rows / f.seconds).toLocaleString('en-US')} | ${gib(f.peakRss)} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Deletes the loaded lake's settlement days but the last (the increment delivers that day again
 * under the next date): at full scale the lake (~28 GB), the warehouse's settlements and its daily
 * turnover together would not fit this machine's disk. Ingest only reads files it has not logged,
 * so the increment sees the same lake as before; what the warehouse holds is unchanged.
 */
function pruneLoadedDays(args: StageArgs): string {
  const days = join(lakeOf(args), 'settlements');
  const last = `settlement_date=${addDays(args.start, args.days - 1)}`;
  let freed = 0;
  let removed = 0;
  for (const day of readdirSync(days)) {
    if (day === last || !day.startsWith('settlement_date=')) continue;
    for (const file of readdirSync(join(days, day))) freed += statSync(join(days, day, file)).size;
    rmSync(join(days, day), { recursive: true });
    removed += 1;
  }
  return `removed ${removed} loaded settlement days from the lake (${gib(freed)}), kept ${last}`;
}

/** Starts `capillary serve` on the warehouse and asks for one merchant's offer until it answers. */
async function serveFirstOffer(args: StageArgs): Promise<StageFigure> {
  const path = warehouseOf(args);
  const db = await Database.open(path);
  // The largest line; on a network too young for any (six months' tenure), the first merchant's decline.
  const merchant = (await largestOffer(db, servedAsOfOf(args))) ?? (await db.one<{ merchant_id: string }>('SELECT min(merchant_id) AS merchant_id FROM merchants'))!.merchant_id;
  db.close();
  const token = await TokenAuthority.forWarehouse(path).sign({ role: 'merchant', merchant_id: merchant, sub: merchant });
  const started = performance.now();
  const server = await child(
    ['bin/capillary.mjs', 'serve', '--db', path, '--port', '0', '--business-date', servedAsOfOf(args)],
    /server listening.*"url":"http:\/\/127\.0\.0\.1:(\d+)"/,
    join(args.dir, 'server.log'),
  );
  try {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/merchants/${merchant}/offer`, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`the first offer answered ${response.status}: ${await response.text()}`);
    await response.json();
    const seconds = (performance.now() - started) / 1000;
    return { stage: 'serve first offer', seconds, rows: 1, unit: 'offer', peakRss: peakRss(server.process.pid!) };
  } catch (error) {
    process.stderr.write(readFileSync(join(args.dir, 'server.log'), 'utf8').slice(-2000));
    throw error;
  } finally {
    server.process.kill('SIGTERM');
    await new Promise((resolve) => server.process.once('exit', resolve));
  }
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
}

function formatRow(f: StageFigure): string {
  return `${f.stage.padEnd(18)} ${f.seconds.toFixed(1).padStart(7)} s  ${f.rows.toLocaleString('en-US').padStart(13)} ${f.unit.padEnd(16)} ${Math.round(f.rows / f.seconds).toLocaleString('en-US').padStart(11)}/s  peak ${gib(f.peakRss)}`;
}
