/**
 * Errors as RFC 9457 problem details (application/problem+json): a status, a title, a detail a
 * person can act on, and — for bad input — the field at fault. Routes throw ApiProblem; the
 * app's error handler writes it, and turns anything unexpected into a 500 without internals.
 */
import { z } from 'zod';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    /** The first field at fault: a body path (`amount_fen`, `payments.3.paid_at`), a query or path parameter, or a header. */
    field: z.string().optional(),
    /** Every field at fault, when there are several. */
    errors: z.array(z.object({ field: z.string(), message: z.string() }).strict()).optional(),
    request_id: z.string().optional(),
    /** On a 409: the thing's state now, so the client can decide what to do without another read. */
    current: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type Problem = z.infer<typeof ProblemSchema>;

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export class ApiProblem extends Error {
  readonly status: number;
  readonly field: string | undefined;
  readonly errors: { field: string; message: string }[] | undefined;
  readonly current: Record<string, unknown> | undefined;

  constructor(status: number, detail: string, options: { field?: string; errors?: { field: string; message: string }[]; current?: Record<string, unknown> } = {}) {
    super(detail);
    this.name = 'ApiProblem';
    this.status = status;
    this.field = options.field ?? options.errors?.[0]?.field;
    this.errors = options.errors;
    this.current = options.current;
  }

  body(requestId?: string): Problem {
    const title = TITLES[this.status] ?? 'Error';
    return {
      type: `https://capillary.invalid/problems/${title.toLowerCase().replaceAll(' ', '-')}`,
      title,
      status: this.status,
      detail: this.message,
      ...(this.field !== undefined ? { field: this.field } : {}),
      ...(this.errors && this.errors.length > 1 ? { errors: this.errors } : {}),
      ...(requestId ? { request_id: requestId } : {}),
      ...(this.current ? { current: this.current } : {}),
    };
  }
}

export function problemResponse(problem: ApiProblem, requestId?: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem.body(requestId)), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
}

/** zod issues as fields and messages; `where` prefixes query, path and header fields. */
export function fieldErrors(error: z.ZodError, where?: string): { field: string; message: string }[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    const join = (name: string) => [where, name].filter(Boolean).join('.') || 'body';
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: join(base ? `${base}.${key}` : key), message: `unknown field '${key}'` }));
    }
    return [{ field: join(base), message: issue.message }];
  });
}
