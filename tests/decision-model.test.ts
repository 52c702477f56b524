import {
  afterDeal,
  afterEffects,
  DIMENSION_COUNT,
  DIMENSIONS,
  Evaluator,
  type Model,
  moveOptions,
  offerOptions,
  optionTables,
  type WorldState,
} from '@parley/core';
import { RunSession, simulate } from '@parley/engine';
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

describe('coherent acceptance: types, beliefs and a noise floor', () => {
  const RUNS = 400;
  const russia = base.actors.findIndex((a) => a.id === 'russia');

  it('no deal below the responder’s own reservation value is accepted more often than its tremble, nor one above it refused', () => {
    let below = 0;
    let acceptedBelow = 0;
    let above = 0;
    let refusedAbove = 0;
    for (let run = 0; run < RUNS; run++) {
      simulate(base, {
        scenarioKey: 'coherence',
        seed: 1,
        run,
        emit: (e) => {
          if (e.type !== 'response' || e.decision === 'veto') return;
          if (e.dealUtility < e.walkAway) {
            below++;
            if (e.decision === 'accept') acceptedBelow++;
          } else {
            above++;
            if (e.decision === 'reject') refusedAbove++;
          }
        },
      });
    }
    const tremble = Math.max(...base.actors.map((a) => a.tremble));
    expect(below).toBeGreaterThan(100);
    expect(above).toBeGreaterThan(100);
    // Each answer goes against the type with probability tremble: allow three times that for the dice.
    expect(acceptedBelow / below).toBeLessThanOrEqual(3 * tremble);
    expect(refusedAbove / above).toBeLessThanOrEqual(3 * tremble);
  });

  it('in every reachable world, acceptance below the reservation value is the tremble, and belief is a probability that falls as a deal gets dearer', () => {
    const worlds = reachedWorlds(base, [4, 5, 6]);
    fc.assert(
      fc.property(
        fc.nat(worlds.length - 1),
        fc.nat(base.offers.length - 1),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (k, o, extra) => {
          const ev = new Evaluator(base, worlds[k]!);
          for (let i = 0; i < base.actors.length; i++) {
            if (!ev.canRatify(i, o)) continue;
            const e = base.actors[i]!.tremble;
            if (ev.surplus(i, o) < 0) expect(ev.acceptance(i, o)).toBe(e);
            const b = ev.believedAcceptance(i, o);
            expect(b).toBeGreaterThanOrEqual(0);
            expect(b).toBeLessThanOrEqual(1);
            // A dearer deal (an inducement against it) is never believed likelier to be accepted.
            expect(ev.believedAcceptance(i, o, extra)).toBeLessThanOrEqual(b);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a rejection teaches the proposer: the same offer is then believed refused, and is not tabled again', () => {
    let seen = 0;
    for (let run = 0; run < 200 && seen < 5; run++) {
      const s = new RunSession(base, 'beliefs', 1, run);
      while (!s.done) {
        const p = s.ctx.pending;
        if (s.state === 'response' || s.next !== 'response' || !p || p.to !== russia) {
          s.step();
          continue;
        }
        const before = new Evaluator(base, s.ctx.world);
        if (!before.canRatify(russia, p.offer)) {
          s.step();
          continue;
        }
        const rejected = before.surplus(russia, p.offer) < 0;
        const offer = p.offer;
        const at = s.log.length;
        s.step();
        const answer = s.log.slice(at).find((e) => e.type === 'response');
        if (!rejected || answer?.type !== 'response' || answer.decision !== 'reject') continue;
        const after = new Evaluator(base, s.ctx.world);
        expect(after.believedAcceptance(russia, offer)).toBe(0);
        expect(offerOptions(after, base.claimant, russia).some((x) => x.offer === offer)).toBe(false);
        seen++;
        break;
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('more summits do not make a treaty likelier when no leader’s mind changes: the treaty share is not the count of draws', () => {
    // Trust's channel off: meetings build trust, which would lower Russia's price (a mind that changes).
    const still: Model = { ...base, params: { ...base.params, trustMargin: 0 } };
    const nagato = still.events.find((e) => e.id === 'nagato-summit')!;
    const extra = Array.from({ length: 6 }, (_, k) => ({ ...nagato, id: `extra-summit-${k}`, at: 5 + k }));
    const more: Model = { ...still, events: [...still.events, ...extra] };
    const treaties = (m: Model): number => {
      let n = 0;
      for (let run = 0; run < 1000; run++) if (simulate(m, { scenarioKey: 'summits', seed: 1, run }).treatyT !== null) n++;
      return n / 1000;
    };
    const few = treaties(still);
    const many = treaties(more);
    expect(few).toBeGreaterThan(0.05);
    // Until engine 0.3 (acceptance drawn afresh by logit at every meeting) six more summits added
    // several points; now only the trembles add anything.
    expect(Math.abs(many - few)).toBeLessThan(0.03);
  });
});

describe('one effect per term', () => {
  const ease = base.moves.findIndex((mv) => mv.id === 'japan-ease-sanctions');
  const japan = base.actors.findIndex((a) => a.id === 'japan');
  const us = base.actors.findIndex((a) => a.id === 'us');
  /** The flagship with one more offer: Japan's easing move, `times` over, and nothing else. */
  const withEaseDeal = (times: number): Model => ({
    ...base,
    offers: [
      ...base.offers,
      { id: 'ease-as-a-deal', label: 'Japan eases', proposers: [japan], terms: [{ kind: 'move', move: ease, times }] },
    ],
  });

  it('a deal made of a move changes the world exactly as making the move does', () => {
    const worlds = reachedWorlds(base, [7]);
    fc.assert(
      fc.property(fc.nat(worlds.length - 1), fc.integer({ min: 1, max: 3 }), (k, times) => {
        const m = withEaseDeal(times);
        const s = worlds[k]!;
        const deal = afterDeal(m, s, m.offers.length - 1);
        let moved = s;
        for (let j = 0; j < times; j++) moved = afterEffects(m, moved, m.moves[ease]!.effects);
        for (const f of ['sanctions', 'cohesion', 'trust', 'economy', 'energy', 'room', 'militarisation'] as const) {
          expect(deal[f]).toEqual(moved[f]);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('pressure on the move weighs on the deal: each time over costs its actor the pressure, as the move would', () => {
    const m = withEaseDeal(3);
    const o = m.offers.length - 1;
    const s = worlds0(m);
    const pressed = {
      ...s,
      modifiers: [...s.modifiers, { kind: 'moveCost' as const, actor: japan, move: ease, amount: 0.03, until: s.t + 4 }],
    };
    const free = new Evaluator(m, s);
    const under = new Evaluator(m, pressed);
    expect(free.surplus(japan, o) - under.surplus(japan, o)).toBeCloseTo(3 * 0.03, 12);
    // The same pressure lowers the move's own value by the same amount, once.
    const value = (ev: Evaluator) => moveOptions(ev, japan).find((x) => x.move === ease)!.direct;
    expect(value(free) - value(under)).toBeCloseTo(0.03, 12);
    // Nobody else's surplus moves.
    expect(under.surplus(us, o)).toBe(free.surplus(us, o));
  });
});

/** The world at the start of a run of m. */
function worlds0(m: Model): WorldState {
  return new RunSession(m, 'decision-model', 1).ctx.world;
}
