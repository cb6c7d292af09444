/**
 * `npm run notebooks`: builds the small simulated warehouse (build-warehouse.ts), refreshes the
 * kernel's declarations (kernel/mirror.ts), then executes every notebook in notebooks/ headless
 * on it (execute.ts) and exits non-zero when any cell of any notebook fails or does not type-check.
 * Executed copies go to notebooks/.build/executed/; the committed notebooks stay without outputs.
 *
 *   npm run notebooks                      # build, then run every notebook
 *   npm run notebooks -- --reuse           # keep the warehouse of the last run if there is one
 *   npm run notebooks -- --warehouse-only  # build the warehouse for interactive use, run nothing
 *   npm run notebooks -- NAME...           # only these notebooks (file names)
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildMirror } from './kernel/mirror.ts';
import { buildNotebookWarehouse, isBuiltWarehouse, WAREHOUSE_FILE } from './build-warehouse.ts';
import { executeNotebook, requireJupyter, type NotebookRun } from './execute.ts';
import { PROJECT_ROOT } from './lib/warehouse.ts';

export const NOTEBOOKS_DIR = join(PROJECT_ROOT, 'notebooks');
export const BUILD_DIR = join(NOTEBOOKS_DIR, '.build');

export interface RunNotebooksOptions {
  /** Holds warehouse/ and executed/ (default notebooks/.build). */
  buildDir?: string;
  reuse?: boolean;
  /** File names of the notebooks to run (default: all). */
  only?: string[];
  log?: (line: string) => void;
}

export function notebookFiles(only: string[] = []): string[] {
  const all = readdirSync(NOTEBOOKS_DIR).filter((name) => name.endsWith('.ipynb')).sort();
  const unknown = only.filter((name) => !all.includes(name));
  if (unknown.length > 0) throw new Error(`no notebook named ${unknown.join(', ')} in notebooks/ (there are ${all.join(', ')})`);
  return (only.length > 0 ? only : all).map((name) => join(NOTEBOOKS_DIR, name));
}

export async function runNotebooks(options: RunNotebooksOptions = {}): Promise<NotebookRun[]> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const buildDir = options.buildDir ?? BUILD_DIR;
  const notebooks = notebookFiles(options.only);
  requireJupyter();
  const warehouse = await prepareWarehouse(join(buildDir, 'warehouse'), options.reuse ?? false, log);
  prepareKernel(log);
  const runs: NotebookRun[] = [];
  for (const notebook of notebooks) {
    const run = await executeNotebook(notebook, { warehouse, outDir: join(buildDir, 'executed') });
    log(`${run.ok ? 'ok    ' : 'FAILED'} ${basename(notebook)} (${run.seconds.toFixed(0)} s)${run.executed ? ` → ${run.executed}` : ''}`);
    if (!run.ok) log(failureReport(run.log));
    runs.push(run);
  }
  return runs;
}

/**
 * Jupyter's log of a failed run without Python's traceback (it is nbconvert's, not the
 * notebook's): what is left is the kernel's copy of the cell's errors, the cell, and the reply.
 */
export function failureReport(log: string): string {
  const kept: string[] = [];
  let inTraceback = false;
  for (const line of log.trim().split('\n')) {
    if (line.startsWith('Traceback (most recent call last)')) inTraceback = true;
    else if (inTraceback && /^\S+Error: /.test(line)) inTraceback = false;
    if (!inTraceback) kept.push(`  ${line}`);
  }
  return kept.join('\n');
}

async function prepareWarehouse(dir: string, reuse: boolean, log: (line: string) => void): Promise<string> {
  if (reuse && isBuiltWarehouse(dir)) {
    log(`reusing the warehouse in ${dir}`);
    return join(dir, WAREHOUSE_FILE);
  }
  log(`building the notebooks' warehouse in ${dir} …`);
  const built = await buildNotebookWarehouse({ dir });
  log(`warehouse ${built.path}: ${built.asOfDates.length} as-of dates (${built.asOfDates[0]} … ${built.asOfDates.at(-1)}), champion ${built.championId} (${built.seconds.toFixed(0)} s)`);
  return built.path;
}

function prepareKernel(log: (line: string) => void): void {
  const mirror = buildMirror();
  if (mirror.notebookErrors.length > 0) throw new Error(`notebooks/ does not compile:\n  ${mirror.notebookErrors.join('\n  ')}`);
  if (mirror.diagnostics) log(`kernel declarations built with errors elsewhere in the project (cells using those modules may not type-check):\n${mirror.diagnostics}`);
  if (mirror.rebuilt) log(`kernel declarations rebuilt (${mirror.seconds.toFixed(0)} s)`);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { reuse: { type: 'boolean', default: false }, 'warehouse-only': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    process.stdout.write('usage: npm run notebooks [-- --reuse] [--warehouse-only] [NAME.ipynb ...]\n');
    return 0;
  }
  if (values['warehouse-only']) {
    const dir = join(BUILD_DIR, 'warehouse');
    await prepareWarehouse(dir, values.reuse, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(`open the notebooks on it:\n  JUPYTER_PATH=notebooks/jupyter CAPILLARY_NOTEBOOK_DB=${join(dir, WAREHOUSE_FILE)} jupyter notebook notebooks/\n`);
    return 0;
  }
  const runs = await runNotebooks({ reuse: values.reuse, only: positionals });
  const failed = runs.filter((r) => !r.ok);
  process.stdout.write(`notebooks: ${runs.length - failed.length} passed, ${failed.length} failed\n`);
  return failed.length > 0 ? 1 : 0;
}

if (process.argv[1] && basename(process.argv[1]) === 'run.ts') {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`notebooks: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
