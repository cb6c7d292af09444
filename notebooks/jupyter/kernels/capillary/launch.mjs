// Jupyter starts the kernel with plain node; tsx lets it load the TypeScript launcher beside
// the notebooks (tsx resolves from this file's folder, so any working directory will do).
import { register } from 'tsx/esm/api';

register();
await import('../../../kernel/launch.ts');
