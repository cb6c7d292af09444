/**
 * The kernel's view of the project. tslab type-checks cells with its own TypeScript 5.0 and
 * compiles them to CommonJS; the project's sources import with `.ts` extensions and use
 * `import.meta`, which that compiler refuses. So the kernel runs in a mirror of the project
 * made of declarations (emitted by the project's own compiler, tsconfig.json beside this file)
 * and one-line CommonJS shims that require the real module (tsx compiles it at run time):
 *
 *   .build/kernel-root/models/index.d.ts   the types a cell is checked against
 *   .build/kernel-root/models/index.js     module.exports = require('../../../../models/index.ts')
 *
 * A cell imports `./models` or `./notebooks/lib` as it would from the project root.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const KERNEL_ROOT = join(PROJECT_ROOT, 'notebooks/.build/kernel-root');
const TSCONFIG = join(PROJECT_ROOT, 'notebooks/kernel/tsconfig.json');
/** Written after each build: sources newer than it call for a rebuild. */
const STAMP = join(KERNEL_ROOT, '.built');
/** Set to 1 by a headless run that has just built the mirror: the kernel then leaves it alone. */
export const MIRROR_BUILT_VARIABLE = 'CAPILLARY_NOTEBOOK_KERNEL_BUILT';
/** The folders whose modules cells may import (those tsconfig.json declares). */
const SOURCES = ['engine', 'models', 'pipelines', 'notebooks/lib'];

export interface MirrorResult {
  rebuilt: boolean;
  /** The compiler's messages: errors in the project's sources (declarations are emitted regardless). */
  diagnostics: string;
  /** Of those, the lines about notebooks/ itself: the notebooks' own code must compile. */
  notebookErrors: string[];
  seconds: number;
}

/** Rebuilds the mirror when a source is newer than the last build (tsc is incremental too). */
export function buildMirror(options: { force?: boolean } = {}): MirrorResult {
  const started = performance.now();
  if (!options.force && existsSync(STAMP) && newestSource() <= statSync(STAMP).mtimeMs) {
    return { rebuilt: false, diagnostics: '', notebookErrors: [], seconds: (performance.now() - started) / 1000 };
  }
  mkdirSync(KERNEL_ROOT, { recursive: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', TSCONFIG, '--pretty', 'false'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (run.error) throw new Error(`cannot run the TypeScript compiler for the notebook kernel: ${run.error.message}`);
  const diagnostics = `${run.stdout}${run.stderr}`.trim();
  // The project is "type": "module"; the shims are CommonJS, as tslab requires them.
  writeFileSync(join(KERNEL_ROOT, 'package.json'), '{ "type": "commonjs" }\n');
  writeShims(KERNEL_ROOT);
  writeFileSync(STAMP, new Date().toISOString());
  return {
    rebuilt: true,
    diagnostics,
    notebookErrors: diagnostics.split('\n').filter((line) => line.startsWith('notebooks/')),
    seconds: (performance.now() - started) / 1000,
  };
}

function newestSource(): number {
  let newest = statSync(TSCONFIG).mtimeMs;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) visit(path);
      } else if (entry.name.endsWith('.ts')) {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  for (const source of SOURCES) visit(join(PROJECT_ROOT, source));
  return newest;
}

/** One shim per declaration; shims whose declaration is gone (a deleted module) go too. */
function writeShims(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      writeShims(path);
    } else if (entry.name.endsWith('.d.ts')) {
      const source = join(PROJECT_ROOT, relative(KERNEL_ROOT, path)).replace(/\.d\.ts$/, '.ts');
      if (!existsSync(source)) {
        rmSync(path);
        continue;
      }
      const specifier = relative(dirname(path), source).split('\\').join('/');
      writeFileSync(path.replace(/\.d\.ts$/, '.js'), `module.exports = require(${JSON.stringify(specifier)});\n`);
    } else if (entry.name.endsWith('.js') && !existsSync(path.replace(/\.js$/, '.d.ts'))) {
      rmSync(path);
    }
  }
}
