import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Model } from '@parley/core';
import { compileHindcast, compileScenario, type HindcastPlan } from './compile.js';
import { diagnose } from './diagnose.js';
import { eventsOutside } from './event-dates.js';
import { pathString, ScenarioError, type ScenarioIssue } from './issues.js';
import { type Layer, locate, type Position } from './locate.js';
import { isPlainObject, mergePatch } from './merge.js';
import { MESSAGES } from './messages.js';
import { applyOverride, type Key, parseOverride } from './overrides.js';
import { checkCitations, checkReferences } from './references.js';
import { Scenario, type ScenarioFile } from './schema.js';
import { checkText } from './text-check.js';
import { MAX_BYTES, parseYaml } from './yaml-source.js';

export { MAX_BYTES } from './yaml-source.js';

export interface LoadedScenario {
  readonly file: string;
  readonly data: ScenarioFile;
  /**
   * The scenario as written, after `extends` and overrides and before defaults: what provenance is
   * read from (a size inside a move may carry its own source, grade and range; runs see the number).
   */
  readonly raw: Readonly<Record<string, unknown>>;
  readonly model: Model;
  /**
   * sha256 of the scenario's canonical JSON (after `extends` and overrides), without what does not
   * change a run: its hindcast section, and the sources, grades and assumptions beside its numbers
   * (correcting a quote does not move a result). Identifies it in seeds and summaries.
   */
  readonly hash: string;
  /** Its hindcast targets and pins, compiled (null when it has none). */
  readonly hindcast: HindcastPlan | null;
  /**
   * What is wrong with them (a quarter outside the scenario, two dates on one target): reported by
   * `validate` and `hindcast`, not by commands that only run the scenario, since targets do not
   * change a run and a run may cut the horizon (an exercise plays 8 quarters of the flagship).
   */
  readonly hindcastProblems: readonly ScenarioIssue[];
  /** The files it was built from, base first, named as in messages. */
  readonly files: readonly string[];
  /** The same files as absolute paths (what is beside them, such as a sources/ folder, is found from these). */
  readonly paths: readonly string[];
  /** Where the value at `path` was written: the file, line and column of the layer it came from. */
  readonly locate: (path: readonly Key[]) => Position;
  /** The `--set` overrides applied, as given. */
  readonly sets: readonly string[];
}

export interface LoadOptions {
  /** `path=value` overrides, applied in order after the file and its bases; with the option they came with when it is not `--set`. */
  readonly sets?: readonly (string | { readonly arg: string; readonly flag: string })[];
  /** Reads a file named by `extends` (default: the file system). Throws a ScenarioError when it cannot. */
  readonly readFile?: (path: string) => string;
  /** Directory that relative file names are read from (default: the process's). Names in messages stay as given. */
  readonly cwd?: string;
}

export const MAX_EXTENDS = 8;

const issueAt = (file: string, message: string, line = 0, col = 0, path = ''): ScenarioIssue => ({ file, line, col, path, message });

/** A file's bytes as text, refusing what is not UTF-8 (a UTF-16 file, a binary) with one clear line. */
function decodeUtf8(bytes: Uint8Array, label: string): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) throw new ScenarioError([issueAt(label, MESSAGES.notUtf8('it is UTF-16'))]);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new ScenarioError([issueAt(label, MESSAGES.notUtf8(`a zero byte at offset ${nul}`))]);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ScenarioError([issueAt(label, MESSAGES.notUtf8('invalid UTF-8 bytes'))]);
  }
}

/** Read a scenario file's text, refusing what is not a readable, reasonably sized UTF-8 file. */
export function readScenarioText(path: string, label = path): string {
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ScenarioError([issueAt(label, MESSAGES.notAFile)]);
    if (st.size > MAX_BYTES) throw new ScenarioError([issueAt(label, MESSAGES.tooLarge(st.size, MAX_BYTES))]);
    return decodeUtf8(readFileSync(path), label);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError([issueAt(label, MESSAGES.fileProblem(e))]);
  }
}

/** The file layers of a scenario, base first, following `extends` from `file`. */
function fileLayers(text: string, file: string, readFile: (path: string) => string, cwd: string): Layer[] {
  const chain: Layer[] = [];
  const seen: string[] = [];
  let current: { text: string; file: string } | null = { text, file };
  while (current) {
    const parsed = parseYaml(current.text, current.file);
    const at = current.file;
    if (Array.isArray(parsed)) throw new ScenarioError(parsed.map((p) => issueAt(at, p.message, p.line, p.col)));
    const layer: Layer = { kind: 'file', src: parsed };
    chain.unshift(layer);
    seen.push(resolve(cwd, current.file));
    const raw = parsed.raw;
    if (!isPlainObject(raw)) throw new ScenarioError([issueAt(at, MESSAGES.notAMapping, 1, 1)]);
    if (!Object.hasOwn(raw, 'extends') || raw.extends === undefined) break;
    const where = locate([layer], ['extends']);
    if (typeof raw.extends !== 'string')
      throw new ScenarioError([issueAt(at, MESSAGES.extendsNotString, where.line, where.col, 'extends')]);
    const target = resolve(cwd, dirname(current.file), raw.extends);
    if (seen.includes(target)) {
      const names = [...seen, target].map((p) => p.slice(p.lastIndexOf('/') + 1));
      throw new ScenarioError([issueAt(at, MESSAGES.extendsCycle(names), where.line, where.col, 'extends')]);
    }
    if (seen.length > MAX_EXTENDS)
      throw new ScenarioError([issueAt(at, MESSAGES.extendsTooDeep(MAX_EXTENDS), where.line, where.col, 'extends')]);
    let next: string;
    try {
      next = readFile(target);
    } catch (e) {
      const why = e instanceof ScenarioError ? (e.issues[0]?.message ?? '') : (e as Error).message;
      throw new ScenarioError([issueAt(at, MESSAGES.extendsMissing(raw.extends, why), where.line, where.col, 'extends')]);
    }
    // Named as the user wrote it (relative paths stay relative in messages), but an absolute path is not joined onto this file's folder.
    current = { text: next, file: isAbsolute(raw.extends) ? raw.extends : join(dirname(current.file), raw.extends) };
  }
  return chain;
}

