/**
 * Routes declared once, with their zod schemas, through @hono/zod-openapi: the same declaration
 * validates the request (path, query, headers, body — each failure a 4xx problem naming the
 * field), checks the role, and is the route's entry in /openapi.json. Every status a route can
 * answer is declared with its body: the ones every route of its shape can give (401/403 for a
 * token, 404 for a path id, 422 for a query or body, 400/413/415 for a body) are added here, so
 * a route declares only its own.
 *
 * @example
 *   routes.add({ method: 'get', path: '/api/v1/jobs/:job_id', roles: ['scientist'], params: JobParams,
 *     responses: { 200: { description: 'the job', schema: JobSchema } } }, async (c, input) => ...);
 */
import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { principalFor, type AuthVariables } from '../auth/middleware.ts';
import type { Claims, Role } from '../auth/token.ts';
import { ApiProblem, fieldErrors, ProblemSchema } from './problem.ts';

export type Env = { Variables: AuthVariables & { requestId: string } };
type AnyObject = z.ZodObject;

export interface HeaderSpec {
  name: string;
  required: boolean;
  description: string;
  schema: z.ZodString;
}

export interface ResponseSpec {
  description: string;
  /** Absent on an error status: the body is a problem (application/problem+json). */
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

export interface RouteSpec<P extends AnyObject | undefined = undefined, Q extends AnyObject | undefined = undefined, B extends z.ZodType | undefined = undefined> {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Hono style: `/api/v1/merchants/:merchant_id/offer`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Who may call it; 'public' needs no token. */
  roles: readonly Role[] | 'public';
  params?: P;
  query?: Q;
  body?: B;
  headers?: HeaderSpec[];
  responses: Record<number, ResponseSpec>;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

export interface RouteInput<P, Q, B> {
  params: Infer<P>;
  query: Infer<Q>;
  body: Infer<B>;
  headers: Record<string, string | undefined>;
  /** The caller; null only on public routes. */
  principal: Claims;
}

const PROBLEM = { 'application/problem+json': { schema: ProblemSchema } };

/** A validation failure as the problem a client can act on; `where` is zod-validator's target. */
function validationHook(spec: RouteSpec<AnyObject | undefined, AnyObject | undefined, z.ZodType | undefined>) {
  return (result: { success: boolean; error?: z.ZodError; target: string }, c: Context): void => {
    if (result.success) return;
    if (result.target === 'header') {
      for (const header of spec.headers ?? []) {
        const value = c.req.header(header.name);
        if (value === undefined && header.required) throw new ApiProblem(400, `the ${header.name} header is required: ${header.description}`, { field: header.name });
        const parsed = (header.required ? header.schema : header.schema.optional()).safeParse(value);
        if (!parsed.success) throw new ApiProblem(400, `${header.name}: ${parsed.error.issues[0].message}`, { field: header.name });
      }
    }
    throw invalid(result.error!, result.target === 'param' ? 'path' : result.target === 'json' ? undefined : result.target);
  };
}

export class Routes {
  constructor(readonly app: OpenAPIHono<Env>) {}

