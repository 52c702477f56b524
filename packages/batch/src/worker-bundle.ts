import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

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
 * reused while the sources are unchanged; bundles of older sources are removed.
 */
export function bundleWorker(entry: string, prefix = 'batch-worker'): string {
  const out = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['source'],
    // esbuild stays outside (a bundle of the package index would otherwise carry it), and
    // CommonJS dependencies bundled in (yaml) get a real require.
    external: ['piscina', 'esbuild'],
    banner: { js: "import { createRequire as __parleyRequire } from 'node:module'; const require = __parleyRequire(import.meta.url);" },
    write: false,
    logLevel: 'silent',
  });
  const code = out.outputFiles[0]!.contents;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = fileURLToPath(new URL('../node_modules/.cache/parley/', import.meta.url));
  const file = `${dir}${prefix}-${hash}.mjs`;
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, code);
    renameSync(partial, file);
    pruneOlderBundles(dir, file, prefix);
  }
  return file;
}

/** Remove bundles of earlier sources (a day old or more, so a batch still running from one keeps it). */
export function pruneOlderBundles(dir: string, keep: string, prefix = 'batch-worker'): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of readdirSync(dir)) {
    const f = `${dir}${name}`;
    if (f === keep || !name.startsWith(`${prefix}-`) || !/-[0-9a-f]{16}\.mjs$/.test(name)) continue;
    if (statSync(f).mtimeMs < dayAgo) rmSync(f, { force: true });
  }
}
