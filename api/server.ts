/**
 * The one entry that runs the API: opens the warehouse (the server holds it while it runs —
 * ARCHITECTURE.md §5), serves the app, and shuts down gracefully: readiness drops, the live network
 * and event streams stop, in-flight requests finish, running jobs finish (or, past the grace
 * period, are marked interrupted to resume on the next start), then the warehouse closes.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Database } from '../engine/db/index.ts';
import { createApp } from './app.ts';
import { openContext, type AppContext, type ContextOptions } from './context.ts';

export interface ServerOptions extends ContextOptions {
  db: string;
  port?: number;
  /** Default 127.0.0.1 (CAPILLARY_HOST overrides, e.g. 0.0.0.0 in a container). */
  host?: string;
  /** How long shutdown waits for running jobs before marking them interrupted (default 30 s). */
  jobGraceMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  context: AppContext;
  /** Graceful shutdown; safe to call twice. */
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const db = await Database.open(options.db);
  let context: AppContext;
  try {
    context = await openContext(db, options);
  } catch (error) {
    db.close();
    throw error;
  }
  const app = createApp(context);
  const host = options.host ?? process.env.CAPILLARY_HOST ?? '127.0.0.1';
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: host }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      context.ready = false;
      await context.live.close();
      context.payments.closeAll();
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      const grace = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), options.jobGraceMs ?? 30_000).unref());
      const drained = (await Promise.race([context.jobs.drain().then(() => 'drained' as const), grace])) === 'drained';
      // A job still running keeps its connection: it is marked interrupted (its transaction
      // never commits) and runs again on the next start; the process exit closes the file.
      if (!drained) await context.jobs.interrupt();
      await serverClosed;
      if (drained) db.close();
      context.log({ level: 'info', msg: 'server stopped' });
    })());
  context.log({ level: 'info', msg: 'server listening', url: `http://${host}:${port}`, db: db.path, offers: context.offers.size });
  return { url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`, port, context, close };
}
