import { type Document, isAlias, isCollection, isPair, LineCounter, type Node, parseDocument } from 'yaml';
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
/** Values a document may hold once its aliases are written out (a large scenario has a few thousand). */
const MAX_NODES = 200_000;

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

/** The most deeply nested collection of a document and its depth, found without recursion. */
function deepestNode(doc: Document): { node: Node; depth: number } | null {
  let best: { node: Node; depth: number } | null = null;
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) continue;
    if (!best || depth > best.depth) best = { node, depth };
    if (depth > MAX_DEPTH) break;
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 });
        stack.push({ node: item.value, depth: depth + 1 });
      } else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return best;
}

/** Values the data holds once its aliases are written out; more than MAX_NODES + 1 is not counted exactly. */
function expandedSize(doc: Document): number {
  const memo = new Map<unknown, number>();
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      const source = node.resolve(doc);
      return source ? size(source) : 1;
    }
    if (!isCollection(node)) return 1;
    const known = memo.get(node);
    if (known !== undefined) return known;
    let n = 1;
    for (const item of node.items) {
      n += isPair(item) ? size(item.key) + size(item.value) : size(item);
      if (n > MAX_NODES) break;
    }
    memo.set(node, n);
    return n;
  };
  try {
    return size(doc.contents);
  } catch (e) {
    if (e instanceof RangeError) return MAX_NODES + 1;
    throw e;
  }
}

/** A YAML parser's complaint in the words of a scenario author. */
function plainYamlMessage(code: string, raw: string): string {
  // The parser recurses once per level: nesting the cheap pre-check did not see exhausts the stack.
  if (/call stack/i.test(raw)) return MESSAGES.tooDeep(MAX_DEPTH);
  const close = /end with an? ([\]}])/.exec(raw);
  if (close) return MESSAGES.yamlUnclosedFlow(close[1]!);
  switch (code) {
    case 'BAD_INDENT':
      return MESSAGES.yamlIndent;
    case 'TAB_AS_INDENT':
      return MESSAGES.yamlTab;
    case 'MULTIPLE_DOCS':
      return MESSAGES.yamlDocuments;
    case 'MISSING_CHAR':
      return MESSAGES.yamlUnclosed(raw);
    case 'UNEXPECTED_TOKEN':
    case 'BAD_SCALAR_START':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return MESSAGES.yamlNotFields;
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
      return MESSAGES.yamlAlias;
    case 'TAG_RESOLVE_FAILED':
      return MESSAGES.yamlTag;
    default:
      return MESSAGES.yamlOther(raw);
  }
}

/**
 * Parse YAML/JSON text; refuses huge, deeply nested or alias-exploding documents, YAML tags and
 * several documents in one file with a clear problem. A syntax error is reported once, at its
 * first place: what follows it in the file is usually a consequence (a slipped indentation made
 * 14 lines of errors), so the rest are counted, not listed.
 */
export function parseYaml(text: string, file: string): YamlSource | TextProblem[] {
  if (text.length > MAX_BYTES) return [{ line: 0, col: 0, message: MESSAGES.tooLarge(text.length, MAX_BYTES) }];
  // Old Mac line ends (a lone CR) are line ends: the YAML parser would read the file as one line.
  const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const nesting = nestingDepth(normalised);
  if (nesting.depth > MAX_DEPTH) return [{ line: nesting.line, col: 1, message: MESSAGES.tooDeep(MAX_DEPTH) }];
  const lines = new LineCounter();
  const doc = parseDocument(normalised, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const tags = doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED');
  const errors = [...doc.errors, ...tags].sort((a, b) => a.pos[0] - b.pos[0]);
  if (errors.length > 0) {
    const e = errors[0]!;
    const pos = lines.linePos(e.pos[0]);
    const first = e.message.split('\n')[0]!;
    const key = e.code === 'DUPLICATE_KEY' ? /^[^:\n]*/.exec(normalised.slice(e.pos[0]))![0].trim() : '';
    const message = key ? MESSAGES.duplicateKey(key) : plainYamlMessage(e.code, first);
    return [{ line: pos.line, col: pos.col, message: message + (errors.length > 1 ? MESSAGES.yamlMore(errors.length - 1) : '') }];
  }
  // The exact depth, now that there is a document: the pre-check reads text and can be misled
  // (a quote inside a plain scalar), and everything after this point recurses over the data.
  const deep = deepestNode(doc);
  if (deep && deep.depth > MAX_DEPTH) {
    const pos = deep.node.range ? lines.linePos(deep.node.range[0]) : { line: 0, col: 0 };
    return [{ line: pos.line, col: pos.col, message: MESSAGES.tooDeep(MAX_DEPTH) }];
  }
  // The size the data would have once every alias is written out: a file of 2 MB whose aliases
  // repeat a large part of it would take hundreds of megabytes to read.
  const size = expandedSize(doc);
  const aliasBomb = (): TextProblem[] => {
    const alias = /(^|[\s[{,:])\*[^\s,\]}]+/m.exec(normalised);
    const pos = alias ? lines.linePos(alias.index + alias[1]!.length) : { line: 0, col: 0 };
    return [{ line: pos.line, col: pos.col, message: MESSAGES.aliasBomb(MAX_NODES) }];
  };
  if (size > MAX_NODES) return aliasBomb();
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    // The yaml library's own count of each alias's copies, behind the size check above.
    const message = (e as Error).message;
    return /alias/i.test(message) ? aliasBomb() : [{ line: 0, col: 0, message: MESSAGES.unreadable(message) }];
  }
  return { file, doc, lines, raw };
}
