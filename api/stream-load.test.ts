/**
 * Event streams under load: 30 clients reading the payment stream while the live network
 * lands 5,000 payments a second; /healthz keeps answering, and the stream past the cap is
 * refused with a 503 problem. Latencies are printed, not asserted (the machine is shared).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_TIMEOUT_MS, startTestServer, type TestServer } from './testing/test-server.ts';

let t: TestServer;
let admin: string;
const STREAMS = 30;

beforeAll(async () => {
  t = await startTestServer({ limits: { streams: STREAMS, streamBacklog: 2_000 } });
  admin = await t.token('admin');
}, FIXTURE_TIMEOUT_MS);
afterAll(async () => t?.close());

describe('30 open streams at 5,000 payments a second', () => {
  it('keeps /healthz answering, delivers payments to every stream, and refuses stream 31', async () => {
    const started = await t.call('POST', '/api/v1/live/start', { token: admin, body: { payments_per_second: 5000, seed: 3 } });
    expect(started.status).toBe(200);
    const controllers: AbortController[] = [];
    const received = new Array<number>(STREAMS).fill(0);
    const readers = [];
    for (let i = 0; i < STREAMS; i++) {
      const controller = new AbortController();
      controllers.push(controller);
      const response = await fetch(`${t.url}/api/v1/payments/stream`, { headers: { authorization: `Bearer ${admin}` }, signal: controller.signal });
      expect(response.status).toBe(200);
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
    }
    const extra = await t.call('GET', '/api/v1/payments/stream', { token: admin });
    expect(extra.status).toBe(503);
    expect(extra.type).toContain('application/problem+json');

    const latencies: number[] = [];
    for (let i = 0; i < 40; i++) {
      const before = performance.now();
      const health = await fetch(`${t.url}/healthz`, { signal: AbortSignal.timeout(30_000) });
      latencies.push(performance.now() - before);
      expect(health.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await t.call('POST', '/api/v1/live/stop', { token: admin });
    for (const controller of controllers) controller.abort();
    await Promise.all(readers);
    latencies.sort((a, b) => a - b);
    const produced = (await t.call('GET', '/api/v1/live', { token: admin })).json.produced;
    console.log(
      `stream load: ${STREAMS} streams, ${produced} payments produced; /healthz median ${latencies[20].toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms; bytes received per stream min ${Math.min(...received)} max ${Math.max(...received)}`,
    );
    expect(Math.min(...received)).toBeGreaterThan(0);
  }, 120_000);

  it('drops what a reader that does not keep up would pile up, and tells it how much', async () => {
    const response = await fetch(`${t.url}/api/v1/payments/stream`, { headers: { authorization: `Bearer ${admin}` } });
    const reader = response.body!.getReader();
    await reader.read(); // the 'ready' event; then this client stops reading for a while
    expect((await t.call('POST', '/api/v1/live/start', { token: admin, body: { payments_per_second: 5000, seed: 4 } })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await t.call('POST', '/api/v1/live/stop', { token: admin });
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
