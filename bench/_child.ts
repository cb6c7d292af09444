/**
 * A node child in the repo for the benchmarks that run a stage or a server in a process of its
 * own (as `capillary serve` would run), its output going to a log file (a pipe read by this busy
 * process would stall the child's writes), and its peak memory as the kernel counts it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

/** Starts `node args...` and waits until `ready` matches its log; the match's first group is returned as the port. */
export async function child(args: string[], ready: RegExp, logFile: string): Promise<{ process: ChildProcess; port: number }> {
  const out = openSync(logFile, 'w');
  const proc = spawn(process.execPath, args, { cwd: new URL('..', import.meta.url).pathname, stdio: ['ignore', out, out] });
  closeSync(out);
  let exited: number | null = null;
  proc.once('exit', (code) => {
    exited = code ?? -1;
  });
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = readFileSync(logFile, 'utf8');
    const match = ready.exec(log);
    if (match) return { process: proc, port: Number(match[1]) };
    if (exited !== null) throw new Error(`${args.join(' ')} exited with ${exited}: ${log.slice(-2000)}`);
  }
}

/** Peak resident memory of a live process (VmHWM in /proc/<pid>/status), in bytes. */
export function peakRss(pid: number | 'self'): number {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}
