/**
 * What the benchmarks measure: wall and CPU milliseconds of a piece of work (DuckDB's threads run
 * in this process, so CPU counts them), and the load average to print beside them: on a shared
 * machine wall seconds can double while CPU seconds say what the work cost.
 */
import { loadavg } from 'node:os';

export interface Timed<T> {
  result: T;
  ms: number;
  cpuMs: number;
}

export async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { result, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

export function loadAverage(): string {
  return `load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;
}

/**
 * Each of two pieces of work run `rounds` times, alternating (stage, plain, stage, plain ...), and
 * the faster run of each kept: a load spike from another process then hits one run, not the
 * figure. Each run gets its round number, to write somewhere fresh.
 */
export async function fasterOfAlternating<A, B>(rounds: number, stage: (round: number) => Promise<A>, plain: (round: number) => Promise<B>): Promise<{ stage: Timed<A>; plain: Timed<B> }> {
  let bestStage: Timed<A> | null = null;
  let bestPlain: Timed<B> | null = null;
  for (let round = 0; round < rounds; round++) {
    const s = await timed(() => stage(round));
    if (!bestStage || s.ms < bestStage.ms) bestStage = s;
    const p = await timed(() => plain(round));
    if (!bestPlain || p.ms < bestPlain.ms) bestPlain = p;
  }
  return { stage: bestStage!, plain: bestPlain! };
}
