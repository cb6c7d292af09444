#!/usr/bin/env node
// Entry for `npx capillary`: loads the TypeScript CLI through tsx so no build step is needed.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('./capillary.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2));
