import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyseBargaining } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { geniusOutcomes, geniusUtility, parseGeniusDomain, parseGeniusProfile } from '../src/genius.js';
import { ScenarioError } from '../src/issues.js';

const read = (name: string): string => readFileSync(fileURLToPath(new URL(`../../../scenarios/genius/${name}`, import.meta.url)), 'utf8');

describe('GENIUS domains', () => {
  const domain = parseGeniusDomain(read('fishing-domain.xml'), 'fishing-domain.xml');
  const visitor = parseGeniusProfile(read('fishing-visitor.xml'), 'fishing-visitor.xml', domain);
  const coastal = parseGeniusProfile(read('fishing-coastal.xml'), 'fishing-coastal.xml', domain);

  it('reads the issues, their values, the weights, evaluations and reservation values', () => {
    expect(domain.map((i) => [i.name, i.values.length])).toEqual([
      ['quota', 3],
      ['patrols', 2],
      ['duration', 3],
    ]);
    expect(visitor.weights).toEqual({ quota: 0.5, patrols: 0.2, duration: 0.3 });
    expect(coastal.reservation).toBe(0.35);
  });

  it('scores an outcome as the weighted sum of normalised evaluations', () => {
    expect(geniusUtility(visitor, domain, ['high', 'joint', '10 years'])).toBeCloseTo(1, 12);
    expect(geniusUtility(coastal, domain, ['medium', 'joint', '5 years'])).toBeCloseTo(0.4 * 0.6 + 0.4 * 0.2 + 0.2 * 0.8, 12);
  });

  it('enumerates all 18 outcomes; the Nash point is the product maximiser found by brute force', () => {
    const points = geniusOutcomes(domain, visitor, coastal);
    expect(points).toHaveLength(18);
    const a = analyseBargaining(points, [visitor.reservation, coastal.reservation]);
    const best = points
      .filter((p) => p.u[0] > 0.3 && p.u[1] > 0.35)
      .reduce((x, y) => ((y.u[0] - 0.3) * (y.u[1] - 0.35) > (x.u[0] - 0.3) * (x.u[1] - 0.35) ? y : x));
    expect(a.nash!.id).toBe(best.id);
    expect(a.zopa.length).toBeGreaterThan(0);
    expect(a.pareto.length).toBeLessThan(points.length);
  });

  it('a profile missing an issue’s weight, or malformed XML, is a clear error', () => {
    const broken = read('fishing-coastal.xml').replace('<weight index="3" value="0.2"/>', '');
    expect(() => parseGeniusProfile(broken, 'c.xml', domain)).toThrow(/no weight for issue "duration"/);
    expect(() => parseGeniusDomain('<negotiation_template><utility_space>', 'd.xml')).toThrow(ScenarioError);
  });

  const where = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof ScenarioError) return e.issues.map((i) => `${i.file}:${i.line}:${i.col}  ${i.message}`).join('\n');
      throw e;
    }
    return 'no error';
  };

  it('refuses, where it stands, a profile whose weights sum to 0, a reservation that is not a number, a missing evaluation', () => {
    const coastal = read('fishing-coastal.xml');
    const zero = coastal.replace(/<weight index="(\d)" value="[^"]*"\/>/g, '<weight index="$1" value="0"/>');
    expect(where(() => parseGeniusProfile(zero, 'c.xml', domain))).toMatch(/^c\.xml:\d+:\d+ {2}the issue weights sum to 0/);
    const text = coastal.replace(/<reservation value="[^"]*"\/>/, '<reservation value="high"/>');
    const line = text.split('\n').findIndex((l) => l.includes('<reservation')) + 1;
    expect(where(() => parseGeniusProfile(text, 'c.xml', domain))).toBe(
      `c.xml:${line}:3  the reservation value is "high": expected a number`,
    );
    const missing = coastal.replace(/<item index="2" value="medium"[^>]*\/>/, '');
    expect(where(() => parseGeniusProfile(missing, 'c.xml', domain))).toMatch(
      /^c\.xml:\d+:\d+ {2}no evaluation for "medium" of issue "quota"$/,
    );
    const negative = coastal.replace(/(<weight index="1" value=)"[^"]*"/, '$1"-1"');
    expect(where(() => parseGeniusProfile(negative, 'c.xml', domain))).toMatch(
      /the weight of issue "quota" is "-1": expected a number ≥ 0$/,
    );
    const hex = coastal.replace(/(<item index="1" value="low" evaluation=)"[^"]*"/, '$1"0x10"');
    expect(where(() => parseGeniusProfile(hex, 'c.xml', domain))).toMatch(/the evaluation of "low" \(issue "quota"\) is "0x10"/);
  });

  /** A domain of issues with the given numbers of values, and a profile whose evaluations are `ev(issue, value)`. */
  const synthetic = (sizes: number[]) => {
    const issues = (ev?: (i: number, j: number) => number): string =>
      sizes
        .map(
          (m, i) =>
            `<issue index="${i + 1}" name="i${i + 1}">${Array.from({ length: m }, (_, j) => `<item index="${j + 1}" value="v${j + 1}"${ev ? ` evaluation="${ev(i, j)}"` : ''}/>`).join('')}</issue>`,
        )
        .join('\n');
    const profile = (ev: (i: number, j: number) => number): string =>
      `<utility_space><objective index="0" name="o">\n${issues(ev)}\n${sizes.map((_, i) => `<weight index="${i + 1}" value="${i + 1}"/>`).join('')}</objective><reservation value="0.3"/></utility_space>`;
    return {
      domain: `<negotiation_template><utility_space><objective index="0" name="o">\n${issues()}\n</objective></utility_space></negotiation_template>`,
      profile,
    };
  };

  it('analyses a domain the size of GENIUS Travel (188,160 outcomes) and refuses one over a million where it is declared', () => {
    const travel = synthetic([7, 7, 6, 5, 8, 4, 4]);
    const d = parseGeniusDomain(travel.domain, 'travel.xml');
    const a = parseGeniusProfile(
      travel.profile((i, j) => ((i + 1) * (j + 3)) % 7),
      'a.xml',
      d,
    );
    const b = parseGeniusProfile(
      travel.profile((i, j) => ((i + 2) * (j + 5)) % 11),
      'b.xml',
      d,
    );
    const points = geniusOutcomes(d, a, b);
    expect(points).toHaveLength(188_160);
    // The listing is in mixed radix, the last issue fastest; ids and utilities agree with the one-outcome formula.
    for (const k of [0, 1, 4, 187_003, 188_159]) {
      const values = points[k]!.id.split('|');
      expect(values.map((v, i) => d[i]!.values.indexOf(v)).reduce((n, j, i) => n * d[i]!.values.length + j, 0)).toBe(k);
      expect(points[k]!.u[0]).toBeCloseTo(geniusUtility(a, d, values), 12);
      expect(points[k]!.u[1]).toBeCloseTo(geniusUtility(b, d, values), 12);
    }
    const analysis = analyseBargaining(points, [a.reservation, b.reservation]);
    expect(analysis.nash).not.toBeNull();
    const product = (p: (typeof points)[number]) => (p.u[0] - 0.3) * (p.u[1] - 0.3);
    expect(product(analysis.nash!)).toBe(analysis.zopa.reduce((m, p) => Math.max(m, product(p)), Number.NEGATIVE_INFINITY));
    expect(where(() => parseGeniusDomain(synthetic([10, 10, 10, 10, 10, 10, 2]).domain, 'big.xml'))).toBe(
      'big.xml:1:38  the domain has 2,000,000 outcomes; at most 1,000,000 are analysed',
    );
  });
});
