import { pathString } from './issues.js';
import { isPlainObject } from './merge.js';
import type { Key } from './overrides.js';
import { collectProvenance, hindcastFacts, type ProvenanceEntry } from './provenance.js';
import type { Support } from './schema.js';

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

/** Where a number's plausible range comes from. */
export type RangeKind = 'stated' | 'rule' | 'exact' | 'missing';

export interface GradedNumber extends ProvenanceEntry {
  readonly value: number;
  /** [lo, hi]: its own range, the scenario's rule applied to it, or the value itself (graded `value`, or 0 under a relative rule). */
  readonly plausible?: readonly [number, number];
  readonly rangeKind: RangeKind;
  /** How `--uncertain` draws it within its range: its own `dist`, else the rule's, else triangular. */
  readonly distribution: 'triangular' | 'uniform';
}

export interface ProvenanceReport {
  /** Every entry: the model's numbers and its moves, offers, events and reactions. */
  readonly entries: readonly ProvenanceEntry[];
  /** The model's numbers, each with its grade and plausible range. */
  readonly numbers: readonly GradedNumber[];
  /** How many numbers have each grade. */
  readonly grades: Readonly<Record<Support, number>>;
  /** How many numbers have a range of each kind. */
  readonly ranges: Readonly<Record<RangeKind, number>>;
  /** Moves, offers, events and reactions: how many cite a source, how many are assumptions. */
  readonly carriers: { readonly sourced: number; readonly assumed: number };
  /** Citations of articles dated after the scenario's start (allowed only with its `hindsight`). */
  readonly hindsight: number;
  /** The hindcast's facts, whose quotes were checked too. */
  readonly facts: number;
  readonly problems: readonly ProvenanceProblem[];
}

/** An article's text, or why it cannot be read. */
export type ArticleText = { readonly text: string } | { readonly problem: string };

/** The last month (year·12 + month − 1) of a "YYYYQn" quarter, or null. */
const quarterEnd = (q: unknown): number | null => {
  const m = typeof q === 'string' ? /^(\d{4})Q([1-4])$/.exec(q) : null;
  return m ? Number(m[1]) * 12 + Number(m[2]) * 3 - 1 : null;
};
/** The earliest month an article dated "YYYY" or "YYYY-MM" can have appeared in, or null when undated. */
const publishedBy = (date: unknown): number | null => {
  const m = typeof date === 'string' ? /^(\d{4})(?:-(\d{2}))?/.exec(date) : null;
  return m ? Number(m[1]) * 12 + (m[2] ? Number(m[2]) - 1 : 0) : null;
};

/** A number's plausible range and where it comes from. */
function plausibleRange(
  e: ProvenanceEntry & { value: number },
  factor: readonly [number, number] | null,
): Pick<GradedNumber, 'plausible' | 'rangeKind'> {
  if (e.range) return { plausible: e.range, rangeKind: 'stated' };
  if (e.grade === 'value' || (factor && e.value === 0)) return { plausible: [e.value, e.value], rangeKind: 'exact' };
  if (!factor) return { rangeKind: 'missing' };
  // Rounded to 6 significant digits, so 0.35 × 0.5 reads 0.175, not 0.17500000000000002.
  const a = Number((e.value * factor[0]).toPrecision(6));
  const b = Number((e.value * factor[1]).toPrecision(6));
  return { plausible: [Math.min(a, b), Math.max(a, b)], rangeKind: 'rule' };
}

/**
 * The model's numbers of a scenario as written, each with its grade, its plausible range (its own,
 * the scenario's `defaultRange`, or exact) and how `--uncertain` draws it: what validate's counts,
 * `explain`, the parameter table and the uncertain batches read. No article is read.
 */
export function gradedNumbers(data: unknown, entries: readonly ProvenanceEntry[] = collectProvenance(data)): GradedNumber[] {
  const raw = isPlainObject(data) ? data : {};
  const rule =
    isPlainObject(raw.defaultRange) && Array.isArray(raw.defaultRange.factor) ? (raw.defaultRange.factor as [number, number]) : null;
  const ruleDist = isPlainObject(raw.defaultRange) && raw.defaultRange.dist === 'uniform' ? 'uniform' : 'triangular';
  return entries.flatMap((e): GradedNumber[] => {
    if (e.kind !== 'number' || typeof e.value !== 'number') return [];
    const range = plausibleRange(e as ProvenanceEntry & { value: number }, rule);
    return [{ ...e, value: e.value, ...range, distribution: e.dist ?? (range.rangeKind === 'rule' ? ruleDist : 'triangular') }];
  });
}

