import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { AleaSeeder, aleaFrom, aleaNext } from '../src/alea.js';
import { createStreams, STREAM_NAMES } from '../src/rng.js';

/** The streams as seedrandom itself makes them: the definition createStreams must keep. */
function seedrandomStreams(scenarioKey: string, seed: number, run: number): Record<string, () => number> {
  const root = seedrandom.alea(`${scenarioKey}:${seed}:${run}`);
  const out: Record<string, () => number> = {};
  for (const name of STREAM_NAMES) out[name] = seedrandom.alea('', { state: { c: 1, s0: root(), s1: root(), s2: root() } });
  return out;
}

const key = fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 20 }));

describe('Alea, as seedrandom computes it', () => {
  it('four keys seeded at once draw what seedrandom.alea(key) draws, for any prefix and suffixes', () => {
    fc.assert(
      fc.property(
        key,
        fc.array(fc.string({ maxLength: 12 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 1, max: 60 }),
        (prefix, suffixes, draws) => {
          const ours = suffixes.map(() => ({ c: 0, s0: 0, s1: 0, s2: 0 }));
          new AleaSeeder(prefix).seedFour(suffixes, ours);
          suffixes.forEach((suffix, j) => {
            const theirs = seedrandom.alea(prefix + suffix, { state: true });
            expect(ours[j]).toEqual(theirs.state());
            for (let k = 0; k < draws; k++) expect(aleaNext(ours[j]!)).toBe(theirs());
          });
        },
      ),
    );
  });

  it('a generator continued from a state draws what seedrandom.alea("", { state }) draws', () => {
    const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
    fc.assert(
      fc.property(unit, unit, unit, (s0, s1, s2) => {
        const ours = aleaFrom({ c: 1, s0, s1, s2 });
        const theirs = seedrandom.alea('', { state: { c: 1, s0, s1, s2 } });
        for (let k = 0; k < 40; k++) expect(ours()).toBe(theirs());
      }),
    );
  });
});

describe('createStreams', () => {
  it("gives every stream of a run seedrandom's numbers, whatever runs and keys came before", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer(), fc.nat()), { minLength: 1, maxLength: 6 }), (calls) => {
        for (const [scenarioKey, seed, run] of calls) {
          const ours = createStreams(scenarioKey, seed, run);
          const theirs = seedrandomStreams(scenarioKey, seed, run);
          for (const name of STREAM_NAMES) for (let k = 0; k < 8; k++) expect(ours[name]()).toBe(theirs[name]!());
        }
      }),
    );
  });

  it("gives a batch's runs in turn, from any first run, seedrandom's numbers", () => {
    fc.assert(
      fc.property(key, fc.integer(), fc.nat(1_000_000), fc.integer({ min: 1, max: 11 }), (scenarioKey, seed, first, count) => {
        for (let run = first; run < first + count; run++) {
          const ours = createStreams(scenarioKey, seed, run);
          const theirs = seedrandomStreams(scenarioKey, seed, run);
          for (const name of STREAM_NAMES) expect(ours[name]()).toBe(theirs[name]!());
        }
      }),
    );
  });

  it('gives runs of one batch distinct streams', () => {
    const a = createStreams('k', 1, 0);
    const b = createStreams('k', 1, 1);
    expect(a.moves()).not.toBe(b.moves());
  });
});
