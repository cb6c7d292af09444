/**
 * Routes declared once, with their zod schemas: the same declaration validates the request
 * (path, query, body, headers — each failure a 4xx problem naming the field), checks the role,
 * and becomes the route's entry in the OpenAPI document, so the two cannot drift apart.
 *
 * @example
 *   routes.add({ method: 'get', path: '/api/v1/jobs/:job_id', roles: ['scientist'], params: JobParams,
 *     responses: { 200: { description: 'the job', schema: JobSchema } } }, async (c, input) => ...);
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { principalFor, type AuthVariables } from '../auth/middleware.ts';
import type { Claims, Role } from '../auth/token.ts';
import { ApiProblem, fieldErrors } from './problem.ts';

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
  /** The raw body text, for idempotency hashes. */
  rawBody: string;
}

export class Routes {
  readonly specs: RouteSpec<AnyObject | undefined, AnyObject | undefined, z.ZodType | undefined>[] = [];

  constructor(private readonly app: Hono<Env>) {}

  add<P extends AnyObject | undefined = undefined, Q extends AnyObject | undefined = undefined, B extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<P, Q, B>,
    handler: (c: Context<Env>, input: RouteInput<P, Q, B>) => Promise<Response> | Response,
  ): void {
    this.specs.push(spec as RouteSpec<AnyObject | undefined, AnyObject | undefined, z.ZodType | undefined>);
    this.app.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const principal = spec.roles === 'public' ? (c.get('principal') as Claims) : principalFor(c.get('principal'), spec.roles);
      const params = parsePart(spec.params, c.req.param(), 'path');
      const query = parsePart(spec.query, queryObject(c), 'query');
      const headers: Record<string, string | undefined> = {};
      for (const header of spec.headers ?? []) {
        const value = c.req.header(header.name);
        if (value === undefined) {
          if (header.required) throw new ApiProblem(400, `the ${header.name} header is required: ${header.description}`, { field: header.name });
        } else {
          const parsed = header.schema.safeParse(value);
          if (!parsed.success) throw new ApiProblem(400, `${header.name}: ${parsed.error.issues[0].message}`, { field: header.name });
        }
        headers[header.name.toLowerCase()] = value;
      }
      let rawBody = '';
      let body: unknown = undefined;
      if (spec.body) {
        const type = c.req.header('content-type') ?? '';
        if (!/^application\/json\b/i.test(type)) throw new ApiProblem(415, `send the body as JSON (Content-Type: application/json; got '${type || 'none'}')`, { field: 'content-type' });
        rawBody = await c.req.text();
        let json: unknown;
        try {
          json = JSON.parse(rawBody);
        } catch (error) {
          throw new ApiProblem(400, `the body is not valid JSON: ${(error as Error).message}`, { field: 'body' });
        }
        const parsed = spec.body.safeParse(json);
        if (!parsed.success) throw invalid(parsed.error);
        body = parsed.data;
      }
      return handler(c, { params, query, body, headers, principal, rawBody } as RouteInput<P, Q, B>);
    });
  }
}

/** A JSON response, checked against its schema so that nothing undeclared leaves the server. */
export function reply<S extends z.ZodType>(c: Context<Env>, schema: S, value: z.input<S>, status: 200 | 201 | 202 = 200): Response {
  return c.json(schema.parse(value) as object, status);
}

function parsePart<T extends AnyObject | undefined>(schema: T, value: Record<string, string>, where: string): Infer<T> {
  if (!schema) return undefined as Infer<T>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(parsed.error, where);
  return parsed.data as Infer<T>;
}

function invalid(error: z.ZodError, where?: string): ApiProblem {
  const errors = fieldErrors(error, where);
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  // A bad path id reads as "no such thing" rather than "bad request", so ids cannot be probed.
  return new ApiProblem(where === 'path' ? 404 : 422, detail, { errors });
}

function queryObject(c: Context<Env>): Record<string, string> {
  const all = c.req.queries();
  const out: Record<string, string> = {};
  for (const [name, values] of Object.entries(all)) {
    if (values.length > 1) throw new ApiProblem(422, `query.${name}: give it once (got ${values.length} values)`, { field: `query.${name}` });
    out[name] = values[0];
  }
  return out;
}
