import type { ScenarioFile, SourceRef } from './schema.js';

/** One value (or modelled object: move, offer, event, reaction) and where it came from. */
export interface ProvenanceEntry {
  readonly path: string;
  readonly value?: number | boolean;
  readonly source?: SourceRef;
  readonly assumption?: string;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Objects that carry provenance: sourced numbers, and the modelled objects that hold effects. */
const CARRIERS = new Set(['moves', 'offers', 'events', 'reactions', 'economy', 'trust', 'talks']);

/** Every value in a scenario that needs a source or an assumption. */
export function collectProvenance(data: ScenarioFile): ProvenanceEntry[] {
  const out: ProvenanceEntry[] = [];
  const visit = (x: unknown, path: string[], carrier: boolean): void => {
    if (Array.isArray(x)) {
      x.forEach((v, k) => {
        visit(v, [...path, String(k)], carrier);
      });
      return;
    }
    if (!isObject(x)) return;
    // A sourced number is exactly {value, source?, assumption?}; a condition's {op, value} is covered by its carrier.
    const sourcedNumber = typeof x.value === 'number' && Object.keys(x).every((k) => k === 'value' || k === 'source' || k === 'assumption');
    if (sourcedNumber || carrier) {
      out.push({
        path: path.join('.'),
        ...(sourcedNumber ? { value: x.value as number } : 'active' in x ? { value: x.active as boolean } : {}),
        ...(x.source ? { source: x.source as SourceRef } : {}),
        ...(typeof x.assumption === 'string' ? { assumption: x.assumption } : {}),
      });
      if (sourcedNumber) return;
    }
    for (const [k, v] of Object.entries(x)) {
      const top = path.length === 0;
      // Direct children of moves/offers/events/reactions records, items of economy/trust lists, and talks.
      const childCarrier = top && CARRIERS.has(k) && k !== 'talks';
      if (top && k === 'talks') visit(v, [k], true);
      else if (childCarrier) {
        for (const [ck, cv] of Array.isArray(v) ? v.map((e, i) => [String(i), e] as const) : Object.entries(v as object)) {
          visit(cv, [k, ck], true);
        }
      } else visit(v, [...path, k], false);
    }
  };
  visit(data, [], false);
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
