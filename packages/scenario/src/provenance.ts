import { pathString } from './issues.js';
import type { Key } from './overrides.js';
import type { ScenarioFile, SourceRef } from './schema.js';

/** One value (or modelled object: move, offer, event, reaction) and where it came from. */
export interface ProvenanceEntry {
  /** The field, as `--set` and messages write it: actors.japan.weights.treaty, trust[0]. */
  readonly path: string;
  /** The same path as keys, for locating it in the file. */
  readonly at: readonly Key[];
  readonly value?: number | boolean;
  readonly source?: SourceRef;
  readonly assumption?: string;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Top-level collections whose every entry (a move, offer, event, reaction, pair value) carries provenance. */
const CARRIER_COLLECTIONS = new Set(['moves', 'offers', 'events', 'reactions', 'economy', 'trust']);

/** A sourced number is exactly {value, range?, source?, assumption?}; a condition's {op, value} is covered by its carrier. */
const isSourcedNumber = (x: Record<string, unknown>): boolean =>
  typeof x.value === 'number' && Object.keys(x).every((k) => k === 'value' || k === 'range' || k === 'source' || k === 'assumption');

/** Every value in a scenario that needs a source or an assumption: sourced numbers, and carriers. */
export function collectProvenance(data: ScenarioFile): ProvenanceEntry[] {
  const out: ProvenanceEntry[] = [];
  const record = (x: Record<string, unknown>, path: Key[]): void => {
    out.push({
      path: pathString(path),
      at: path,
      ...(typeof x.value === 'number' || typeof x.active === 'boolean' ? { value: (x.value ?? x.active) as number | boolean } : {}),
      ...(x.source ? { source: x.source as SourceRef } : {}),
      ...(typeof x.assumption === 'string' ? { assumption: x.assumption } : {}),
    });
  };
  const visit = (x: unknown, path: Key[]): void => {
    if (Array.isArray(x)) {
      x.forEach((v, k) => {
        visit(v, [...path, k]);
      });
      return;
    }
    if (!isObject(x)) return;
    if (isSourcedNumber(x)) {
      record(x, path);
      return;
    }
    for (const [k, v] of Object.entries(x)) visit(v, [...path, k]);
  };
  for (const [key, value] of Object.entries(data)) {
    if (key === 'talks') record(value as Record<string, unknown>, [key]);
    // A hindcast's pins and targets are facts to score against, not values of the model (hindcastFacts).
    else if (key === 'hindcast') continue;
    else if (CARRIER_COLLECTIONS.has(key)) {
      const entries: [Key, unknown][] = Array.isArray(value) ? value.map((v, k) => [k, v]) : Object.entries(value as object);
      for (const [id, entry] of entries) {
        record(entry as Record<string, unknown>, [key, id]);
        visit(entry, [key, id]);
      }
    } else visit(value, [key]);
  }
  return out;
}

/** A hindcast's pins and targets: each cites the article that reports it (its quote is checked like any other). */
export function hindcastFacts(data: ScenarioFile): ProvenanceEntry[] {
  if (!data.hindcast) return [];
  return (['pins', 'targets'] as const).flatMap((part) =>
    Object.entries(data.hindcast![part]).map(([id, entry]) => {
      const at: Key[] = ['hindcast', part, id];
      return { path: pathString(at), at, source: entry.source };
    }),
  );
}

/** Normalise text for quote matching: curly quotes and dashes to plain, runs of white space to one space. */
export function normaliseText(s: string): string {
  return s
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface ProvenanceProblem {
  readonly path: string;
  readonly at: readonly Key[];
  readonly message: string;
}

export interface ProvenanceReport {
  /** The model's values (what the counts count). */
  readonly entries: readonly ProvenanceEntry[];
  /** The hindcast's facts, whose quotes were checked too. */
  readonly facts: number;
  readonly sourced: number;
  readonly assumed: number;
  readonly problems: readonly ProvenanceProblem[];
}

/** An article's text, or why it cannot be read. */
export type ArticleText = { readonly text: string } | { readonly problem: string };

/**
 * Check every entry: it must cite a source or state an assumption, and a cited
 * quote must occur in the cited article. `readDoc` returns the text of the article
 * a citation at `at` names, or why it cannot be had (no such file, not a regular file,
 * too large); it is asked once per article and place it is looked for in.
 */
export function checkProvenance(data: ScenarioFile, readDoc: (name: string, at: readonly Key[]) => ArticleText): ProvenanceReport {
  const entries = collectProvenance(data);
  const facts = hindcastFacts(data);
  const problems: ProvenanceProblem[] = [];
  const problem = (at: readonly Key[], message: string): void => {
    problems.push({ path: pathString(at), at, message });
  };
  // Normalised once per article object the reader returns (it returns the same object for the same file).
  const texts = new WeakMap<ArticleText, ArticleText>();
  let sourced = 0;
  let assumed = 0;
  for (const e of [...entries, ...facts]) {
    const counted = e.at[0] !== 'hindcast';
    if (e.source) {
      const read = readDoc(e.source.doc, e.at);
      let article = texts.get(read);
      if (!article) {
        article = 'text' in read ? { text: normaliseText(read.text) } : read;
        texts.set(read, article);
      }
      if ('problem' in article) problem([...e.at, 'source', 'doc'], `cannot check the quote: ${e.source.doc}: ${article.problem}`);
      else if (!article.text.includes(normaliseText(e.source.quote)))
        problem([...e.at, 'source', 'quote'], `quote not found in ${e.source.doc}: "${e.source.quote}"`);
      else if (counted) sourced++;
    } else if (e.assumption) assumed++;
    else problem(e.at, 'has neither a source nor an assumption');
  }
  return { entries, facts: facts.length, sourced, assumed, problems };
}
