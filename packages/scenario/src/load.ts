import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Model } from '@parley/core';
import { type Document, isMap, isNode, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { core } from 'zod';
import { compileScenario } from './compile.js';
import { pathString, ScenarioError, type ScenarioIssue } from './issues.js';
import { Scenario, type ScenarioFile } from './schema.js';

export interface LoadedScenario {
  readonly file: string;
  readonly data: ScenarioFile;
  readonly model: Model;
  /** sha256 of the scenario's canonical JSON: identifies it in seeds and summaries. */
  readonly hash: string;
}

export const MAX_BYTES = 2 * 1024 * 1024;
const MAX_ALIASES = 100;

type Key = string | number;

/** The position of the node at `path`, or of its deepest existing ancestor. */
function locate(doc: Document, lc: LineCounter, path: readonly Key[], key?: string): { line: number; col: number } {
  for (let depth = path.length; depth >= 0; depth--) {
    let node = doc.getIn(path.slice(0, depth), true);
    if (depth === path.length && key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      if (pair && isNode(pair.key)) node = pair.key;
    }
    if (isNode(node) && node.range) return lc.linePos(node.range[0]);
    if (depth === 0 && doc.contents?.range) return lc.linePos(doc.contents.range[0]);
  }
  return { line: 1, col: 1 };
}

const shown = (x: unknown): string => {
  const s = JSON.stringify(x);
  return s === undefined ? String(x) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

function describe(issue: core.$ZodIssue): { message: string; key?: string } {
  if (issue.code === 'unrecognized_keys') {
    return {
      message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      key: issue.keys[0],
    };
  }
  if (issue.code === 'invalid_key') {
    const why = issue.issues.map((i) => i.message).join('; ');
    return { message: `invalid name ${shown(issue.input)}: ${why}` };
  }
  const found = 'input' in issue && issue.code !== 'invalid_union' ? ` (found ${shown(issue.input)})` : '';
  if ('input' in issue && issue.input === undefined && issue.code !== 'invalid_union') {
    const expected = issue.code === 'invalid_type' ? `expected ${issue.expected}` : issue.message.replace(/^Invalid option: /, '');
    return { message: `missing required field (${expected})` };
  }
  return { message: `${issue.message}${found}` };
}

/** Parse and validate scenario text; every problem is reported at once as a ScenarioError. */
export function parseScenario(text: string, file: string): LoadedScenario {
  const at = (message: string): ScenarioError => new ScenarioError([{ file, line: 0, col: 0, path: '', message }]);
  if (text.length > MAX_BYTES) throw at(`file is too large (${text.length} bytes; the limit is ${MAX_BYTES})`);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const issues: ScenarioIssue[] = [];
  for (const e of doc.errors) {
    const pos = lc.linePos(e.pos[0]);
    issues.push({ file, line: pos.line, col: pos.col, path: '', message: e.message.split('\n')[0]! });
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw at(`cannot read the document: ${(e as Error).message}`);
  }
  const parsed = Scenario.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path as Key[];
      const { message, key } = describe(issue);
      const pos = locate(doc, lc, path, key);
      issues.push({ file, ...pos, path: pathString(key ? [...path, key] : path), message });
    }
    throw new ScenarioError(issues);
  }
  const model = compileScenario(parsed.data, (path, message) => {
    issues.push({ file, ...locate(doc, lc, path), path: pathString(path), message });
  });
  if (issues.length > 0) throw new ScenarioError(issues);
  const hash = createHash('sha256').update(JSON.stringify(parsed.data)).digest('hex');
  return { file, data: parsed.data, model, hash };
}

/** Read and parse a scenario file. A missing or unreadable file is a ScenarioError too. */
export function loadScenarioFile(path: string): LoadedScenario {
  let text: string;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ScenarioError([{ file: path, line: 0, col: 0, path: '', message: 'not a file' }]);
    if (st.size > MAX_BYTES) {
      throw new ScenarioError([
        { file: path, line: 0, col: 0, path: '', message: `file is too large (${st.size} bytes; the limit is ${MAX_BYTES})` },
      ]);
    }
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new ScenarioError([{ file: path, line: 0, col: 0, path: '', message: why }]);
  }
  return parseScenario(text, path);
}
