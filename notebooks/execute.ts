/**
 * One notebook executed headless, top to bottom, by Debian's Jupyter with the project's kernel
 * (JUPYTER_PATH=notebooks/jupyter) on the warehouse given. `jupyter nbconvert --execute` runs
 * nbclient as `jupyter execute` does, and also saves the executed copy (Debian's `jupyter
 * execute` cannot). A type error or an exception in any cell stops the notebook and fails the
 * run; the kernel copies each cell's stderr to the log, so the log says why.
 *
 * @example
 *   const run = await executeNotebook('notebooks/turnover-exploration.ipynb', { warehouse, outDir });
 *   if (!run.ok) console.error(run.log);
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildMirror, MIRROR_BUILT_VARIABLE } from './kernel/mirror.ts';
import { PROJECT_ROOT, WAREHOUSE_VARIABLE } from './lib/warehouse.ts';

/** Called by its path: the `python3` on PATH may be another Python without Jupyter. */
export const JUPYTER = '/usr/bin/jupyter';
export const KERNEL_SPECS = join(PROJECT_ROOT, 'notebooks/jupyter');
/** Longest a single cell may run (training on the small warehouse takes seconds). */
const CELL_TIMEOUT_SECONDS = 600;

export interface ExecuteOptions {
  /** The warehouse file, passed to the kernel as CAPILLARY_NOTEBOOK_DB. */
  warehouse: string;
  /** Folder for the executed copy (written when every cell ran). */
  outDir: string;
}

export interface NotebookRun {
  notebook: string;
  ok: boolean;
  /** Where the executed copy is, when it ran through. */
  executed: string | null;
  /** Jupyter's messages and the kernel's copy of the cells' stderr. */
  log: string;
  seconds: number;
}

export function requireJupyter(): void {
  if (!existsSync(JUPYTER)) {
    throw new Error(`${JUPYTER} is missing: install Debian's Jupyter (apt-get install python3-nbclient jupyter-nbconvert jupyter-core; .ci/run does)`);
  }
}

export function executeNotebook(notebook: string, options: ExecuteOptions): Promise<NotebookRun> {
  requireJupyter();
  const started = performance.now();
  // Brought up to date here, once, so the kernel need not look (the project may be changing).
  buildMirror();
  const args = [
    'nbconvert', '--to', 'notebook', '--execute', `--ExecutePreprocessor.timeout=${CELL_TIMEOUT_SECONDS}`,
    '--output-dir', resolve(options.outDir), resolve(notebook),
  ];
  const env = { ...process.env, JUPYTER_PATH: KERNEL_SPECS, [WAREHOUSE_VARIABLE]: resolve(options.warehouse), [MIRROR_BUILT_VARIABLE]: '1' };
  return new Promise((done, fail) => {
    const child = spawn(JUPYTER, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => {
      const executed = join(resolve(options.outDir), basename(notebook));
      const ok = code === 0;
      done({ notebook, ok, executed: ok && existsSync(executed) ? executed : null, log, seconds: (performance.now() - started) / 1000 });
    });
  });
}
