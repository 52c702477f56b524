import { afterEffects, cloneState, DIMENSIONS, Evaluator, type Model, respond, utility, type WorldState } from '@parley/core';
import { RunSession, simulate } from '@parley/engine';
import { describe, expect, it } from 'vitest';
import { flagship, runLog, withActorWeight } from './helpers/flagship.js';

const SEEDS = 300;
const dim = (d: (typeof DIMENSIONS)[number]): number => DIMENSIONS.indexOf(d);
const actor = (m: Model, id: string): number => m.actors.findIndex((a) => a.id === id);

/** Share of runs that end with any territory transferred or jointly administered. */
function territorialDealRate(m: Model): number {
  let deals = 0;
  for (let run = 0; run < SEEDS; run++) {
    const r = simulate(m, { scenarioKey: 'dir', seed: 11, run });
    if (r.world.territories.some((t) => t.kind !== 'held')) deals++;
  }
  return deals / SEEDS;
}

describe('direction tests (a few hundred seeds each)', () => {
  const base = flagship().model;

  it("raising Russia's weight on the islands lowers the frequency of territorial deals", () => {
    const russiaTerritory = base.actors[actor(base, 'russia')]!.weights[dim('territory')]!;
    const before = territorialDealRate(base);
    const after = territorialDealRate(withActorWeight(base, 'russia', dim('territory'), russiaTerritory * 2));
    expect(before).toBeGreaterThan(0.05);
    expect(after).toBeLessThan(before);
  });

  it('when easing sanctions is worth something to Japan, US pressure holds it back: with the US indifferent to what easing costs it (unity, the alliance), Japan eases more often', () => {
    const ease = base.moves.findIndex((mv) => mv.id === 'japan-ease-sanctions');
    const us = actor(base, 'us');
    // Japan values its economic ties with Russia enough that easing is worth a little more than holding
    // still, and investing (which would be worth more still: one move a quarter) is out of reach.
    const weighted = withActorWeight(base, 'japan', dim('economy'), 1.5);
    const tempted: Model = { ...weighted, moves: weighted.moves.map((mv) => (mv.id === 'japan-invest' ? { ...mv, cost: 1 } : mv)) };
    const indifferent: Model = {
      ...withActorWeight(withActorWeight(tempted, 'us', dim('unity'), 0), 'us', dim('alliance'), 0),
      // Also drop scheduled shifts of the US's weights, so they stay at zero.
      events: tempted.events.map((e) => ({
        ...e,
        effects: e.effects.filter((x) => !(x.op === 'weight' && x.actor === us)),
      })),
    };
    /** Easing moves per run. */
    const eases = (m: Model): number => {
      let count = 0;
      for (let run = 0; run < SEEDS; run++) {
        count += runLog(m, 5, run, 'dir').log.filter((e) => e.type === 'move' && e.move === ease).length;
      }
      return count / SEEDS;
    };
    const pressed = eases(tempted);
    expect(pressed).toBeGreaterThan(0);
    expect(eases(indifferent)).toBeGreaterThan(pressed + 0.5);
  });

  it('an offer that includes sanctions relief is accepted more often by Russia than the same offer without it', () => {
    const withRelief = base.offers.findIndex((o) => o.id === 'two-islands-assured-relief');
    const offer = base.offers[withRelief]!;
    // The relief is Japan's easing move, three times over, as a term of the deal.
    const relief = (t: (typeof offer.terms)[number]) => t.kind === 'move' && base.moves[t.move]!.id === 'japan-ease-sanctions';
    expect(offer.terms.some(relief)).toBe(true);
    const m: Model = {
      ...base,
      offers: [...base.offers, { ...offer, id: 'same-without-relief', terms: offer.terms.filter((t) => !relief(t)) }],
    };
    const without = m.offers.length - 1;
    const russia = actor(m, 'russia');
    // States Russia actually faces: each seed's world at the start of a quarter chosen by the seed.
    const states: WorldState[] = [];
    for (let seed = 0; seed < SEEDS; seed++) {
      const session = new RunSession(m, 'dir', seed);
      const quarter = seed % 12;
      while (!session.done && session.t < quarter) session.step();
      if (!session.ctx.world.treaty) states.push(cloneState(session.ctx.world));
    }
    let acceptedWith = 0;
    let acceptedWithout = 0;
    states.forEach((s, k) => {
      const ev = new Evaluator(m, s);
      const u = (((k * 0.6180339887) % 1) + 1) % 1; // the same draw for both offers
      const now = utility(m, s, russia);
      const a = respond(ev, russia, withRelief, now, u);
      const b = respond(ev, russia, without, now, u);
      expect(a.probability).toBeGreaterThanOrEqual(b.probability);
      if (a.decision === 'accept') acceptedWith++;
      if (b.decision === 'accept') acceptedWithout++;
    });
    expect(states.length).toBeGreaterThan(SEEDS / 2);
    expect(acceptedWith).toBeGreaterThan(acceptedWithout);
  });
});

