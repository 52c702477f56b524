import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, buildSync } from 'esbuild';
import { writeAtomic } from './files.js';

/**
 * The batch worker as one ES module, bundled from source with esbuild.
 *
 * Why: on Node 20, tsx's ES-module hooks do not reach worker threads, so a worker loading
 * worker.ts gets it compiled to CommonJS, where every reference to another module in the
 * hot loop goes through an export getter. Measured side by side, such a worker ran the
 * flagship at about two-thirds of the main thread's speed; the bundle runs as fast as the
 * main thread and needs no TypeScript hooks, so workers also start sooner.
 *
 * Packages left outside the bundle (piscina, esbuild) resolve from where it is written: this
 * package's node_modules/.cache. It is written there atomically, named by its content hash, and
 * reused while the sources are unchanged; bundles of older sources are removed. A list of the files
 * it was made from (size and modification time of each, with the workspace's lockfile and root
 * manifest, which decide how imports resolve) lets the next batch skip esbuild while none changed.
 */
const OPTIONS: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  conditions: ['source'],
  // esbuild stays outside (a bundle of the package index would otherwise carry it), and
  // CommonJS dependencies bundled in (yaml) get a real require.
  external: ['piscina', 'esbuild'],
  banner: { js: "import { createRequire as __parleyRequire } from 'node:module'; const require = __parleyRequire(import.meta.url);" },
};

/** The workspace's lockfile and root manifest: when they change, modules may resolve to other files. */
const ROOT_FILES = ['../../../pnpm-lock.yaml', '../../../package.json'].map((f) => fileURLToPath(new URL(f, import.meta.url)));

/** What a bundle was made from: every input file with its size and modification time, and what decides resolution. */
interface Inputs {
  readonly key: string;
  readonly bundle: string;
  readonly files: readonly (readonly [string, number, number])[];
}

const stamp = (f: string): readonly [string, number, number] | null => {
  try {
    const st = statSync(f);
    return [f, st.size, st.mtimeMs];
  } catch {
    return null;
  }
};

/** The bundle of `entry` made earlier, if no file it was made from has changed since (saves esbuild's ~0.13 s). */
function cachedBundle(inputsFile: string, key: string): string | null {
  let inputs: Inputs;
  try {
    inputs = JSON.parse(readFileSync(inputsFile, 'utf8')) as Inputs;
  } catch {
    return null;
  }
  if (inputs.key !== key || !existsSync(inputs.bundle)) return null;
  for (const [f, size, mtime] of inputs.files) {
    const now = stamp(f);
    if (now === null || now[1] !== size || now[2] !== mtime) return null;
  }
  return inputs.bundle;
}

export function bundleWorker(entry: string, prefix = 'batch-worker'): string {
  const dir = fileURLToPath(new URL('../node_modules/.cache/parley/', import.meta.url));
  const inputsFile = `${dir}${prefix}-${createHash('sha256').update(entry).digest('hex').slice(0, 8)}.inputs.json`;
  const key = JSON.stringify([entry, OPTIONS, ROOT_FILES.map(stamp)]);
  const cached = cachedBundle(inputsFile, key);
  if (cached) return cached;
  mkdirSync(dir, { recursive: true });
  // Input paths in the metafile are relative to absWorkingDir.
  const out = buildSync({
    ...OPTIONS,
    entryPoints: [entry],
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: dir.replace(/\/$/, ''),
  });
  const code = out.outputFiles![0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = `${dir}${prefix}-${hash}.mjs`;
  if (!existsSync(file)) {
    writeAtomic(file, code);
    pruneOlderBundles(dir, file, prefix);
  }
  const files = Object.keys(out.metafile!.inputs).flatMap((f) => {
    const st = stamp(resolve(dir, f));
    return st ? [st] : [];
  });
  writeAtomic(inputsFile, JSON.stringify({ key, bundle: file, files } satisfies Inputs));
  return file;
}

/**
 * Remove bundles of earlier sources, and lists of inputs, a day old or more (so a batch still running
 * from a bundle keeps it; a list still in use costs one esbuild run to make again).
 */
export function pruneOlderBundles(dir: string, keep: string, prefix = 'batch-worker'): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(dir)) {
    const f = `${dir}${name}`;
    if (f === keep || !name.startsWith(`${prefix}-`) || !/-([0-9a-f]{16}\.mjs|[0-9a-f]{8}\.inputs\.json)$/.test(name)) continue;
    if (statSync(f).mtimeMs < dayAgo) rmSync(f, { force: true });
  }
}
