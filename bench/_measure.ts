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
