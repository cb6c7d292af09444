/**
 * Landed payments as Server-Sent Events, for many clients at once without stalling the server:
 * a batch is turned into event text once and shared by every stream; each stream writes what
 * has piled up when it is ready for more; a client that reads too slowly has the excess dropped (and is told
 * how much, in a `lag` event) rather than growing the server's memory; and the number of open
 * streams is capped (503 past it).
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Payment } from '../../engine/schema/payment.ts';
import { ApiProblem } from '../http/problem.ts';
import type { LiveNetwork } from './live-network.ts';
import type { PaymentFeed } from './payment-feed.ts';

const IDLE_MS = 15_000;

const eventBytes = new WeakMap<Payment[], Uint8Array>();
const encoder = new TextEncoder();

/** A batch's events, encoded once however many streams send them. */
function bytesOf(batch: Payment[]): Uint8Array {
  let bytes = eventBytes.get(batch);
  if (bytes === undefined) {
    bytes = encoder.encode(batch.map((p) => `event: payment\nid: ${p.payment_id}\ndata: ${JSON.stringify(p)}\n\n`).join(''));
    eventBytes.set(batch, bytes);
  }
  return bytes;
}

export function paymentStream(c: Context, feed: PaymentFeed, live: LiveNetwork, limits: { streams: number; streamBacklog: number }): Response {
  if (feed.subscribers >= limits.streams) throw new ApiProblem(503, `${feed.subscribers} event streams are open, the most this server serves at once; retry later`);
  let pending: Payment[][] = [];
  let pendingRows = 0;
  let dropped = 0;
  let wake: (() => void) | null = null;
  let open = true;
  const unsubscribe = feed.subscribe(
    (batch) => {
      pending.push(batch);
      pendingRows += batch.length;
      // Past the backlog, the oldest waiting payments go (whole batches, or the head of one).
      while (pendingRows > limits.streamBacklog) {
        const excess = pendingRows - limits.streamBacklog;
        const oldest = pending[0];
        if (oldest.length <= excess) pending.shift();
        else pending[0] = oldest.slice(excess);
        const gone = Math.min(excess, oldest.length);
        pendingRows -= gone;
        dropped += gone;
      }
      wake?.();
    },
    () => {
      open = false;
      wake?.();
    },
  );
  return streamSSE(c, async (stream) => {
    stream.onAbort(() => {
      open = false;
      wake?.();
    });
    try {
      await stream.writeSSE({ event: 'ready', data: JSON.stringify(live.status()) });
      while (open) {
        if (pending.length === 0) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, IDLE_MS).unref();
          });
          wake = null;
          // A comment line keeps proxies from closing an idle stream.
          if (pending.length === 0 && open) await stream.write(': idle\n\n');
          continue;
        }
        const batches = pending;
        pending = [];
        pendingRows = 0;
        if (dropped > 0) await stream.write(`event: lag\ndata: ${JSON.stringify({ dropped })}\n\n`);
        dropped = 0;
        // Each write resolves when the client has taken it; what arrives meanwhile piles up above.
        for (const batch of batches) await stream.write(bytesOf(batch));
      }
    } finally {
      unsubscribe();
    }
  });
}
