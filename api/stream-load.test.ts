/**
 * Event streams under load, with the server in a process of its own (`capillary serve` over a
 * copy of the fixture warehouse) so that what is measured is the server, not this test's
 * readers: 30 clients read the payment stream while the live network lands 5,000 payments a
 * second; /healthz keeps answering; streams past the cap are refused with a 503 problem; a
 * reader that stops reading has its backlog dropped and is told so (that one in this process,
 * with a small backlog). Latencies are printed, not
 * asserted (the machine is shared).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenAuthority } from './auth/token.ts';
import { DEFAULT_LIMITS } from './context.ts';
import { FIXTURE_TODAY, fixtureWarehouse } from './testing/fixture-warehouse.ts';
import { FIXTURE_TIMEOUT_MS, startTestServer, type TestServer } from './testing/test-server.ts';

const STREAMS = 30;
let dir: string;
let server: ChildProcess;
let url: string;
let admin: string;

beforeAll(async () => {
  const fixture = await fixtureWarehouse();
  dir = fixture.dir;
  const log = join(dir, 'server.log');
  const out = openSync(log, 'w');
  const cli = new URL('../bin/capillary.mjs', import.meta.url).pathname;
  server = spawn(process.execPath, [cli, 'serve', '--db', fixture.db, '--port', '0', '--business-date', FIXTURE_TODAY], { stdio: ['ignore', out, out] });
  closeSync(out);
  for (let i = 0; !url; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(readFileSync(log, 'utf8'));
    if (match) url = match[1];
    if (server.exitCode !== null || i > 600) throw new Error(`the server did not start: ${readFileSync(log, 'utf8').slice(-2000)}`);
  }
  admin = await TokenAuthority.forWarehouse(fixture.db).sign({ role: 'admin', sub: 'load-tester' });
}, FIXTURE_TIMEOUT_MS);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const call = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, type: response.headers.get('content-type') ?? '', json: (await response.json()) as Record<string, unknown> };
};

describe(`${STREAMS} open streams at 5,000 payments a second`, () => {
  it('keeps /healthz answering, delivers payments to every stream, and refuses streams past the cap', async () => {
    expect((await call('POST', '/api/v1/live/start', { payments_per_second: 5000, seed: 3 })).status).toBe(200);
    const controllers: AbortController[] = [];
    const received = new Array<number>(STREAMS).fill(0);
    const readers: Promise<void>[] = [];
    const open = async (i: number) => {
      const controller = new AbortController();
      const response = await fetch(`${url}/api/v1/payments/stream`, { headers: { authorization: `Bearer ${admin}` }, signal: controller.signal });
      if (response.status !== 200) return response;
      controllers.push(controller);
      const reader = response.body!.getReader();
      readers.push(
        (async () => {
          try {
            for (;;) {
              const { done, value } = await reader.read();
              if (done) return;
              received[i] += value.byteLength;
            }
          } catch {
            // aborted at the end
          }
        })(),
      );
      return response;
    };
    for (let i = 0; i < STREAMS; i++) expect((await open(i)).status).toBe(200);
    // Up to the cap more may open; past it, 503.
    let refused: Response | undefined;
    for (let i = STREAMS; i < DEFAULT_LIMITS.streams + 1 && !refused; i++) {
      const response = await open(STREAMS - 1);
      if (response.status !== 200) refused = response;
    }
    expect(refused!.status).toBe(503);
    expect(refused!.headers.get('content-type')).toContain('application/problem+json');
    controllers.splice(STREAMS).forEach((c) => c.abort());

    const latencies: number[] = [];
    for (let i = 0; i < 60; i++) {
      const before = performance.now();
      const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(30_000) });
      latencies.push(performance.now() - before);
      expect(health.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await call('POST', '/api/v1/live/stop');
    const produced = (await call('GET', '/api/v1/live')).json.produced;
    for (const controller of controllers) controller.abort();
    await Promise.all(readers);
    latencies.sort((a, b) => a - b);
    console.log(
      `stream load (server in its own process): ${STREAMS} streams, ${produced} payments produced; /healthz median ${latencies[30].toFixed(1)} ms, p95 ${latencies[56].toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms; bytes received per stream min ${Math.min(...received.slice(0, STREAMS))}`,
    );
    expect(Math.min(...received.slice(0, STREAMS))).toBeGreaterThan(0);
  }, 120_000);
});

describe('a reader that stops reading', () => {
  // In this process, with a small backlog, so that it is passed within seconds.
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ limits: { streamBacklog: 2_000 } });
  }, FIXTURE_TIMEOUT_MS);
  afterAll(async () => t?.close());

  it('drops what a reader that does not keep up would pile up, and tells it how much', async () => {
    const token = await t.token('admin');
    const response = await fetch(`${t.url}/api/v1/payments/stream`, { headers: { authorization: `Bearer ${token}` } });
    const reader = response.body!.getReader();
    await reader.read(); // the 'ready' event; then this client stops reading for a while
    expect((await t.call('POST', '/api/v1/live/start', { token, body: { payments_per_second: 5000, seed: 4 } })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await t.call('POST', '/api/v1/live/stop', { token });
    const decoder = new TextDecoder();
    let text = '';
    let lag: { dropped: number } | null = null;
    while (!lag) {
      const { done, value } = await reader.read();
      if (done) break;
      text = (text + decoder.decode(value, { stream: true })).slice(-4096);
      const match = /event: lag\ndata: (\{[^\n]*\})/.exec(text);
      if (match) lag = JSON.parse(match[1]);
      // An idle comment: everything waiting has been read, and no lag was reported.
      if (text.includes(': idle')) break;
    }
    await reader.cancel();
    console.log(`stream lag: ${lag?.dropped ?? 0} payments dropped for a paused reader`);
    expect(lag!.dropped).toBeGreaterThan(0);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
