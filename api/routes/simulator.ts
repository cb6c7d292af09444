/**
 * The simulator, run from the server: a simulation run as a job (then ingested and run through
 * the pipeline), payments posted as a JSON batch, and a live network whose payments stream out
 * as Server-Sent Events while they land in the warehouse.
 */
import { z } from 'zod';
import { InvalidOptionsError, parseSimulationOptions } from '../../engine/simulator/index.ts';
import type { AppContext } from '../context.ts';
import { ApiProblem } from '../http/problem.ts';
import { reply, type Routes } from '../http/route.ts';
import { JobViewSchema, SimulateJobSchema } from '../jobs/schemas.ts';
import { jobView } from '../jobs/view.ts';
import { JOB_QUEUE_RESPONSES } from './scientists.ts';
import { paymentStream } from '../simulator/payment-stream.ts';
import { BatchResultSchema, LiveStartSchema, LiveStatusSchema, PaymentBatchSchema, StreamEventSchema } from '../simulator/schemas.ts';

const OPERATORS = ['scientist', 'admin'] as const;

export function simulatorRoutes(routes: Routes, context: AppContext): void {
  routes.add(
    {
      method: 'post',
      path: '/api/v1/jobs/simulate',
      tag: 'simulator',
      summary: 'simulate a network (the CLI’s options) into a lake of its own, and with warehouse: true into a warehouse of its own (never the serving one), as one job',
      roles: OPERATORS,
      body: SimulateJobSchema,
      responses: { 202: { description: 'the queued job', schema: JobViewSchema }, ...JOB_QUEUE_RESPONSES },
    },
    async (c, { body, principal }) => {
      const { limits } = context;
      const caps = [
        ['merchants', body.merchants, limits.simulateMerchants, 'merchants'],
        ['days', body.days, limits.simulateDays, 'days'],
        ['merchants', body.merchants * body.days, limits.simulateMerchantDays, 'merchant-days (merchants × days)'],
      ] as const;
      for (const [field, value, cap, what] of caps) {
        if (value > cap) throw new ApiProblem(422, `${field}: at most ${cap.toLocaleString('en-US')} ${what} per simulation on this server (asked ${value.toLocaleString('en-US')})`, { field });
      }
      try {
        const { warehouse: _, ...simulation } = body;
        parseSimulationOptions({ ...simulation, out: 'check-only' });
      } catch (error) {
        if (error instanceof InvalidOptionsError) {
          const errors = error.problems.map((p) => ({ field: p.slice(2, p.indexOf(':')), message: p.slice(p.indexOf(':') + 2) }));
          throw new ApiProblem(422, error.message.replaceAll('--', ''), { errors });
        }
        throw error;
      }
      const job = await context.jobs.submit('simulate', body, principal.sub, principal.role);
      c.header('Location', `/api/v1/jobs/${job.job_id}`);
      return reply(c, JobViewSchema, jobView(job), 202);
    },
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/payments',
      tag: 'simulator',
      summary: 'a batch of payments: each row validated, loaded or quarantined with its reason',
      roles: OPERATORS,
      body: PaymentBatchSchema,
      responses: { 200: { description: 'what was loaded, quarantined and skipped as duplicates', schema: BatchResultSchema } },
    },
    async (c, { body }) => reply(c, BatchResultSchema, await context.payments.ingest(body.payments)),
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/live',
      tag: 'simulator',
      summary: 'the live network: running or not, its rate, payments produced',
      roles: OPERATORS,
      responses: { 200: { description: 'status', schema: LiveStatusSchema } },
    },
    (c) => reply(c, LiveStatusSchema, context.live.status()),
  );

  routes.add(
    {
      method: 'post',
      path: '/api/v1/live/start',
      tag: 'simulator',
      summary: 'start (or restart) the live network at a rate of payments per second',
      roles: OPERATORS,
      body: LiveStartSchema,
      responses: { 200: { description: 'status', schema: LiveStatusSchema }, 409: { description: 'no merchants in the warehouse' } },
    },
    async (c, { body }) => {
      await context.live.start(body.payments_per_second, body.seed).catch((error: Error) => {
        throw new ApiProblem(409, error.message);
      });
      return reply(c, LiveStatusSchema, context.live.status());
    },
  );

  routes.add(
    { method: 'post', path: '/api/v1/live/stop', tag: 'simulator', summary: 'stop the live network', roles: OPERATORS, responses: { 200: { description: 'status', schema: LiveStatusSchema } } },
    async (c) => {
      await context.live.close();
      return reply(c, LiveStatusSchema, context.live.status());
    },
  );

  routes.add(
    {
      method: 'get',
      path: '/api/v1/payments/stream',
      tag: 'simulator',
      summary: 'Server-Sent Events: every payment that lands in the warehouse (event `payment`, data a Payment record)',
      roles: OPERATORS,
      responses: {
        200: { description: 'an event stream: `ready` once, then `payment` per landed payment, `lag` when this client fell behind; each item here is one event with its data parsed', contentType: 'text/event-stream', schema: z.array(StreamEventSchema) },
        503: { description: 'as many event streams are open as the server serves at once' },
      },
    },
    (c) => paymentStream(c, context.payments, context.live, context.limits),
  );
}
