import { dirname, relative, resolve } from 'node:path';
import { BATCH_OWN, checkOutputDir, checkOutputFile, type OutputGuard, probeDirs } from '@parley/batch';

/**
 * Where a command's outputs go, checked before any work is done: a sweep of an hour must not end
 * in "cannot write". Nothing may replace an input of the command, anything but a regular file, or
 * (without --force) an existing file; an output folder must be new, empty, or hold only files
 * Parley writes there.
 */

/** The files Parley commands write into an --out folder: one folder may collect several commands' results. */
export const PARLEY_OUTPUTS = [
  ...BATCH_OWN,
  'sweep.*',
  'compare.*',
  'sensitivity.*',
  'sobol.*',
  'bargain.*',
  'hindcast.*',
  'posterior.*',
  'discovery.*',
];

/** An --out folder for `names`, as an absolute path, after checking it and the files it will hold. */
export function outputDir(out: string, cwd: string, names: readonly string[], guard: OutputGuard): string {
  const dir = resolve(cwd, out);
  checkOutputDir(dir, PARLEY_OUTPUTS, names, guard, out);
  probeDirs(dir);
  return dir;
}

/** An --out file and the companions written beside it, as absolute paths, after checking each. */
export function outputFiles(out: string, cwd: string, companions: readonly string[], guard: OutputGuard): string[] {
  const file = resolve(cwd, out);
  const all = [file, ...companions.map((c) => resolve(dirname(file), c))];
  for (const f of all) checkOutputFile(f, guard, relative(cwd, f).startsWith('..') ? f : relative(cwd, f));
  probeDirs(dirname(file));
  return all;
}

/** `name.json` → `name.md`: the Markdown companion of a file. */
export const companion = (file: string, ext: string): string => `${file.replace(/\.[^./]*$/, '')}${ext}`;
