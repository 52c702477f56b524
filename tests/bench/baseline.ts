// The bench's baseline: the probe of an earlier commit, bundled into one module from that commit's own
// sources, so pnpm bench can run it beside today's probe, alternating, on the same machine in the same
// minutes (a ratio measured side by side, not against a number written down on another day).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGES = ['core', 'engine', 'scenario', 'batch', 'teaching'];

/**
 * The kernel as it was before parameters became data (issue 17: the model's numbers read from one
 * array per compiled body, constant per model): the speed today's kernel, which reads them from a
 * vector it can be rebound to, is held to (≥ 90%).
 */
export const BASELINE_COMMIT = '6f9f7e8';

/**
 * The baseline probe bundled (cached under packages/batch/node_modules/.cache, where piscina resolves)
 * with that commit's own flagship scenario (today's file uses fields its loader does not know), or
 * the reason this clone cannot make it (a shallow clone lacks the commit).
 */
export function baselineProbe(commit = BASELINE_COMMIT): { file: string; flagship: string } | { missing: string } {
  const cache = join(ROOT, 'packages/batch/node_modules/.cache/parley');
  const file = join(cache, `bench-baseline-${commit}.mjs`);
  const scenarios = join(cache, `bench-baseline-${commit}-scenarios`);
  const flagship = join(scenarios, 'scenarios/kuril/2016-nagato.yaml');
  if (existsSync(file) && existsSync(flagship)) return { file, flagship };
  const tree = join(cache, `bench-baseline-${commit}`);
  try {
    rmSync(tree, { recursive: true, force: true });
    mkdirSync(tree, { recursive: true });
    // The commit's files, without a worktree: `git archive` into the cache.
    const tar = execFileSync('git', ['-C', ROOT, 'archive', '--format=tar', commit, 'packages', 'tests/bench', 'tests/helpers'], {
      maxBuffer: 1 << 28,
    });
    execFileSync('tar', ['-x', '-C', tree], { input: tar });
    rmSync(scenarios, { recursive: true, force: true });
    mkdirSync(scenarios, { recursive: true });
    execFileSync('tar', ['-x', '-C', scenarios], {
      input: execFileSync('git', ['-C', ROOT, 'archive', '--format=tar', commit, 'scenarios/kuril'], { maxBuffer: 1 << 28 }),
    });
  } catch (e) {
    return { missing: `commit ${commit} is not in this clone (${(e as Error).message.split('\n')[0]})` };
  }
  // Its packages resolve to its own sources; their dependencies to today's installed ones (same versions).
  const alias = Object.fromEntries(PACKAGES.map((p) => [`@parley/${p}`, join(tree, `packages/${p}/src/index.ts`)]));
  buildSync({
    entryPoints: [join(tree, 'tests/bench/probe.ts')],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    alias,
    nodePaths: [...PACKAGES.map((p) => join(ROOT, `packages/${p}/node_modules`)), join(ROOT, 'node_modules')],
    external: ['piscina', 'esbuild'],
    banner: { js: "import { createRequire as __parleyRequire } from 'node:module'; const require = __parleyRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  rmSync(tree, { recursive: true, force: true });
  for (const name of readdirSync(cache))
    if (name.startsWith('bench-baseline-') && !name.includes(commit)) rmSync(join(cache, name), { recursive: true, force: true });
  return { file, flagship };
}
