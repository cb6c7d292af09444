// Entry of the training worker thread: loads the TypeScript worker through tsx, as
// bin/capillary.mjs loads the CLI (a worker does not inherit the parent's loader).
import { tsImport } from 'tsx/esm/api';

await tsImport('./train-worker.ts', import.meta.url);
