/**
 * A client generated from /openapi.json as an outside caller would: one operation per
 * (path, method) with its parameters, body and declared responses, a request builder, and a
 * checker that holds each response to the document — status declared, content type declared
 * for that status, body valid against its schema (JSON Schema 2020-12, ajv), event streams
 * event by event. Used by the contract and fuzz tests; it knows nothing of the server's code.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type JsonSchema = Record<string, unknown>;
type Media = Record<string, { schema?: JsonSchema }>;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  id: string;
  method: string;
  /** OpenAPI style, `{merchant_id}`. */
  path: string;
  /** null: public. */
  roles: string[] | null;
  parameters: Parameter[];
  body: JsonSchema | null;
  responses: Record<string, { content?: Media }>;
}

export interface Call {
  path?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** JSON-encoded unless `raw` is given. */
  body?: unknown;
  raw?: string;
  contentType?: string;
  token?: string | null;
}

export interface Answer {
  status: number;
  type: string;
  text: string;
}

export function operationsOf(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      id: String(op.operationId),
      method: method.toUpperCase(),
      path,
      roles: (op['x-roles'] as string[] | undefined) ?? null,
      parameters: (op.parameters as Parameter[] | undefined) ?? [],
      body: ((op.requestBody as { content?: Media } | undefined)?.content?.['application/json']?.schema as JsonSchema | undefined) ?? null,
      responses: op.responses as Operation['responses'],
    })),
  );
}

export async function send(baseUrl: string, op: Operation, call: Call): Promise<Answer> {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(call.path?.[name] ?? ''));
  const query = new URLSearchParams(call.query ?? {}).toString();
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  let body: string | undefined;
  if (call.raw !== undefined) body = call.raw;
  else if (call.body !== undefined) body = JSON.stringify(call.body);
  if (body !== undefined) headers['content-type'] = call.contentType ?? 'application/json';
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}${path}${query ? `?${query}` : ''}`, { method: op.method, headers, body, signal: controller.signal });
  const type = response.headers.get('content-type') ?? '';
  let text: string;
  if (type.startsWith('text/event-stream')) {
    // An event stream does not end: read what the first events bring, then hang up.
    text = await firstEvents(response.body!);
    controller.abort();
  } else {
    text = await response.text();
  }
  return { status: response.status, type, text };
}

async function firstEvents(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('\n\n')) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => undefined);
  return text.slice(0, text.lastIndexOf('\n\n') + 2);
}

/** Server-Sent Events as { event, id?, data (parsed JSON) }; comment lines are skipped. */
export function parseEvents(text: string): Record<string, unknown>[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() && !block.startsWith(':'))
    .map((block) => {
      const event: Record<string, unknown> = {};
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        const field = line.slice(0, colon);
        const value = line.slice(colon + 1).replace(/^ /, '');
        event[field] = field === 'data' ? JSON.parse(value) : value;
      }
      return event;
    });
}

export class Contract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false, formats: { binary: true } });
  private readonly validators = new Map<JsonSchema, ValidateFunction>();

  constructor() {
    (addFormatsModule as unknown as (ajv: Ajv2020) => void)(this.ajv);
  }

  /** What in this answer the document does not say; empty when it matches. */
  mismatches(op: Operation, answer: Answer): string[] {
    const declared = op.responses[String(answer.status)] ?? op.responses.default;
    const where = `${op.method} ${op.path} → ${answer.status}`;
    if (!declared) return [`${where}: status not declared (${answer.text.slice(0, 160)})`];
    const content = declared.content;
    if (!content) return answer.text === '' ? [] : [`${where}: a body where none is declared`];
    const essence = answer.type.split(';')[0].trim().toLowerCase();
    const media = content[essence];
    if (!media) return [`${where}: content type '${answer.type}' not declared (${Object.keys(content).join(', ')})`];
    if (!media.schema) return [];
    if (essence === 'text/event-stream') {
      let events: Record<string, unknown>[];
      try {
        events = parseEvents(answer.text);
      } catch (error) {
        return [`${where}: an event that does not parse: ${(error as Error).message}`];
      }
      if (events.length === 0) return [`${where}: no event arrived`];
      return this.check(media.schema, events, where);
    }
    if (!essence.includes('json')) return [];
    let value: unknown;
    try {
      value = JSON.parse(answer.text);
    } catch {
      return [`${where}: the body is not JSON (${answer.text.slice(0, 120)})`];
    }
    return this.check(media.schema, value, where);
  }

  private check(schema: JsonSchema, value: unknown, where: string): string[] {
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(schema, validate);
    }
    if (validate(value)) return [];
    return [`${where}: ${this.ajv.errorsText(validate.errors)} (${JSON.stringify(value).slice(0, 200)})`];
  }
}
