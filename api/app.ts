/**
 * The Hono app: request ids, JSON request logs, body limits, authentication, the JSON routes
 * under /api/v1 (plus /healthz, /readyz, /openapi.json, /docs), and errors as problem+json.
 * Paths outside /api are the pages (api/pages, `mountPages`), which sign in with the same tokens
 * through the `capillary_token` cookie that `authenticate` also reads.
 *
 * @example
 *   const app = createApp(await openContext(db));
 *   serve({ fetch: app.fetch, port: 3000 });
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { randomUUID } from 'node:crypto';
import { HTTPException } from 'hono/http-exception';
import { csrf } from 'hono/csrf';
import { authenticate } from './auth/middleware.ts';
import { pageHeaders } from './http/page-headers.ts';
import type { AppContext } from './context.ts';
import { ApiProblem, problemResponse } from './http/problem.ts';
import { openApiApp, Routes, type Env } from './http/route.ts';
import { merchantRoutes } from './routes/merchants.ts';
import { monitoringRoutes } from './routes/monitoring.ts';
import { officerRoutes } from './routes/officers.ts';
import { operationRoutes } from './routes/operations.ts';
import { portfolioRoutes } from './routes/portfolio.ts';
import { scientistRoutes } from './routes/scientists.ts';
import { simulatorRoutes } from './routes/simulator.ts';
import { mountPages } from './pages/index.tsx';

/** A page form posted from another site (no matching Origin or Sec-Fetch-Site) is refused with 403. */
const pageForms = csrf();

export function createApp(context: AppContext): OpenAPIHono<Env> {
  const app = openApiApp();
  app.use(async (c, next) => {
    const started = performance.now();
    // The server makes every request id; a client's own id is only logged beside it (bounded,
    // printable), never trusted as ours or written into the audit log.
    c.set('requestId', randomUUID());
    c.header('X-Request-Id', c.get('requestId'));
    const clientId = c.req.header('x-request-id');
    await next();
    context.log({
      level: c.res.status >= 500 ? 'error' : 'info',
      msg: 'request',
      request_id: c.get('requestId'),
      ...(clientId ? { client_request_id: clientId.slice(0, 128).replace(/[^\x20-\x7e]/g, '?') } : {}),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      role: c.get('principal')?.role ?? null,
    });
  });
  const tooLarge = (limit: number) => (c: { get(key: 'requestId'): string }) =>
    problemResponse(new ApiProblem(413, `the body is larger than ${limit.toLocaleString('en-US')} bytes`, { field: 'body' }), c.get('requestId'));
  app.use('/api/v1/payments', bodyLimit({ maxSize: context.limits.paymentBatchBytes, onError: tooLarge(context.limits.paymentBatchBytes) }));
  const apiLimit = bodyLimit({ maxSize: context.limits.bodyBytes, onError: tooLarge(context.limits.bodyBytes) });
  app.use('/api/*', async (c, next) => (c.req.method === 'GET' || c.req.path === '/api/v1/payments' ? next() : apiLimit(c, next)));
  app.use('/api/*', authenticate(context.tokens));
  // Pages and /docs are what a browser renders; page forms must come from this origin.
  app.use('*', async (c, next) => (c.req.path.startsWith('/api/') || c.req.path === '/openapi.json' ? next() : pageHeaders(c, next)));
  app.use('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : pageForms(c, next)));

  const routes = new Routes(app);
  operationRoutes(routes, context);
  merchantRoutes(routes, context);
  officerRoutes(routes, context);
  portfolioRoutes(routes, context);
  monitoringRoutes(routes, context);
  scientistRoutes(routes, context);
  simulatorRoutes(routes, context);
  mountPages(app, context);

  app.notFound((c) => {
    if (!c.req.path.startsWith('/api/')) return c.text('Not found', 404);
    return problemResponse(new ApiProblem(404, `no route ${c.req.method} ${c.req.path} (see /openapi.json)`), c.get('requestId'));
  });
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      if (!c.req.path.startsWith('/api/')) return error.getResponse();
      error = new ApiProblem(error.status, error.message);
    }
    if (error instanceof ApiProblem) return problemResponse(error, c.get('requestId'), error.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
    context.log({ level: 'error', msg: 'unhandled error', request_id: c.get('requestId'), error: error.message, stack: error.stack });
    return problemResponse(new ApiProblem(500, `something went wrong on our side; quote request id ${c.get('requestId')}`), c.get('requestId'));
  });
  return app;
}
