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
});