/**
 * Check a scenario's provenance (`validate --provenance`), on the scenario as written. Every
 * number and every move, offer, event and reaction must cite a source or state an assumption; a
 * cited quote must occur in the cited article; a grade must fit what is written (`value` or
 * `direction` needs a source, `assumption` needs the assumption said); every number graded
 * `direction` or `assumption` needs a plausible range, its own or the scenario's `defaultRange`; a
 * citation of an article dated after the scenario's start needs the scenario's `hindsight`.
 * `readDoc` returns the text of the article a citation at `at` names, or why it cannot be had; it
 * is asked once per article and place it is looked for in.
 */
export function checkProvenance(data: unknown, readDoc: (name: string, at: readonly Key[]) => ArticleText): ProvenanceReport {
  const raw = isPlainObject(data) ? data : {};
  const entries = collectProvenance(raw);
  const facts = hindcastFacts(raw);
  const problems: ProvenanceProblem[] = [];
  const problem = (at: readonly Key[], message: string): void => {
    problems.push({ path: pathString(at), at, message });
  };
  const start = quarterEnd(raw.start);
  const articles = isPlainObject(raw.sources) ? raw.sources : {};
  const hasHindsight = typeof raw.hindsight === 'string';
  // Normalised once per article object the reader returns (it returns the same object for the same file).
  const texts = new WeakMap<ArticleText, ArticleText>();
  const grades: Record<Support, number> = { value: 0, direction: 0, assumption: 0 };
  const ranges: Record<RangeKind, number> = { stated: 0, rule: 0, exact: 0, missing: 0 };
  const carriers = { sourced: 0, assumed: 0 };
  let hindsight = 0;
  for (const e of [...entries, ...facts]) {
    const counted = e.at[0] !== 'hindcast';
    // A plain number inside a carrier shares the carrier's citation: checked once, at the carrier.
    if (e.source && !e.inherited) {
      const read = readDoc(e.source.doc, e.at);
      let article = texts.get(read);
      if (!article) {
        article = 'text' in read ? { text: normaliseText(read.text) } : read;
        texts.set(read, article);
      }
      if ('problem' in article) problem([...e.at, 'source', 'doc'], `cannot check the quote: ${e.source.doc}: ${article.problem}`);
      else if (!article.text.includes(normaliseText(e.source.quote)))
        problem([...e.at, 'source', 'quote'], `quote not found in ${e.source.doc}: "${e.source.quote}"`);
      const info = articles[e.source.doc];
      const published = publishedBy(isPlainObject(info) ? info.date : undefined);
      if (counted && start !== null && published !== null && published > start) {
        hindsight++;
        if (!hasHindsight)
          problem(
            [...e.at, 'source', 'doc'],
            `${e.source.doc} was published after the scenario's start (${String(raw.start)}): say why it is used in \`hindsight\`, or cite an earlier article`,
          );
      }
    }
    if (!counted) continue;
    if (!e.source && !e.assumption) problem(e.at, 'has neither a source nor an assumption');
    else if (e.support && e.support !== 'assumption' && !e.source)
      problem([...e.at, 'support'], `support: ${e.support} needs a source that states it`);
    else if (e.grade === 'assumption' && !e.assumption) problem(e.at, 'graded an assumption: say the assumption (`assumption: "…"`)');
    if (e.kind === 'carrier') {
      if (e.source) carriers.sourced++;
      else carriers.assumed++;
    }
  }
  const numbers = gradedNumbers(raw, entries);
  for (const n of numbers) {
    grades[n.grade]++;
    ranges[n.rangeKind]++;
    if (n.rangeKind === 'missing')
      problem(n.at, `graded ${n.grade}, with no plausible range: add \`range: [lo, hi]\` or the scenario's \`defaultRange\``);
  }
  return { entries, numbers, grades, ranges, carriers, hindsight, facts: facts.length, problems };
}
