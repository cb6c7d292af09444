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
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { authenticate } from './auth/middleware.ts';
import type { AppContext } from './context.ts';
import { ApiProblem, problemResponse } from './http/problem.ts';
import { openApiApp, Routes, type Env } from './http/route.ts';
import { merchantRoutes } from './routes/merchants.ts';
import { officerRoutes } from './routes/officers.ts';
import { operationRoutes } from './routes/operations.ts';
import { scientistRoutes } from './routes/scientists.ts';
import { simulatorRoutes } from './routes/simulator.ts';
import { mountPages } from './pages/index.tsx';

export function createApp(context: AppContext): OpenAPIHono<Env> {
  const app = openApiApp();
  app.use(requestId({ limitLength: 128 }));
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    context.log({
      level: c.res.status >= 500 ? 'error' : 'info',
      msg: 'request',
      request_id: c.get('requestId'),
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
  app.use(authenticate(context.secret));

  const routes = new Routes(app);
  operationRoutes(routes, context);
  merchantRoutes(routes, context);
  officerRoutes(routes, context);
  scientistRoutes(routes, context);
  simulatorRoutes(routes, context);
  mountPages(app, context);

  app.notFound((c) => {
    if (!c.req.path.startsWith('/api/')) return c.text('Not found', 404);
    return problemResponse(new ApiProblem(404, `no route ${c.req.method} ${c.req.path} (see /openapi.json)`), c.get('requestId'));
  });
  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) error = new ApiProblem(error.status, error.message);
    if (error instanceof ApiProblem) return problemResponse(error, c.get('requestId'), error.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
    context.log({ level: 'error', msg: 'unhandled error', request_id: c.get('requestId'), error: error.message, stack: error.stack });
    return problemResponse(new ApiProblem(500, `something went wrong on our side; quote request id ${c.get('requestId')}`), c.get('requestId'));
  });
  return app;
}
