import type { Model } from '@parley/core';
import { simulate } from '@parley/engine';
import { describe, expect, it } from 'vitest';
import { flagship } from './helpers/flagship.js';

/**
 * Lasting change (docs/model.md, "Lasting change"): a new leader or a war moves the level trust and
 * domestic room drift back to; a short-lived swing still decays. In the flagship, Abe's resignation
 * (2020Q3) lowers Japan's room by 0.2 and, with roomBaseline, the level it returns to.
 */

const base = flagship().model;
const japan = base.actors.findIndex((a) => a.id === 'japan');
const resigns = base.events.findIndex((e) => e.id === 'abe-resigns');

/** Japan's domestic room at the end of runs that reach the horizon (no treaty), over a few seeds. */
function roomAtEnd(m: Model): number[] {
  const out: number[] = [];
  for (let run = 0; run < 60; run++) {
    const r = simulate(m, { scenarioKey: 'lasting', seed: 1, run });
    if (r.treatyT === null) out.push(r.world.room[japan]!);
  }
  return out;
}

describe('lasting change', () => {
  const start = base.initial.room[japan]!;

  it("a new leader's smaller room lasts: twenty-two quarters after Abe resigns, Japan's room is still 0.2 lower", () => {
    expect(base.events[resigns]!.effects.some((e) => e.op === 'roomBaseline' && e.actor === japan)).toBe(true);
    const rooms = roomAtEnd(base);
    expect(rooms.length).toBeGreaterThan(20);
    for (const r of rooms) expect(r).toBeCloseTo(start - 0.2, 6);
  });

  it('the same drop without its lasting part decays back towards the start (a short-lived swing)', () => {
    const swing: Model = {
      ...base,
      events: base.events.map((e, k) => (k === resigns ? { ...e, effects: e.effects.filter((x) => x.op !== 'roomBaseline') } : e)),
    };
    for (const r of roomAtEnd(swing)) {
      expect(r).toBeGreaterThan(start - 0.2 * 0.4);
      expect(r).toBeLessThan(start);
    }
  });
});
