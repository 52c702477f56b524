#!/usr/bin/env node
// The `parley` bin: the built CLI when present, else the TypeScript sources. tsx is registered
// either way, so that built code resolving workspace packages to their sources (the `source`
// export condition) still loads.
import { existsSync } from 'node:fs';

const { register } = await import('tsx/esm/api');
register();
const built = new URL('../dist/bin.js', import.meta.url);
await import((existsSync(built) ? built : new URL('../src/bin.ts', import.meta.url)).href);
