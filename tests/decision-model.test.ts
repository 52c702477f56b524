import { DIMENSION_COUNT, DIMENSIONS, Evaluator, type Model, moveOptions, offerOptions, optionTables, type WorldState } from '@parley/core';
import { RunSession } from '@parley/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagship } from './helpers/flagship.js';

/**
 * Properties of the decision model (docs/model.md, "Utility" and "Choice, acceptance and
 * ratification"): what a modeller would check before trusting a single number it prints.
 */

const base = flagship().model;

/** Worlds the flagship reaches: the world at the start of each quarter of a few runs. */
function reachedWorlds(m: Model, seeds: readonly number[]): WorldState[] {
  const out: WorldState[] = [];
  for (const seed of seeds) {
    const s = new RunSession(m, 'decision-model', seed);
    let t = -1;
    while (!s.done) {
      if (s.t !== t && s.state === 'shocks') {
        t = s.t;
        out.push(s.ctx.world);
      }
      s.step();
    }
  }
  return out;
}

/**
 * The dimensions none of actor i's options can move for it: not its own moves, not any deal,
 * not the moves its pressure lookahead weighs (every move, to be safe).
 */
function unmovable(m: Model, i: number): number[] {
  const { masks } = optionTables(m);
  const n = m.actors.length;
  let mask = 0;
  for (let k = 0; k < m.moves.length; k++) mask |= masks.moves[k * n + i]!;
  for (let o = 0; o < m.offers.length; o++) mask |= masks.offers[o * n + i]!;
  return DIMENSIONS.flatMap((_, d) => (mask & (1 << d) ? [] : [d]));
}

/** The same world with actor i's weight on dimension d set to w. */
function withWeight(s: WorldState, i: number, d: number, w: number): WorldState {
  const weights = s.weights.slice();
  weights[i * DIMENSION_COUNT + d] = w;
  return { ...s, weights };
}

describe('scale-free utilities', () => {
  const worlds = reachedWorlds(base, [1, 2, 3]);
  const candidates = base.actors.flatMap((_, i) => unmovable(base, i).map((d) => [i, d] as const));

  it('the flagship has weights its actors options cannot move (the property has something to test)', () => {
    expect(candidates.length).toBeGreaterThan(0);
  });

  it("a weight on a dimension an actor's options cannot move changes none of its choice probabilities", () => {
    fc.assert(
      fc.property(
        fc.nat(worlds.length - 1),
        fc.constantFrom(...candidates),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (k, [i, d], w) => {
          const s = worlds[k]!;
          const a = new Evaluator(base, s);
          const b = new Evaluator(base, withWeight(s, i, d, w));
          const moves = (ev: Evaluator) => moveOptions(ev, i).map((o) => o.probability);
          expect(moves(b)).toEqual(moves(a));
          for (let o = 0; o < base.offers.length; o++) expect(b.surplus(i, o)).toBe(a.surplus(i, o));
          const j = i === base.claimant ? base.holder : base.claimant;
          if (base.actors[i]!.role === 'party') {
            const offers = (ev: Evaluator) => offerOptions(ev, i, j).map((o) => o.probability);
            expect(offers(b)).toEqual(offers(a));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
