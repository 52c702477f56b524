import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MESSAGES } from '@parley/scenario';

/** A file Parley cannot write where it was asked to: one clear line for the user. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/** A file system error while writing, in plain words: the shared table, but for a missing path, which here means a place the system refuses (/proc/x). */
export const why = (e: unknown): string =>
  (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'the system does not allow one there' : MESSAGES.fileProblem(e);

/**
 * Make a folder and any missing folders above it, one level at a time. Node's recursive mkdir
 * spins forever where the kernel refuses with ENOENT inside an existing folder (/proc/foo);
 * here every refusal is one clear OutputError.
 */
export function makeDirs(path: string): string[] {
  const missing: string[] = [];
  for (let d = resolve(path); ; d = dirname(d)) {
    let isDir: boolean | null = null;
    try {
      isDir = statSync(d).isDirectory();
    } catch {
      // does not exist (or cannot be seen): create it below
    }
    if (isDir === false) throw new OutputError(`cannot create ${path}: ${d} is a file, not a folder`);
    if (isDir) break;
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && statSync(d).isDirectory()) continue;
      throw new OutputError(`cannot create the folder ${d}: ${why(e)}`);
    }
  }
  return missing;
}

/**
 * Check, before any work, that files can be written in the folder `path`, and leave no trace: the
 * missing folders are created, a probe file is written and removed, and the folders created are
 * removed again (writeAtomic creates them when the results are written). A read-only or full disk,
 * a file where a folder belongs, a path the system refuses (/proc/x) are one clear OutputError.
 */
export function probeDirs(path: string): void {
  const created = makeDirs(path);
  const probe = join(resolve(path), `.parley-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (e) {
    throw new OutputError(`cannot write in ${path}: ${why(e)}`);
  } finally {
    rmSync(probe, { force: true });
    for (const d of created.reverse()) rmdirSync(d);
  }
}

/**
 * Write a file so that no half-written file ever sits under its final name: write a temporary file
 * beside it, flush, rename. A failure (a full disk, a read-only folder) leaves no temporary file
 * behind and is one clear OutputError.
 */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  makeDirs(dirname(path));
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const fd = openSync(tmp, 'wx');
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new OutputError(`cannot write ${path}: ${why(e)}`);
  }
}

/** sha256 of a document's JSON without its `checksum` field. */
const digest = (doc: Record<string, unknown>): string => {
  const { checksum: _, ...rest } = doc;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
};

/**
 * A document Parley writes and may read back (checkpoint, partial, transcript) with a checksum over
 * its content, so that an edited or damaged file is recognised when it comes back. It detects
 * hand edits and corruption, not a forger who recomputes it (docs/security.md).
 */
export function sealed<T extends Record<string, unknown>>(doc: T): T & { checksum: string } {
  return { ...doc, checksum: digest(doc) };
}

/** Whether a document read back still has the checksum it was written with. */
export function intact(doc: unknown): boolean {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const d = doc as Record<string, unknown>;
  return typeof d.checksum === 'string' && d.checksum === digest(d);
}
