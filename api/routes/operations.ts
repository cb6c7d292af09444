/** Operations: liveness, readiness, the OpenAPI document and its docs page. */
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { ApiProblem } from '../http/problem.ts';
import { openApiDocument, reply, type Routes } from '../http/route.ts';
import { docsPage } from '../openapi/docs-page.ts';

export const HealthSchema = z.object({ status: z.literal('ok') }).strict();
export const ReadinessSchema = z
  .object({ status: z.literal('ready'), offers: z.number().int().min(0), offers_loaded_at: z.string().nullable(), job_running: z.boolean() })
  .strict();

export function operationRoutes(routes: Routes, context: AppContext): void {
  routes.add(
    { method: 'get', path: '/healthz', tag: 'operations', summary: 'the process is up', roles: 'public', responses: { 200: { description: 'alive', schema: HealthSchema } } },
    (c) => reply(c, HealthSchema, { status: 'ok' }),
  );

  routes.add(
    {
      method: 'get',
      path: '/readyz',
      tag: 'operations',
      summary: 'the warehouse is open and the offer index loaded (503 while starting or shutting down)',
      roles: 'public',
      responses: { 200: { description: 'ready', schema: ReadinessSchema }, 503: { description: 'not ready' } },
    },
    async (c) => {
      if (!context.ready) throw new ApiProblem(503, 'starting up or shutting down');
      await context.db.one('SELECT 1 AS ok');
      return reply(c, ReadinessSchema, {
        status: 'ready',
        offers: context.offers.size,
        offers_loaded_at: context.offers.loadedAt?.toISOString() ?? null,
        job_running: context.jobs.busy,
      });
    },
  );

  let document: Record<string, unknown> | null = null;
  routes.add(
    {
      method: 'get',
      path: '/openapi.json',
      tag: 'operations',
      summary: 'this document (OpenAPI 3.1, generated from the routes’ zod schemas)',
      roles: 'public',
      responses: { 200: { description: 'the OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
    },
    (c) => {
      document ??= openApiDocument(routes.app, context.version);
      return c.json(document);
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/docs',
      tag: 'operations',
      summary: 'interactive API docs (served from here, no CDN)',
      roles: 'public',
      responses: { 200: { description: 'an HTML page', contentType: 'text/html', schema: z.string() } },
    },
    (c) => c.html(docsPage(c.get('secureHeadersNonce') ?? '')),
  );
}
