import type { BargainingAnalysis, OutcomePoint } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { bargainSvg } from '../src/experiment-charts.js';

const point = (u0: number, u1: number): OutcomePoint => ({ u: [u0, u1] }) as unknown as OutcomePoint;

/** The legend's labels: the text of the chart's legend entries. */
const legend = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

describe('the bargaining chart', () => {
  const a = point(0.1, 0.9);
  const b = point(0.5, 0.6);
  const c = point(0.8, 0.2);
  const inside = point(0.3, 0.3);
  const base = { disagreement: [0.2, 0.2] as const, points: [a, b, c, inside], pareto: [a, b, c], zopa: [b] };

  it('names one package that is both solutions once, and its legend lists only what it draws', async () => {
    const svg = await bargainSvg({ ...base, nash: b, kalaiSmorodinsky: b } as BargainingAnalysis, ['A', 'B']);
    const labels = legend(svg);
    expect(labels).toContain('Nash = Kalai–Smorodinsky');
    expect(labels).not.toContain('Kalai–Smorodinsky');
    expect(labels).not.toContain('Nash');
  });

  it('marks two different solutions apart, and leaves them out of the legend when there is none', async () => {
    const two = legend(await bargainSvg({ ...base, nash: b, kalaiSmorodinsky: a } as BargainingAnalysis, ['A', 'B']));
    expect(two).toEqual(expect.arrayContaining(['Nash', 'Kalai–Smorodinsky', 'Pareto frontier', 'other package']));
    const none = legend(await bargainSvg({ ...base, zopa: [], nash: null, kalaiSmorodinsky: null } as BargainingAnalysis, ['A', 'B']));
    expect(none).not.toContain('Nash');
    expect(none).not.toContain('Kalai–Smorodinsky');
  });
});
