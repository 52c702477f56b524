import { type Document, LineCounter, parseDocument } from 'yaml';
import { MESSAGES } from './messages.js';

/** One parsed YAML (or JSON) text, with what is needed to locate any path in it. */
export interface YamlSource {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly raw: unknown;
}

export const MAX_BYTES = 2 * 1024 * 1024;
export const MAX_DEPTH = 64;
const MAX_ALIASES = 100;

/** A problem found before there is a document to locate it in. */
export interface TextProblem {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

/**
 * Deepest nesting of the text, counted cheaply before parsing: flow brackets outside
 * quotes and comments, and block indentation (two columns a level). The YAML parser
 * itself can exhaust the stack or memory on absurd nesting, so this runs first.
 */
function nestingDepth(text: string): { depth: number; line: number } {
  let depth = 0;
  let max = 0;
  let maxLine = 1;
  let line = 1;
  let quote: string | null = null;
  let comment = false;
  let indent = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      comment = false;
      atLineStart = true;
      indent = 0;
      quote = null;
      continue;
    }
    if (atLineStart) {
      if (c === ' ' || c === '-') {
        indent++;
        continue;
      }
      atLineStart = false;
      const blockDepth = Math.floor(indent / 2) + depth;
      if (blockDepth > max) {
        max = blockDepth;
        maxLine = line;
      }
    }
    if (comment) continue;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || ' \t[{,:'.includes(text[i - 1]!))) quote = c;
    else if (c === '#') comment = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth + Math.floor(indent / 2) > max) {
        max = depth + Math.floor(indent / 2);
        maxLine = line;
      }
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return { depth: max, line: maxLine };
}

/** Parse YAML/JSON text; refuses huge, deeply nested or alias-exploding documents with a clear problem. */
export function parseYaml(text: string, file: string): YamlSource | TextProblem[] {
  if (text.length > MAX_BYTES) return [{ line: 0, col: 0, message: MESSAGES.tooLarge(text.length, MAX_BYTES) }];
  const nesting = nestingDepth(text);
  if (nesting.depth > MAX_DEPTH) return [{ line: nesting.line, col: 1, message: MESSAGES.tooDeep(MAX_DEPTH) }];
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => {
      const pos = lines.linePos(e.pos[0]);
      const first = e.message.split('\n')[0]!;
      const key = e.code === 'DUPLICATE_KEY' ? /^[^:\n]*/.exec(text.slice(e.pos[0]))![0].trim() : '';
      return { line: pos.line, col: pos.col, message: key ? MESSAGES.duplicateKey(key) : first };
    });
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return [{ line: 0, col: 0, message: MESSAGES.unreadable((e as Error).message) }];
  }
  return { file, doc, lines, raw };
}
