import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { simulate } from '@parley/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { pathString, ScenarioError } from '../src/issues.js';
import { parseScenario } from '../src/load.js';

/**
 * Fuzzing the loader: random structural mutations of valid scenarios must give either a
 * valid scenario (which then runs) or a clean, located ScenarioError — never a crash or
 * a hang.
 */
const read = (rel: string): string => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');
const SEEDS = [read('../../../scenarios/tutorial/lighthouse-island.yaml'), read('../../../scenarios/kuril/_base.yaml')];

type Path = (string | number)[];
function paths(x: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(x)) for (const [i, v] of x.entries()) paths(v, [...at, i], out);
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) paths(v, [...at, k], out);
  return out;
}
const parentOf = (root: unknown, path: Path): Record<string | number, unknown> =>
  path.slice(0, -1).reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], root) as Record<string | number, unknown>;

const weird = fc.constantFrom<unknown>(
  null,
  '',
  'zzz',
  'japn',
  -1,
  2,
  1e9,
  -1e9,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  0,
  true,
  [],
  {},
  [1, 2],
  {
    value: 0.5,
  },
);
const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('rename' as const), at: fc.nat(), suffix: fc.constantFrom('s', 'x', '_', '') }),
  fc.record({ op: fc.constant('retype' as const), at: fc.nat(), value: weird }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('dangle' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, muts: readonly Mutation[]): string {
  const doc = parse(text) as unknown;
  let lines: string[] | null = null;
  for (const m of muts) {
    const all = paths(doc).filter((p) => p.length > 0);
    const path = all[m.at % all.length]!;
    const parent = parentOf(doc, path);
    const key = path[path.length - 1]!;
    if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (m.op === 'rename' && !Array.isArray(parent)) {
      const v = parent[key];
      delete parent[key];
      parent[m.suffix ? `${String(key)}${m.suffix}` : String(key).slice(1) || 'k'] = v;
    } else if (m.op === 'retype') parent[key] = m.value;
    else if (m.op === 'dangle' && typeof parent[key] === 'string') parent[key] = `${parent[key] as string}-x`;
    else if (m.op === 'duplicate') lines ??= [];
  }
  const out = stringify(doc);
  if (lines === null) return out;
  // A duplicated line: a repeated key, or a repeated list item.
  const ls = out.split('\n');
  const k = (muts.find((m) => m.op === 'duplicate')!.at % (ls.length - 1)) + 1;
  ls.splice(k, 0, ls[k - 1]!);
  return ls.join('\n');
}

describe('loader fuzzing', () => {
  it('any mutation of a valid scenario gives a valid, runnable scenario or a located ScenarioError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, muts) => {
        const text = mutate(seed, muts);
        try {
          const sc = parseScenario(text, 'fuzz.yaml');
          const r = simulate(sc.model, { scenarioKey: sc.hash, seed: 1, run: 0 });
          expect(typeof r.outcome).toBe('string');
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          expect(e.issues.length).toBeGreaterThan(0);
          for (const i of e.issues) {
            expect(i.file).toBe('fuzz.yaml');
            expect(i.message.length).toBeGreaterThan(3);
            expect(i.line).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('every name a scenario uses, pointed at nothing, is reported as an unknown reference where it is', () => {
    for (const seed of SEEDS) {
      const doc = parse(seed) as Record<string, Record<string, unknown>>;
      const ids = new Set(['actors', 'territories', 'alliances', 'energy', 'moves'].flatMap((c) => Object.keys(doc[c] ?? {})));
      let checked = 0;
      for (const path of paths(doc)) {
        const parent = path.length > 0 ? parentOf(doc, path) : null;
        const key = path[path.length - 1]!;
        if (!parent || typeof parent[key] !== 'string' || !ids.has(parent[key] as string)) continue;
        if (path[0] === 'id') continue;
        const copy = structuredClone(doc);
        (parentOf(copy, path) as Record<string | number, unknown>)[key] = 'nowhere';
        let issues: string[] = [];
        try {
          parseScenario(stringify(copy), 'names.yaml');
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          issues = e.issues.map((i) => `${i.path}  ${i.message}`);
        }
        expect(issues.filter((i) => i.startsWith(`${pathString(path)}  unknown `) && i.includes('"nowhere"'))).toHaveLength(1);
        checked++;
      }
      expect(checked).toBeGreaterThan(20);
    }
  });

  it('unparseable text is a located ScenarioError too', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          parseScenario(text, 'fuzz.yaml');
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});
