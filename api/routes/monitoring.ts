/** Credit officers and monitoring: the watch list, the collections queue, one monitored line, actions on it. */
import type { AppContext } from '../context.ts';
import { reply, type Routes } from '../http/route.ts';
import {
  CollectionsQuerySchema, CollectionsSchema, LineActionRequestSchema, LineActionResultSchema, LineParamsSchema, MonitoredLineSchema,
  WatchListQuerySchema, WatchListSchema,
} from '../monitoring/schemas.ts';

const OFFICERS = ['officer', 'admin'] as const;

export function monitoringRoutes(routes: Routes, context: AppContext): void {
  routes.add(
    {
      method: 'get',
      path: '/api/v1/monitoring/watch-list',
      tag: 'officers',
      summary: 'the watch list: lines with a warning at the latest monitoring run, worst first, by signal',
      roles: OFFICERS,
      query: WatchListQuerySchema,
      responses: { 200: { description: 'the watch list', schema: WatchListSchema } },
    },
    async (c, { query }) => reply(c, WatchListSchema, await context.monitoring.watchList(query)),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/monitoring/collections',
      tag: 'officers',
      summary: 'the collections queue: lines past due by bucket (1–29, 30–59, 60–89, 90+ days), most overdue first',
      roles: OFFICERS,
      query: CollectionsQuerySchema,
      responses: { 200: { description: 'the buckets and their lines', schema: CollectionsSchema } },
    },
    async (c, { query }) => reply(c, CollectionsSchema, await context.monitoring.collections(query)),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/monitoring/lines/:line_id',
      tag: 'officers',
      summary: 'one line: its state, latest signals, turnover, ledger (reasons in words) and audit trail',
      roles: OFFICERS,
      params: LineParamsSchema,
      responses: { 200: { description: 'the line', schema: MonitoredLineSchema }, 404: { description: 'no such line' } },
    },
    async (c, { params }) => reply(c, MonitoredLineSchema, await context.monitoring.line(params.line_id)),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/monitoring/lines/:line_id/actions',
      tag: 'officers',
      summary: 'confirm monitoring’s latest action, override it with a reason (a freeze or limit change is reversed in the ledger), or log a contact',
      roles: OFFICERS,
      params: LineParamsSchema,
      body: LineActionRequestSchema,
      responses: {
        201: { description: 'the audit entry, the ledger event written (if any) and the line after it', schema: LineActionResultSchema },
        404: { description: 'no such line' },
        409: { description: 'nothing monitoring did to confirm or override, or the line changed meanwhile' },
      },
    },
    async (c, { params, body, principal }) =>
      reply(c, LineActionResultSchema, await context.monitoring.act(params.line_id, body, principal.sub, c.get('requestId')), 201),
  );
}