describe('trust and investment as the route to a territorial deal (the sources’ mechanism)', () => {
  const base = flagship().model;
  const russia = actor(base, 'russia');
  const japan = actor(base, 'japan');

  it('trust built before the first summit makes territorial deals more frequent', () => {
    const goodwill: Model = {
      ...base,
      events: [
        ...base.events,
        {
          id: 'goodwill',
          label: 'goodwill',
          at: 0,
          hazard: 0,
          when: [],
          once: true,
          summit: false,
          effects: [{ op: 'trust', a: japan, b: russia, delta: 0.3 }],
        },
      ],
    };
    expect(territorialDealRate(goodwill)).toBeGreaterThan(territorialDealRate(base) + 0.05);
  });

  it('more Japanese investment lowers what Russia asks of a sovereignty deal', () => {
    const invest = base.moves.findIndex((mv) => mv.id === 'japan-invest');
    const two = base.offers.findIndex((o) => o.id === 'two-islands-1956');
    const start = new RunSession(base, 'dir', 1).ctx.world;
    let invested = start;
    for (let k = 0; k < 5; k++) invested = afterEffects(base, invested, base.moves[invest]!.effects);
    const before = new Evaluator(base, start);
    const after = new Evaluator(base, invested);
    // Russia's threshold (the largest margin with which it would sign) rises by at least trust's credit.
    const credit =
      base.params.trustMargin * (invested.trust[japan * base.actors.length + russia]! - start.trust[japan * base.actors.length + russia]!);
    expect(credit).toBeGreaterThan(0);
    expect(after.threshold(russia, two) - before.threshold(russia, two)).toBeGreaterThanOrEqual(credit - 1e-12);
  });

  it('more Japanese investment widens Russia’s room for concessions and pulls Russia and China apart', () => {
    // Three years of the flagship, with Japan free to invest and with investing out of its reach.
    const threeYears: Model = { ...base, horizon: 12 };
    const noInvestment: Model = {
      ...threeYears,
      moves: threeYears.moves.map((mv) => (mv.id === 'japan-invest' ? { ...mv, cost: 1 } : mv)),
    };
    const china = actor(base, 'china');
    const n = base.actors.length;
    const mean = (m: Model, f: (w: WorldState) => number): number => {
      let sum = 0;
      for (let run = 0; run < SEEDS; run++) sum += f(simulate(m, { scenarioKey: 'dir', seed: 5, run }).world);
      return sum / SEEDS;
    };
    const room = (w: WorldState): number => w.room[russia]!;
    const axis = (w: WorldState): number => w.trust[russia * n + china]!;
    expect(mean(threeYears, room)).toBeGreaterThan(mean(noInvestment, room) + 0.01);
    expect(mean(threeYears, axis)).toBeLessThan(mean(noInvestment, axis) - 0.01);
  });
});
