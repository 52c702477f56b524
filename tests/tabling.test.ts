import { Evaluator, enumerateOffers, IllegalTabling, type Model, ratificationProblem } from '@parley/core';
import { type CountryKind, RunSession } from '@parley/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagship } from './helpers/flagship.js';

/**
 * A class's own packages (core's tabling.ts): players may table a package the scenario's offers do
 * not list. Adding such packages to a game's model must not change how the AI plays, or a class's
 * game would not be the game the batch runs describe, and a replay would not be exact.
 */

const sc = flagship();
const base = sc.model;
/** The flagship with every package its terms allow added, none of them proposable by anyone. */
const extended: Model = { ...base, offers: [...base.offers, ...enumerateOffers(base)] };

describe('packages nobody may propose', () => {
  it('change no AI run: the same events, draw for draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (seed) => {
        const a = new RunSession(base, sc.hash, seed);
        const b = new RunSession(extended, sc.hash, seed);
        a.toEnd();
        b.toEnd();
        expect(JSON.stringify(b.log)).toBe(JSON.stringify(a.log));
      }),
      { numRuns: 25 },
    );
  });
});

describe('a package tabled outright', () => {
  const japan = base.actors.findIndex((a) => a.id === 'japan');
  const russia = base.actors.findIndex((a) => a.id === 'russia');
  const human: CountryKind[] = base.actors.map((_, i) => (i === japan ? { kind: 'human' } : { kind: 'ai' }));
  /** A session stopped at Japan's first offer decision. */
  const atOffer = (m: Model): RunSession => {
    for (let seed = 1; seed < 200; seed++) {
      const s = new RunSession(m, sc.hash, seed, 0, undefined, { countries: human });
      while (!s.done) {
        const w = s.awaiting();
        if (w.length > 0 && w[0]!.kind === 'offer') return s;
        if (w.length > 0) {
          s.answer(japan, w[0]!.kind === 'response' ? { response: 'reject' } : { choice: 0 });
          if (w[0]!.kind === 'response' && w[0]!.counters) s.answer(japan, { choice: 0 });
        }
        s.step();
      }
    }
    throw new Error('no seed gives Japan the floor');
  };

  it('goes on the table and is answered, even one no AI would table', () => {
    // All four islands with a no-foreign-bases assurance, for a treaty: not among the scenario's offers.
    const k = extended.offers.findIndex((o) => o.id === 'gen-0.1.2.3-nb');
    expect(k).toBeGreaterThanOrEqual(base.offers.length);
    const s = atOffer(extended);
    s.answer(japan, { table: k });
    s.step();
    const offered = s.log.filter((e) => e.type === 'offer').at(-1)!;
    expect(offered).toMatchObject({ by: japan, to: russia, offer: k });
    s.step();
    expect(s.log.find((e) => e.type === 'response' && e.offer === k)).toMatchObject({ by: russia });
  });

  it('is refused, with the reason in numbers, when the proposer could not ratify it', () => {
    const all = extended.offers.findIndex((o) => o.id === 'gen-joint-all');
    const s = atOffer(extended);
    // Japan giving up its claim to all four under a treaty recognising the status quo: the recognition treaty.
    const recognition = extended.offers.findIndex((o) => o.id === 'recognition-treaty');
    const ev = new Evaluator(extended, s.ctx.world);
    expect(ratificationProblem(ev, japan, all)).toBeNull();
    const why = ratificationProblem(ev, japan, recognition);
    expect(why).toMatch(
      /^Japan's leader could not sell it at home: it gives up 1 of the disputed area, which weighs 0\.5 at home \(× 0\.5\), more than the domestic room of 0\.\d+$/,
    );
    s.answer(japan, { table: recognition });
    expect(() => s.step()).toThrow(IllegalTabling);
  });
});
