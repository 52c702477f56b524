import type { LogEvent, Model, WorldView } from '@parley/core';
import { simulate, simulateFast } from '@parley/engine';
import { expect } from 'vitest';

/** The events the kernel reports (it leaves out offers, responses and moves with their options). */
const STATE_EVENTS = new Set(['shock', 'meeting', 'meeting-cancelled', 'talks', 'reaction', 'treaty', 'outcome']);
const FIELDS = [
  't',
  'territories',
  'treaty',
  'sanctions',
  'energy',
  'economy',
  'jointActivity',
  'militarisation',
  'cohesion',
  'trust',
  'talksActive',
  'room',
  'weights',
] as const;
/** A world (a WorldState or the kernel's live view) as text, every number exactly. */
const text = (w: WorldView): string =>
  JSON.stringify(FIELDS.map((f) => (ArrayBuffer.isView(w[f]) ? Array.from(w[f] as Float64Array) : w[f])));

function both(m: Model, key: string, seed: number, run: number) {
  const ref = { log: [] as LogEvent[], quarters: [] as string[] };
  const fast = { log: [] as LogEvent[], quarters: [] as string[] };
  const r = simulate(m, {
    scenarioKey: key,
    seed,
    run,
    emit: (e) => {
      if (STATE_EVENTS.has(e.type)) ref.log.push(e);
    },
    onQuarter: (_t, w) => ref.quarters.push(text(w)),
  });
  const f = simulateFast(m, {
    scenarioKey: key,
    seed,
    run,
    emit: (e) => fast.log.push(e),
    onQuarter: (_t, w) => fast.quarters.push(text(w)),
  });
  return {
    ref: { ...ref, outcome: r.outcome, treatyT: r.treatyT, world: text(r.world) },
    fast: { ...fast, outcome: f.outcome, treatyT: f.treatyT, world: text(f.world) },
  };
}

export function expectSame(m: Model, key: string, seed: number, run: number): void {
  const { ref, fast } = both(m, key, seed, run);
  expect(fast.outcome, `run ${run}`).toBe(ref.outcome);
  expect(fast.treatyT).toBe(ref.treatyT);
  expect(fast.world).toBe(ref.world);
  expect(fast.quarters).toEqual(ref.quarters);
  expect(JSON.stringify(fast.log)).toBe(JSON.stringify(ref.log));
}