/** JSON.stringify's replacer for the hash: a number's source, grade and assumption do not change a run. */
const withoutProvenance = (key: string, value: unknown): unknown =>
  key === 'source' || key === 'support' || key === 'assumption' ? undefined : value;

const byPosition = (a: ScenarioIssue, b: ScenarioIssue): number => (a.file === b.file ? a.line - b.line || a.col - b.col : 0);

/** Parse and validate scenario text (following `extends`, applying overrides); every problem is reported at once. */
export function parseScenario(text: string, file: string, options: LoadOptions = {}): LoadedScenario {
  const cwd = options.cwd ?? process.cwd();
  const layers = fileLayers(text, file, options.readFile ?? readScenarioText, cwd);
  const issues: ScenarioIssue[] = [];
  const sets = (options.sets ?? []).map((x) => (typeof x === 'string' ? { arg: x, flag: '--set' } : x));
  for (const { arg, flag } of sets) {
    const o = parseOverride(arg, flag);
    if (typeof o === 'string') issues.push(issueAt(`${flag} ${arg}`, o));
    else layers.push({ kind: 'set', set: o });
  }
  if (issues.length > 0) throw new ScenarioError(issues);

  let raw: unknown = {};
  for (const layer of layers) {
    if (layer.kind === 'file') raw = mergePatch(raw, layer.src.raw);
    else {
      const applied = applyOverride(raw, layer.set);
      if ('error' in applied) issues.push(issueAt(`${layer.set.flag} ${layer.set.arg}`, applied.error));
      else raw = applied.raw;
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  if (isPlainObject(raw)) delete raw.extends;

  /** A problem at `path` (or at its key `key`), located in the layer that wrote it, added to `into`. */
  const reportInto =
    (into: ScenarioIssue[]) =>
    (path: readonly Key[], message: string, key?: string): void => {
      into.push({ ...locate(layers, path, key), path: pathString(key ? [...path, key] : path), message });
    };
  const report = reportInto(issues);
  const parsed = Scenario.safeParse(raw, { reportInput: true });
  if (!parsed.success) for (const d of diagnose(Scenario, raw, parsed.error.issues)) report(d.path, d.message, d.key);
  // A name removed by `--set collection.id=null` that something still refers to: say which override removed it.
  const removedBy = new Map<string, string>();
  for (const l of layers)
    if (l.kind === 'set' && l.set.value === null && l.set.path.length === 2)
      removedBy.set(String(l.set.path[1]), `${l.set.flag} ${l.set.arg}`);
  for (const r of checkReferences(raw)) {
    const by = removedBy.get(r.name);
    report(r.path, by ? MESSAGES.referenceRemoved(r.name, by, pathString(r.path.slice(0, 2))) : r.message);
  }
  for (const r of checkCitations(raw)) report(r.path, r.message);
  // One problem per place: a key already reported (an unknown "__proto__" field) is not reported again.
  const reported = new Set(issues.map((i) => i.path));
  for (const r of checkText(raw)) if (!reported.has(pathString(r.path))) report(r.path, r.message);
  if (issues.length > 0 || !parsed.success) throw new ScenarioError(issues.sort(byPosition));

  // An event dated outside the scenario would never happen. A base file is a calendar shared by the
  // periods that extend it, so its events may fall outside one of them: only dates written in this
  // file or by --set are refused.
  const files = layers.flatMap((l) => (l.kind === 'file' ? [l.src.file] : []));
  const bases = new Set(files.slice(0, -1));
  for (const e of eventsOutside(parsed.data)) {
    const path = ['events', e.id, 'at'];
    if (!bases.has(locate(layers, path).file)) report(path, MESSAGES.eventOutside(e.at, e.first, e.last));
  }
  if (issues.length > 0) throw new ScenarioError(issues.sort(byPosition));

  const model = compileScenario(parsed.data, (path, message) => report(path, message));
  if (issues.length > 0) throw new ScenarioError(issues.sort(byPosition));
  const hindcastProblems: ScenarioIssue[] = [];
  const hindcast = compileHindcast(parsed.data, reportInto(hindcastProblems));
  const { hindcast: _targets, hindsight: _why, defaultRange: _rule, ...runs } = parsed.data;
  const hash = createHash('sha256').update(JSON.stringify(runs, withoutProvenance)).digest('hex');
  const paths = files.map((f) => resolve(cwd, f));
  return {
    file,
    data: parsed.data,
    raw: raw as Record<string, unknown>,
    model,
    hash,
    hindcast,
    hindcastProblems: hindcastProblems.sort(byPosition),
    files,
    paths,
    locate: (path) => locate(layers, path),
    sets: sets.map((x) => x.arg),
  };
}

/** Read, parse and validate a scenario file. A missing or unreadable file is a ScenarioError too. */
export function loadScenarioFile(path: string, options: LoadOptions = {}): LoadedScenario {
  return parseScenario(readScenarioText(resolve(options.cwd ?? process.cwd(), path), path), path, options);
}
