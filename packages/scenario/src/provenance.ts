import type { ScenarioFile, SourceRef } from './schema.js';

/** One value (or modelled object: move, offer, event, reaction) and where it came from. */
export interface ProvenanceEntry {
  readonly path: string;
  readonly value?: number | boolean;
  readonly source?: SourceRef;
  readonly assumption?: string;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Top-level collections whose every entry (a move, offer, event, reaction, pair value) carries provenance. */
const CARRIER_COLLECTIONS = new Set(['moves', 'offers', 'events', 'reactions', 'economy', 'trust']);

/** A sourced number is exactly {value, source?, assumption?}; a condition's {op, value} is covered by its carrier. */
const isSourcedNumber = (x: Record<string, unknown>): boolean =>
  typeof x.value === 'number' && Object.keys(x).every((k) => k === 'value' || k === 'source' || k === 'assumption');

/** Every value in a scenario that needs a source or an assumption: sourced numbers, and carriers. */
export function collectProvenance(data: ScenarioFile): ProvenanceEntry[] {
  const out: ProvenanceEntry[] = [];
  const record = (x: Record<string, unknown>, path: string[]): void => {
    out.push({
      path: path.join('.'),
      ...(typeof x.value === 'number' || typeof x.active === 'boolean' ? { value: (x.value ?? x.active) as number | boolean } : {}),
      ...(x.source ? { source: x.source as SourceRef } : {}),
      ...(typeof x.assumption === 'string' ? { assumption: x.assumption } : {}),
    });
  };
  const visit = (x: unknown, path: string[]): void => {
    if (Array.isArray(x)) {
      x.forEach((v, k) => {
        visit(v, [...path, String(k)]);
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
    else if (CARRIER_COLLECTIONS.has(key)) {
      for (const [id, entry] of Object.entries(value as object)) {
        record(entry as Record<string, unknown>, [key, id]);
        visit(entry, [key, id]);
      }
    } else visit(value, [key]);
  }
  return out;
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
  readonly message: string;
}

export interface ProvenanceReport {
  readonly entries: readonly ProvenanceEntry[];
  readonly sourced: number;
  readonly assumed: number;
  readonly problems: readonly ProvenanceProblem[];
}

/**
 * Check every entry: it must cite a source or state an assumption, and a cited
 * quote must occur in the cited article. `readDoc` returns an article's text, or
 * null when there is no such article.
 */
export function checkProvenance(data: ScenarioFile, readDoc: (name: string) => string | null): ProvenanceReport {
  const entries = collectProvenance(data);
  const problems: ProvenanceProblem[] = [];
  const texts = new Map<string, string | null>();
  let sourced = 0;
  let assumed = 0;
  for (const e of entries) {
    if (e.source) {
      if (!texts.has(e.source.doc)) {
        const t = readDoc(e.source.doc);
        texts.set(e.source.doc, t === null ? null : normaliseText(t));
      }
      const text = texts.get(e.source.doc);
      if (text === null || text === undefined)
        problems.push({ path: e.path, message: `cites "${e.source.doc}", which is not a known source article` });
      else if (!text.includes(normaliseText(e.source.quote)))
        problems.push({ path: e.path, message: `quote not found in ${e.source.doc}: "${e.source.quote}"` });
      else sourced++;
    } else if (e.assumption) assumed++;
    else problems.push({ path: e.path, message: 'has neither a source nor an assumption' });
  }
  return { entries, sourced, assumed, problems };
}
