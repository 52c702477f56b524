import { closeSync, lstatSync, openSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError, why } from './files.js';

/**
 * What an output may replace, checked before anything is written: never an input of the command,
 * never anything but a regular file, and an existing file only with --force. And one writer per
 * output at a time (lockOutput).
 */

/** What an output may not replace: the command's inputs, and (unless `force`) any existing file. */
export interface OutputGuard {
  /** The files the command reads (scenario and its bases, exercise, transcript, partials…). */
  readonly inputs: readonly string[];
  /** Replace an existing regular file that is not an input (`--force`). */
  readonly force: boolean;
}

const real = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

/** The same file as `p` would be once written: its folder's real path and its name (a missing folder counts as itself). */
const realTarget = (p: string): string => join(real(dirname(resolve(p))), basename(p));

/**
 * Refuse, with one clear line, to write `path` where that would destroy something: an input of
 * the command (even with --force), anything that is not a regular file (a folder, a symbolic link,
 * a FIFO, a device: Parley writes by renaming a new file over the name, which would replace the
 * link or the device node itself), or an existing file unless `force`.
 */
export function checkOutputFile(path: string, guard: OutputGuard, shown = path): void {
  const target = realTarget(path);
  const inputs = guard.inputs.map(real);
  if (inputs.includes(target) || inputs.includes(real(path)))
    throw new OutputError(`will not write ${shown}: it is an input of this command`);
  let st: ReturnType<typeof lstatSync> | null = null;
  try {
    st = lstatSync(path);
  } catch {
    return;
  }
  if (st.isSymbolicLink())
    throw new OutputError(`will not write ${shown}: it is a symbolic link (Parley replaces files, not what links point to)`);
  if (st.isDirectory()) throw new OutputError(`will not write ${shown}: it is a folder`);
  if (!st.isFile()) throw new OutputError(`will not write ${shown}: it is not a regular file (a FIFO, a socket or a device)`);
  if (!guard.force) throw new OutputError(`${shown} exists; add --force to replace it, or choose another name`);
}

/**
 * Refuse to use `dir` as an output folder unless it is new, empty, or holds only what Parley writes
 * there (`own` names, matched exactly or as prefixes ending in '*'), and check each file it will
 * write there with checkOutputFile. A folder of other files (`--out /`, `--out scenarios/kuril`) is
 * never written into.
 */
export function checkOutputDir(dir: string, own: readonly string[], writes: readonly string[], guard: OutputGuard, shown = dir): void {
  let st: ReturnType<typeof lstatSync> | null = null;
  try {
    st = lstatSync(dir);
  } catch {
    return;
  }
  if (st.isSymbolicLink() && !statSync(dir).isDirectory()) throw new OutputError(`--out ${shown} is a link to a file; a folder is needed`);
  if (!statSync(dir).isDirectory()) throw new OutputError(`--out ${shown} is a file; this command writes a folder`);
  const mine = (name: string): boolean => own.some((o) => (o.endsWith('*') ? name.startsWith(o.slice(0, -1)) : name === o));
  const others = readdirSync(dir).filter((n) => !mine(n));
  if (others.length > 0) {
    const some = others.slice(0, 3).join(', ') + (others.length > 3 ? ', …' : '');
    throw new OutputError(`--out ${shown} holds other files (${some}); choose a new or empty folder`);
  }
  for (const name of writes) checkOutputFile(join(dir, name), guard, join(shown, name));
}

/** An exclusive claim on an output: the lock file, removed by release(). */
export interface OutputLock {
  release(): void;
}

/**
 * Claim `lockPath` for this process, so that two batches never write to one output: the file is
 * created exclusively and holds this process's id and host. A lock left by a process of this host
 * that no longer runs (kill -9, a power cut) is taken over. Creating it also proves the folder is
 * writable before any work is done.
 */
export function lockOutput(lockPath: string, what: string): OutputLock {
  const me = JSON.stringify({ pid: process.pid, host: hostname() });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeFileSync(fd, me);
      } finally {
        closeSync(fd);
      }
      return { release: () => rmSync(lockPath, { force: true }) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutputError(`cannot write to ${what}: ${why(e)}`);
    }
    let holder: { pid?: unknown; host?: unknown } = {};
    try {
      holder = JSON.parse(readFileSync(lockPath, 'utf8'));
    } catch {
      // unreadable: treat as held
    }
    const pid = typeof holder.pid === 'number' ? holder.pid : null;
    if (holder.host === hostname() && pid !== null && !alive(pid)) {
      rmSync(lockPath, { force: true });
      continue;
    }
    throw new OutputError(
      `another batch${pid !== null ? ` (process ${pid}${holder.host !== hostname() ? ` on ${String(holder.host)}` : ''})` : ''} is writing to ${what}; wait for it to finish, or choose another --out (if no batch is running, delete ${lockPath})`,
    );
  }
  throw new OutputError(`cannot claim ${what}: its lock ${lockPath} keeps reappearing`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
