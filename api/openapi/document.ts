/**
 * The OpenAPI 3.1 document, generated from the declared routes and their zod schemas
 * (z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 uses it). Nothing here is written by hand
 * per route: a route added to `Routes` appears in the document with what it accepts.
 */
import { z } from 'zod';
import { ProblemSchema } from '../http/problem.ts';
import type { RouteSpec } from '../http/route.ts';

type JsonSchema = Record<string, unknown>;

export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: (ctx) => {
      // Storage hints for table DDL, not part of the wire format.
      delete (ctx.jsonSchema as JsonSchema).sql;
      delete (ctx.jsonSchema as JsonSchema).unit;
    },
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

export function openApiDocument(specs: readonly RouteSpec<z.ZodObject | undefined, z.ZodObject | undefined, z.ZodType | undefined>[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = spec.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
      if (!schema) continue;
      const json = jsonSchemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, property] of Object.entries(json.properties ?? {})) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          ...(typeof property.description === 'string' ? { description: property.description } : {}),
          schema: property,
        });
      }
    }
    for (const header of spec.headers ?? []) {
      parameters.push({ name: header.name, in: 'header', required: header.required, description: header.description, schema: jsonSchemaOf(header.schema, 'input') });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(spec.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema ? { content: { [response.contentType ?? 'application/json']: { schema: jsonSchemaOf(response.schema, 'output') } } } : {}),
      };
    }
    const problem = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    if (spec.roles !== 'public') {
      responses['401'] ??= { description: 'no valid token', ...problem };
      responses['403'] ??= { description: `the token's role is not ${spec.roles.join(' or ')}`, ...problem };
    }
    if (spec.body || spec.query || spec.params) responses['422'] ??= { description: 'a field is invalid (the problem names it)', ...problem };
    paths[path] ??= {};
    paths[path][spec.method] = {
      operationId: operationId(spec.method, spec.path),
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      ...(spec.roles === 'public' ? { security: [] } : { 'x-roles': spec.roles }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(spec.body, 'input') } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Capillary API',
      version,
      description: 'Easy Loan credit lines from QR payment turnover: merchants, credit officers, data scientists and the simulator.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'capillary token --role ROLE [--merchant ID]' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'capillary_token' },
      },
      schemas: { Problem: jsonSchemaOf(ProblemSchema, 'output') },
    },
    paths,
  };
}

function operationId(method: string, path: string): string {
  const words = path.replace(/^\/api\/v1\//, '').split('/').map((part) => (part.startsWith(':') ? `by_${part.slice(1)}` : part));
  return [method, ...words].join('_').replace(/[^A-Za-z0-9_]/g, '_');
}