  add<P extends AnyObject | undefined = undefined, Q extends AnyObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<P, Q, B>,
    handler: (c: Context<Env>, input: RouteInput<P, Q, B>) => Promise<Response> | Response,
  ): void {
    const headers = spec.headers?.length
      ? z.object(Object.fromEntries(spec.headers.map((h) => [h.name.toLowerCase(), (h.required ? h.schema : h.schema.optional()).describe(h.description)])))
      : undefined;
    const guard: MiddlewareHandler<Env> = async (c, next) => {
      if (spec.roles !== 'public') principalFor(c.get('principal'), spec.roles);
      if (spec.body) await checkJsonBody(c);
      await next();
    };
    const config = {
      method: spec.method,
      path: spec.path.replace(/:([A-Za-z_]+)/g, '{$1}'),
      operationId: operationId(spec.method, spec.path),
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      ...(spec.roles === 'public' ? { security: [] } : { 'x-roles': [...spec.roles] }),
      middleware: [guard],
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(headers ? { headers } : {}),
        ...(spec.body ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
      },
      responses: responsesOf(spec as RouteSpec<AnyObject | undefined, AnyObject | undefined, z.ZodType | undefined>),
    } as unknown as RouteConfig;
    const hook = validationHook(spec as RouteSpec<AnyObject | undefined, AnyObject | undefined, z.ZodType | undefined>);
    this.app.openapi(
      createRoute(config),
      ((c: Context<Env>) => {
        const valid = c.req as unknown as { valid(target: string): unknown };
        return handler(c, {
          params: spec.params ? valid.valid('param') : undefined,
          query: spec.query ? valid.valid('query') : undefined,
          body: spec.body ? valid.valid('json') : undefined,
          headers: headers ? (valid.valid('header') as Record<string, string | undefined>) : {},
          principal: c.get('principal') as Claims,
        } as RouteInput<P, Q, B>);
      }) as never,
      hook as never,
    );
  }
}

/** The declared responses and the ones every route of this shape can give, each error a problem. */
function responsesOf(spec: RouteSpec<AnyObject | undefined, AnyObject | undefined, z.ZodType | undefined>): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } } : Number(status) >= 400 ? { content: PROBLEM } : {}),
    };
  }
  const add = (status: number, description: string) => {
    responses[status] ??= { description, content: PROBLEM };
  };
  if (spec.roles !== 'public') {
    add(401, 'no valid token (missing, damaged, expired or revoked)');
    add(403, `the token's role is not ${spec.roles.join(' or ')}`);
  }
  if (spec.params) add(404, 'no such thing (an id that is not well formed reads the same)');
  if (spec.body || spec.query) add(422, 'a field is invalid (the problem names it)');
  if (spec.body || spec.headers?.length) add(400, 'a required header is missing or the body is not valid JSON');
  if (spec.body) {
    add(413, 'the body is too large');
    add(415, 'the body is not application/json');
  }
  return responses;
}

/** 415 for a body that is not JSON, 400 for JSON that does not parse, before the schema sees it. */
async function checkJsonBody(c: Context): Promise<void> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;.*)?$/i.test(type)) throw new ApiProblem(415, `send the body as JSON (Content-Type: application/json; got '${type.slice(0, 80) || 'none'}')`, { field: 'content-type' });
  const text = await c.req.text();
  try {
    JSON.parse(text);
  } catch (error) {
    throw new ApiProblem(400, `the body is not valid JSON: ${(error as Error).message}`, { field: 'body' });
  }
}

/** A JSON response, checked against its schema so that nothing undeclared leaves the server. */
export function reply<S extends z.ZodType>(c: Context<Env>, schema: S, value: z.input<S>, status: 200 | 201 | 202 = 200): Response {
  return c.json(schema.parse(value) as object, status);
}

function invalid(error: z.ZodError, where?: string): ApiProblem {
  const errors = fieldErrors(error, where);
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  // A bad path id reads as "no such thing" rather than "bad request", so ids cannot be probed.
  return new ApiProblem(where === 'path' ? 404 : 422, detail, { errors });
}

/** The app the routes are declared on; its document is /openapi.json. */
export function openApiApp(): OpenAPIHono<Env> {
  const app = new OpenAPIHono<Env>();
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'capillary token --role ROLE [--merchant ID]' });
  return app;
}

export function openApiDocument(app: OpenAPIHono<Env>, version: string): Record<string, unknown> {
  return withoutStorageHints(app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Capillary API', version, description: 'Easy Loan credit lines from QR payment turnover: merchants, credit officers, data scientists and the simulator.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
  })) as Record<string, unknown>;
}

/** The schemas' storage hints for table DDL (`sql`, `unit` in zod metadata) are not part of the wire format. */
function withoutStorageHints(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutStorageHints(item));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inProperties && (key === 'sql' || key === 'unit') && typeof value === 'string') continue;
    out[key] = withoutStorageHints(value, key === 'properties' && !inProperties);
  }
  return out;
}

function operationId(method: string, path: string): string {
  const words = path.replace(/^\/api\/v1\//, '').split('/').map((part) => (part.startsWith(':') ? `by_${part.slice(1)}` : part));
  return [method, ...words].join('_').replace(/[^A-Za-z0-9_]/g, '_');
}
