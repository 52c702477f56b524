import { resolve } from 'node:path';
import type { OutcomePoint } from '@parley/core';
import { XMLParser } from 'fast-xml-parser';
import { ScenarioError } from './issues.js';
import { readScenarioText } from './load.js';

/**
 * GENIUS negotiation domains (the XML format of the GENIUS/ANAC negotiation platform):
 * a domain file listing discrete issues and their values, and one utility profile per
 * party giving each issue a weight and each value an evaluation, plus an optional
 * reservation value. Utility of an outcome = Σ_issue weight × evaluation / max evaluation.
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

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['issue', 'item', 'weight', 'objective'].includes(name),
});

type Node = Record<string, unknown>;
const list = (x: unknown): Node[] => (Array.isArray(x) ? (x as Node[]) : x ? [x as Node] : []);

function fail(file: string, message: string): never {
  throw new ScenarioError([{ file, line: 0, col: 0, path: '', message }]);
}

function root(text: string, file: string): Node {
  let doc: Node;
  try {
    doc = parser.parse(text, true) as Node;
  } catch (e) {
    fail(file, `not well-formed XML: ${(e as Error).message.split('\n')[0]}`);
  }
  const space = (doc.negotiation_template as Node | undefined)?.utility_space ?? doc.utility_space;
  const objective = list((space as Node | undefined)?.objective)[0];
  if (!space || !objective) fail(file, 'expected a GENIUS <utility_space> with an <objective>');
  return { space, objective } as Node;
}

export function parseGeniusDomain(text: string, file: string): GeniusIssue[] {
  const { objective } = root(text, file) as { objective: Node };
  const issues = list(objective.issue).map((i) => ({ name: String(i.name), values: list(i.item).map((it) => String(it.value)) }));
  if (issues.length === 0) fail(file, 'the domain has no <issue> elements');
  for (const i of issues)
    if (i.values.length === 0) fail(file, `issue "${i.name}" has no <item> values (only discrete issues are supported)`);
  return issues;
}

export function parseGeniusProfile(text: string, file: string, domain: readonly GeniusIssue[]): GeniusProfile {
  const { space, objective } = root(text, file) as { space: Node; objective: Node };
  const issues = list(objective.issue);
  const byIndex = new Map(issues.map((i) => [String(i.index), String(i.name)]));
  const weights: Record<string, number> = {};
  for (const w of list(objective.weight)) {
    const name = byIndex.get(String(w.index));
    if (name) weights[name] = Number(w.value);
  }
  const evaluations: Record<string, Record<string, number>> = {};
  for (const i of issues) {
    const ev: Record<string, number> = {};
    for (const it of list(i.item)) ev[String(it.value)] = Number(it.evaluation ?? 0);
    evaluations[String(i.name)] = ev;
  }
  for (const d of domain) {
    if (!(d.name in weights) || !Number.isFinite(weights[d.name])) fail(file, `no weight for issue "${d.name}"`);
    for (const v of d.values) if (!Number.isFinite(evaluations[d.name]?.[v])) fail(file, `no evaluation for "${v}" of issue "${d.name}"`);
  }
  const reservation = Number((space.reservation as Node | undefined)?.value ?? 0);
  return { weights, evaluations, reservation: Number.isFinite(reservation) ? reservation : 0 };
}

export function geniusUtility(p: GeniusProfile, domain: readonly GeniusIssue[], outcome: readonly string[]): number {
  const total = domain.reduce((s, i) => s + p.weights[i.name]!, 0);
  let u = 0;
  domain.forEach((issue, k) => {
    const ev = p.evaluations[issue.name]!;
    const max = Math.max(...Object.values(ev), 1e-12);
    u += (p.weights[issue.name]! / total) * (ev[outcome[k]!]! / max);
  });
  return u;
}

/** Every outcome of the domain (one value per issue) with both parties' utilities; refuses domains over 100,000 outcomes. */
export function geniusOutcomes(domain: readonly GeniusIssue[], a: GeniusProfile, b: GeniusProfile): OutcomePoint[] {
  const size = domain.reduce((n, i) => n * i.values.length, 1);
  if (size > 100_000)
    throw new ScenarioError([
      { file: '', line: 0, col: 0, path: '', message: `the domain has ${size} outcomes; at most 100,000 are enumerated` },
    ]);
  let combos: string[][] = [[]];
  for (const i of domain) combos = combos.flatMap((c) => i.values.map((v) => [...c, v]));
  return combos.map((c) => ({
    id: c.join('|'),
    label: domain.map((i, k) => `${i.name}=${c[k]}`).join(', '),
    u: [geniusUtility(a, domain, c), geniusUtility(b, domain, c)] as const,
  }));
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
