/**
 * The typed client an outside caller would generate from /openapi.json: openapi-typescript turns
 * the document into a `paths` type, and a small module of openapi-fetch calls (`createClient<paths>()`)
 * — one per request the contract test sends, with its path, method, parameters and body — plus one
 * `satisfies` check per response body it received, is type-checked by the TypeScript compiler.
 * A request or a body the document does not describe is then a type error, not a runtime surprise.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import ts from 'typescript';
import type { Operation } from './openapi-client.ts';

/** One request as the typed client makes it. */
export interface TypedRequest {
  op: Operation;
  path?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One response body as received, to be held to its declared type. */
export interface TypedResponse {
  op: Operation;
  status: number;
  /** The media type's essence, e.g. `application/json`. */
  type: string;
  body: unknown;
}

/** The document as TypeScript: `export interface paths { ... }`, e.g. `await pathsSource(await (await fetch(url + '/openapi.json')).json())`. */
export async function pathsSource(doc: unknown): Promise<string> {
  return astToString(await openapiTS(doc as OpenAPI3));
}

const FETCH_CLIENT = fileURLToPath(import.meta.resolve('openapi-fetch'));

/**
 * The generated client module; it imports the document's types from `./openapi.ts`. E.g.
 * `clientSource([{ op, path: { merchant_id: 'M00000001' } }], [{ op, status: 200, type: 'application/json', body }])`
 * gives `client.GET('/api/v1/merchants/{merchant_id}/offer', { params: ... })` and `(body) satisfies paths[...]['responses'][200]...`.
 */
export function clientSource(requests: TypedRequest[], responses: TypedResponse[]): string {
  const lines = [
    `import createClient from ${JSON.stringify(FETCH_CLIENT)};`,
    `import type { paths } from './openapi.ts';`,
    `const client = createClient<paths>({ baseUrl: 'http://127.0.0.1' });`,
    '',
  ];
  requests.forEach((request, i) => lines.push(`export const request_${i} = () => ${requestCall(request)};`));
  responses.forEach((response, i) => {
    const status = response.op.responses[String(response.status)] ? response.status : 'default';
    const declared = `${operationType(response.op)}['responses'][${JSON.stringify(status)}]['content'][${JSON.stringify(response.type)}]`;
    lines.push(`export const response_${i} = (${JSON.stringify(response.body)}) satisfies ${declared};`);
  });
  return lines.join('\n') + '\n';
}

/** `paths['/path/{id}']['post']`: the operation's generated type. */
function operationType(op: Operation): string {
  return `paths[${JSON.stringify(op.path)}][${JSON.stringify(op.method.toLowerCase())}]`;
}

/** `client.POST('/path/{id}', { params: { path, query, header }, body })`, values typed as their schema says. */
function requestCall(request: TypedRequest): string {
  const { op } = request;
  const params: Record<string, Record<string, unknown>> = {};
  const put = (where: 'path' | 'query' | 'header', values: Record<string, string> | undefined) => {
    for (const [name, value] of Object.entries(values ?? {})) {
      const declared = op.parameters.find((p) => p.in === where && p.name.toLowerCase() === name.toLowerCase());
      const numeric = declared && (declared.schema.type === 'integer' || declared.schema.type === 'number');
      (params[where] ??= {})[declared?.name ?? name] = numeric ? Number(value) : value;
    }
  };
  put('path', request.path);
  put('query', request.query);
  put('header', request.headers);
  // openapi-fetch infers its argument through a generic, which lets undeclared fields pass; `satisfies` holds
  // the literals to the document's exact types.
  const declared = operationType(op);
  const init = [
    ...(Object.keys(params).length ? [`params: ${JSON.stringify(params)} satisfies ${declared}['parameters']`] : []),
    ...(request.body !== undefined ? [`body: ${JSON.stringify(request.body)} satisfies NonNullable<${declared}['requestBody']>['content']['application/json']`] : []),
  ];
  return `client.${op.method.toUpperCase()}(${JSON.stringify(op.path)}${init.length ? `, { ${init.join(', ')} }` : ''})`;
}

/**
 * Type errors per generated file (by name), from one strict, no-emit program over the files given, e.g.
 * `typeErrors({ 'openapi.ts': types, 'client.ts': client })` → `{ 'openapi.ts': [], 'client.ts': ['client.ts:5: Type ...'] }`.
 */
export function typeErrors(files: Record<string, string>): Record<string, string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'capillary-typed-client-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const program = ts.createProgram({
      rootNames: Object.keys(files).map((name) => join(dir, name)),
      options: {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        allowImportingTsExtensions: true,
        skipLibCheck: true,
        // fetch's Request and Response are DOM types; nothing else from the environment.
        lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
        types: [],
      },
    });
    const errors: Record<string, string[]> = Object.fromEntries(Object.keys(files).map((name) => [name, []]));
    for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
      const name = diagnostic.file?.fileName ?? '(program)';
      const file = name.startsWith(`${dir}/`) ? name.slice(dir.length + 1) : name;
      const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
      (errors[file] ??= []).push(`${file}:${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').slice(0, 400)}`);
    }
    return errors;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
