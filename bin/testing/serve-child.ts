/**
 * `capillary serve` as a child process over a warehouse, and small HTTP helpers, for tests that
 * drive the real server from outside (the end-to-end tests of the one Easy Loan book).
 *
 * @example
 *   const server = await serveChild(warehouse);
 *   const offer = await call(server.url, 'GET', '/api/v1/merchants/M00000001/offer', token);
 *   await server.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { capillary } from './run-capillary.ts';

const cli = fileURLToPath(new URL('../capillary.mjs', import.meta.url));
const started: ChildProcess[] = [];

/** Starts `capillary serve --port 0 --db WAREHOUSE`; resolves with its URL once it listens. */
export async function serveChild(warehouse: string): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--db', warehouse], { stdio: ['ignore', 'ignore', 'pipe'] });
  started.push(child);
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const listening = /serving .* on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (listening) resolve(listening[1]);
    });
    child.on('exit', (code) => reject(new Error(`capillary serve exited ${code}: ${stderr}`)));
  });
  const stop = async () => {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    return code;
  };
  return { url, stop };
}

/** Kills any server child still running (for afterAll). */
export function killServerChildren(): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** A token from `capillary token ARGS --db WAREHOUSE`. */
export async function tokenFor(warehouse: string, ...args: string[]): Promise<string> {
  const issued = await capillary('token', ...args, '--db', warehouse);
  if (issued.code !== 0) throw new Error(`capillary token: ${issued.stderr}`);
  return issued.stdout.trim().split('\n').at(-1)!.trim();
}

/** One JSON request with a bearer token (and an Idempotency-Key when given). */
export async function call(url: string, method: string, path: string, bearer: string, body?: unknown, key?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${bearer}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (key) headers['idempotency-key'] = key;
  const response = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}
