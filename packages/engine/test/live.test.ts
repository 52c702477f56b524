import type { LogEvent } from '@parley/core';
import { findScenarioFiles, loadScenarioFile } from '@parley/scenario';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagship } from '../../../tests/helpers/flagship.js';
import type { Answer, CountryKind } from '../src/countries.js';
import { NotChosenYet } from '../src/live.js';
import { simulate } from '../src/run.js';
import { RunSession } from '../src/session.js';

// A live run is an actor system: the protocol statechart (live.ts) and a country actor per actor
// of the model (countries.ts), each asked for its decisions by events.

const ROOT = new URL('../../../scenarios/', import.meta.url).pathname;
const logOf = (r: { log: LogEvent[] }) => JSON.stringify(r.log);

describe('a live run of AI countries', () => {
  it('is the compiled run, event for event, in every scenario of the pack', () => {
    for (const file of findScenarioFiles(ROOT)) {
      const sc = loadScenarioFile(file);
      for (const run of [0, 1, 2]) {
        const live = new RunSession(sc.model, sc.hash, 3, run);
        live.toEnd();
        const log: LogEvent[] = [];
        const r = simulate(sc.model, { scenarioKey: sc.hash, seed: 3, run, emit: (e) => log.push(e) });
        expect(logOf(live), `${file} run ${run}`).toBe(JSON.stringify(log));
        expect(live.ctx.outcome).toBe(r.outcome);
        expect(JSON.stringify(live.ctx.world)).toBe(JSON.stringify(r.world));
      }
    }
  });
});

/** Every move `actor` took, with the options it had (from the log). */
const movesOf = (log: readonly LogEvent[], actor: number) => log.flatMap((e) => (e.type === 'move' && e.actor === actor ? [e] : []));

describe('any country can be a human, a script or the AI', () => {
  const sc = flagship();
  const m = sc.model;

  it('a human country decides what its country does; the run waits for it, losing nothing', () => {
    for (let actor = 0; actor < m.actors.length; actor++) {
      const countries: CountryKind[] = m.actors.map((_, i) => (i === actor ? { kind: 'human' } : { kind: 'ai' }));
      const s = new RunSession(m, sc.hash, 2, 0, undefined, { countries });
      const picks: Answer[] = [];
      let waits = 0;
      while (!s.done) {
        const [point] = s.awaiting();
        if (point) {
          // Refused while it has not chosen, and nothing moved.
          const before = JSON.stringify(s.ctx);
          expect(() => s.step()).toThrow(NotChosenYet);
          expect(JSON.stringify(s.ctx)).toBe(before);
          waits++;
          // It always takes its last option, and rejects every deal (then only talks).
          const answer: Answer = point.kind === 'response' ? { response: 'reject' } : { choice: point.options.length - 1 };
          s.answer(actor, answer);
          if (point.kind === 'response' && point.counters !== null) s.answer(actor, { choice: 0 });
          picks.push(answer);
          continue;
        }
        s.step();
      }
      expect(waits, m.actors[actor]!.id).toBeGreaterThan(0);
      for (const e of movesOf(s.log, actor)) expect(e.move).toBe(e.options[e.options.length - 1]!.move);
      for (const e of s.log) if (e.type === 'response' && e.by === actor && e.decision !== 'veto') expect(e.decision).toBe('reject');
    }
  });

  it('a scripted country plays its script for any actor, and a live run replays exactly', () => {
    fc.assert(
      fc.property(fc.nat({ max: m.actors.length - 1 }), fc.nat({ max: 50 }), fc.nat({ max: 5 }), (actor, run, k) => {
        const script: CountryKind = {
          kind: 'scripted',
          decide: (ask) => (ask.kind === 'response' ? { response: k % 2 === 0 ? 'accept' : 'reject' } : { choice: k % ask.options.length }),
        };
        const countries = m.actors.map((_, i): CountryKind => (i === actor ? script : { kind: 'ai' }));
        const a = new RunSession(m, sc.hash, 4, run, undefined, { countries });
        a.toEnd();
        for (const e of movesOf(a.log, actor)) expect(e.move).toBe(e.options[k % e.options.length]!.move);
        const b = new RunSession(m, sc.hash, 4, run, undefined, { countries });
        b.toEnd();
        expect(logOf(b)).toBe(logOf(a));
      }),
      { numRuns: 12 },
    );
  });

  it('lets a watcher see the protocol ask each country and each country answer (xstate inspection)', () => {
    const seen: string[] = [];
    const s = new RunSession(m, sc.hash, 1, 0, undefined, {
      inspect: (e) => {
        if (e.type === '@xstate.event' && (e.event.type === 'DECIDE' || e.event.type === 'DECIDED')) seen.push(e.event.type);
      },
    });
    s.toEnd();
    const decisions = s.log.filter((e) => e.type === 'move' || e.type === 'offer' || e.type === 'response').length;
    expect(seen.filter((t) => t === 'DECIDE').length).toBeGreaterThanOrEqual(decisions);
    expect(seen.filter((t) => t === 'DECIDED').length).toBe(seen.filter((t) => t === 'DECIDE').length);
  });

  it('a fork continues from where the run stands, in the protocol state it stands in', () => {
    // A run still going after 23 steps (one that signs a treaty early has ended by then).
    let s = new RunSession(m, sc.hash, 6, 0);
    for (let seed = 7; ; seed++) {
      for (let k = 0; k < 23 && !s.done; k++) s.step();
      if (!s.done) break;
      s = new RunSession(m, sc.hash, seed, 0);
    }
    const f = s.fork(0);
    expect(f.state).toBe(s.state);
    expect(JSON.stringify(f.ctx)).toBe(JSON.stringify(s.ctx));
    f.toEnd();
    expect(f.done).toBe(true);
    expect(f.log.length).toBeGreaterThan(0);
  });
});
