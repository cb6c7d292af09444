/**
 * The notebook kernel: tslab, started inside the project's declaration mirror (mirror.ts) so
 * that cells import the project's modules by their paths from the project root (`./models`,
 * `./notebooks/lib`) and are type-checked against them. Jupyter starts it through the kernel
 * spec in notebooks/jupyter (JUPYTER_PATH=notebooks/jupyter), with the connection file.
 */
import { createRequire } from 'node:module';
import { register } from 'tsx/cjs/api';
import { buildMirror, KERNEL_ROOT, MIRROR_BUILT_VARIABLE } from './mirror.ts';

interface Tslab {
  startKernel(options: { configPath: string; enableFindLocal: boolean }): void;
}

const connectionFile = process.argv[2];
if (!connectionFile) {
  process.stderr.write('usage: launch.mjs CONNECTION_FILE (Jupyter passes it; see notebooks/README.md)\n');
  process.exit(2);
}

// Interactive sessions rebuild what changed since the last build; headless runs built it already.
const mirror = process.env[MIRROR_BUILT_VARIABLE] === '1' ? null : buildMirror();
// Errors elsewhere in the project still leave usable declarations; the Jupyter log shows them.
if (mirror?.diagnostics) process.stderr.write(`notebook kernel: the project's declarations have errors:\n${mirror.diagnostics}\n`);

// Cells require the mirror's shims, which require the project's .ts sources: tsx compiles them.
register();
echoCellErrors();
process.chdir(KERNEL_ROOT);
const tslab = createRequire(import.meta.url)('tslab/dist/main.js') as Tslab;
tslab.startKernel({ configPath: connectionFile, enableFindLocal: false });

/**
 * tslab sends a cell's stderr (its type errors and exceptions) to the notebook by replacing
 * process.stderr.write before each cell. Keep a copy on the kernel's own stderr as well, so that
 * a headless run's log says why a cell failed, not only which one.
 */
function echoCellErrors(): void {
  const own = process.stderr.write.bind(process.stderr);
  let cell: typeof own | null = null;
  const write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    own(chunk);
    return cell ? cell(chunk, ...rest) : true;
  }) as typeof own;
  Object.defineProperty(process.stderr, 'write', {
    configurable: true,
    get: () => write,
    set: (next: typeof own) => {
      cell = next;
    },
  });
}
