import { resolve } from 'node:path';
import type { OutcomePoint } from '@parley/core';
import { XMLParser } from 'fast-xml-parser';
import { printable, ScenarioError } from './issues.js';
import { readScenarioText } from './load.js';

/**
 * GENIUS negotiation domains (the XML format of the GENIUS/ANAC negotiation platform):
 * a domain file listing discrete issues and their values, and one utility profile per
 * party giving each issue a weight and each value an evaluation, plus an optional
 * reservation value. Utility of an outcome = Σ_issue (weight / Σ weights) × evaluation / max evaluation.
 */

export interface GeniusIssue {
  readonly name: string;
  readonly values: readonly string[];
}

export interface GeniusProfile {
  readonly weights: Readonly<Record<string, number>>;
  readonly evaluations: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly reservation: number;
}

/** The most outcomes a domain may have: each is scored for both parties and analysed. */
export const MAX_GENIUS_OUTCOMES = 1_000_000;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['issue', 'item', 'weight', 'objective'].includes(name),
});

type Node = Record<string, unknown>;
const list = (x: unknown): Node[] => (Array.isArray(x) ? (x as Node[]) : x ? [x as Node] : []);

/** Line and column (1-based) of the first match of `pattern` in `text`, or 0:0 when there is none. */
function position(text: string, pattern: RegExp | undefined): { line: number; col: number } {
  const m = pattern ? pattern.exec(text) : null;
  if (!m) return { line: 0, col: 0 };
  const before = text.slice(0, m.index).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An element `<tag … attr="value"` as a pattern, to find where a problem stands. */
const element = (tag: string, attr?: string, value?: string): RegExp =>
  new RegExp(attr === undefined ? `<${tag}\\b` : `<${tag}\\b[^>]*\\b${attr}\\s*=\\s*["']${escapeRe(value ?? '')}["']`);

function fail(file: string, text: string, message: string, at?: RegExp): never {
  throw new ScenarioError([{ file, ...position(text, at), path: '', message: printable(message) }]);
}

function root(text: string, file: string): Node {
  let doc: Node;
  try {
    doc = parser.parse(text, true) as Node;
  } catch (e) {
    const m = /Line:? (\d+)[^\d]+(\d+)/i.exec(String((e as { message?: unknown }).message ?? ''));
    const err = (e as { err?: { msg?: string; line?: number; col?: number } }).err;
    const line = err?.line ?? (m ? Number(m[1]) : 0);
    const col = err?.col ?? (m ? Number(m[2]) : 0);
    const why = (err?.msg ?? (e as Error).message.split('\n')[0] ?? '').replace(/\.$/, '');
    throw new ScenarioError([{ file, line, col, path: '', message: printable(`not well-formed XML: ${why}`) }]);
  }
  const space = (doc.negotiation_template as Node | undefined)?.utility_space ?? doc.utility_space;
  const objective = list((space as Node | undefined)?.objective)[0];
  if (!space || !objective) fail(file, text, 'expected a GENIUS <utility_space> with an <objective>');
  return { space, objective } as Node;
}

export function parseGeniusDomain(text: string, file: string): GeniusIssue[] {
  const { objective } = root(text, file) as { objective: Node };
  const issues = list(objective.issue).map((i) => ({ name: String(i.name), values: list(i.item).map((it) => String(it.value)) }));
  if (issues.length === 0) fail(file, text, 'the domain has no <issue> elements', element('objective'));
  const names = new Set<string>();
  for (const i of issues) {
    const at = element('issue', 'name', i.name);
    if (i.values.length === 0) fail(file, text, `issue "${i.name}" has no <item> values (only discrete issues are supported)`, at);
    if (names.has(i.name)) fail(file, text, `issue "${i.name}" appears twice`, at);
    names.add(i.name);
    if (new Set(i.values).size !== i.values.length) fail(file, text, `issue "${i.name}" lists a value twice`, at);
  }
  const size = issues.reduce((n, i) => n * i.values.length, 1);
  if (size > MAX_GENIUS_OUTCOMES)
    fail(
      file,
      text,
      `the domain has ${size.toLocaleString('en-US')} outcomes; at most ${MAX_GENIUS_OUTCOMES.toLocaleString('en-US')} are analysed`,
      element('objective'),
    );
  return issues;
}

/** A number written in an attribute: a decimal, nothing else (Number('') is 0, Number('0x10') is 16). */
const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const numberOf = (x: unknown): number => (typeof x === 'number' ? x : typeof x === 'string' && NUMBER.test(x) ? Number(x) : Number.NaN);

export function parseGeniusProfile(text: string, file: string, domain: readonly GeniusIssue[]): GeniusProfile {
  const { space, objective } = root(text, file) as { space: Node; objective: Node };
  const issues = list(objective.issue);
  const byIndex = new Map(issues.map((i) => [String(i.index), String(i.name)]));
  const weights: Record<string, number> = {};
  for (const w of list(objective.weight)) {
    const name = byIndex.get(String(w.index));
    const at = element('weight', 'index', String(w.index));
    if (name === undefined) fail(file, text, `a <weight> for index ${String(w.index)}, which no <issue> has`, at);
    const value = numberOf(w.value);
    if (!Number.isFinite(value) || value < 0)
      fail(file, text, `the weight of issue "${name}" is "${String(w.value)}": expected a number ≥ 0`, at);
    weights[name] = value;
  }
  const evaluations: Record<string, Record<string, number>> = {};
  for (const i of issues) {
    const ev: Record<string, number> = {};
    for (const it of list(i.item)) {
      const value = numberOf(it.evaluation);
      if (it.evaluation !== undefined && (!Number.isFinite(value) || value < 0))
        fail(
          file,
          text,
          `the evaluation of "${String(it.value)}" (issue "${String(i.name)}") is "${String(it.evaluation)}": expected a number ≥ 0`,
          element('item', 'value', String(it.value)),
        );
      if (it.evaluation !== undefined) Object.defineProperty(ev, String(it.value), { value, enumerable: true });
    }
    Object.defineProperty(evaluations, String(i.name), { value: ev, enumerable: true });
  }
  for (const d of domain) {
    if (!Object.hasOwn(weights, d.name)) fail(file, text, `no weight for issue "${d.name}"`, element('issue', 'name', d.name));
    const ev = Object.hasOwn(evaluations, d.name) ? evaluations[d.name]! : undefined;
    if (!ev) fail(file, text, `no evaluations for issue "${d.name}"`, element('objective'));
    for (const v of d.values)
      if (!Object.hasOwn(ev, v)) fail(file, text, `no evaluation for "${v}" of issue "${d.name}"`, element('issue', 'name', d.name));
  }
  if (domain.reduce((s, d) => s + weights[d.name]!, 0) <= 0)
    fail(file, text, 'the issue weights sum to 0: at least one issue must matter', element('weight'));
  const written = (space.reservation as Node | undefined)?.value;
  const reservation = written === undefined ? 0 : numberOf(written);
  if (!Number.isFinite(reservation))
    fail(file, text, `the reservation value is "${String(written)}": expected a number`, element('reservation'));
  return { weights, evaluations, reservation };
}

/** Each issue's contribution to a profile's utility, value by value: (weight / Σ weights) × evaluation / max evaluation. */
function contributions(p: GeniusProfile, domain: readonly GeniusIssue[]): Float64Array[] {
  const total = domain.reduce((s, i) => s + p.weights[i.name]!, 0);
  return domain.map((issue) => {
    const ev = p.evaluations[issue.name]!;
    const max = issue.values.reduce((m, v) => Math.max(m, ev[v]!), 1e-12);
    return Float64Array.from(issue.values, (v) => (p.weights[issue.name]! / total) * (ev[v]! / max));
  });
}

export function geniusUtility(p: GeniusProfile, domain: readonly GeniusIssue[], outcome: readonly string[]): number {
  const parts = contributions(p, domain);
  let u = 0;
  domain.forEach((issue, k) => {
    u += parts[k]![issue.values.indexOf(outcome[k]!)]!;
  });
  return u;
}

/** An outcome of a GENIUS domain: its id and label are spelled out only when asked for (a domain may have a million). */
class GeniusOutcome implements OutcomePoint {
  constructor(
    private readonly domain: readonly GeniusIssue[],
    private readonly index: number,
    readonly u: readonly [number, number],
  ) {}
  /** The value chosen for each issue: the outcome's index read in mixed radix, the last issue varying fastest. */
  private values(): string[] {
    const out: string[] = new Array(this.domain.length);
    let n = this.index;
    for (let k = this.domain.length - 1; k >= 0; k--) {
      const values = this.domain[k]!.values;
      out[k] = values[n % values.length]!;
      n = Math.floor(n / values.length);
    }
    return out;
  }
  get id(): string {
    return this.values().join('|');
  }
  get label(): string {
    const values = this.values();
    return this.domain.map((issue, k) => `${issue.name}=${values[k]}`).join(', ');
  }
  toJSON(): OutcomePoint {
    return { id: this.id, label: this.label, u: this.u };
  }
}

/** Every outcome of the domain (one value per issue, the last issue varying fastest) with both parties' utilities. */
export function geniusOutcomes(domain: readonly GeniusIssue[], a: GeniusProfile, b: GeniusProfile): OutcomePoint[] {
  const size = domain.reduce((n, i) => n * i.values.length, 1);
  if (size > MAX_GENIUS_OUTCOMES)
    throw new ScenarioError([
      { file: '', line: 0, col: 0, path: '', message: `the domain has ${size} outcomes; at most ${MAX_GENIUS_OUTCOMES} are analysed` },
    ]);
  const [ca, cb] = [contributions(a, domain), contributions(b, domain)];
  const choice = new Uint32Array(domain.length);
  const out: OutcomePoint[] = new Array(size);
  for (let n = 0; n < size; n++) {
    let ua = 0;
    let ub = 0;
    for (let k = 0; k < domain.length; k++) {
      ua += ca[k]![choice[k]!]!;
      ub += cb[k]![choice[k]!]!;
    }
    out[n] = new GeniusOutcome(domain, n, [ua, ub]);
    for (let k = domain.length - 1; k >= 0; k--) {
      if (++choice[k]! < domain[k]!.values.length) break;
      choice[k] = 0;
    }
  }
  return out;
}

/** Read a GENIUS domain and its two profiles from files (named relative to `cwd`); unreadable or malformed files are ScenarioErrors. */
export function loadGeniusFiles(
  domainFile: string,
  profileFiles: readonly string[],
  cwd: string,
): { domain: GeniusIssue[]; profiles: [GeniusProfile, GeniusProfile] } {
  if (profileFiles.length !== 2) {
    throw new ScenarioError([
      { file: domainFile, line: 0, col: 0, path: '', message: `expected two utility profiles, got ${profileFiles.length}` },
    ]);
  }
  const read = (f: string): string => readScenarioText(resolve(cwd, f), f);
  const domain = parseGeniusDomain(read(domainFile), domainFile);
  const [a, b] = profileFiles.map((f) => parseGeniusProfile(read(f), f, domain)) as [GeniusProfile, GeniusProfile];
  return { domain, profiles: [a, b] };
}
