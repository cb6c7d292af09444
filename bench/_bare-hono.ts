/** A bare Hono app returning a constant JSON, the yardstick of bench/api.ts (its own process). */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/constant', (c) => c.json({ status: 'ok', merchant_id: 'M00000001', line_fen: 10_000_000 }));
// The same constant behind the offer route's path shape, for a client that varies the path.
app.get('/api/v1/merchants/:merchant_id/offer', (c) => c.json({ status: 'ok', merchant_id: 'M00000001', line_fen: 10_000_000 }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.stdout.write(`listening ${info.port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
