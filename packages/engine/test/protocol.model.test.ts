import { initialContext } from '@parley/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Actor, createActor } from 'xstate';
import { flagship } from '../../../tests/helpers/flagship.js';
import { protocolMachine } from '../src/machine.js';
import { phaseEnv } from '../src/run.js';

/** The protocol as the issue specifies it, written out independently of the machine. */
const NEXT: Record<string, readonly string[]> = {
  start: ['shocks'],
  shocks: ['agenda'],
  agenda: ['offer', 'unilateral'],
  offer: ['response', 'unilateral'],
  response: ['response', 'unilateral'],
  unilateral: ['thirdParties'],
  thirdParties: ['update'],
  update: ['outcomeCheck', 'done'],
  outcomeCheck: ['shocks'],
  done: [],
};

interface Model {
  phase: string;
  t: number;
  responsesThisQuarter: number;
}
type Real = Actor<typeof protocolMachine>;

class Step implements fc.Command<Model, Real> {
  check = (m: Readonly<Model>): boolean => m.phase !== 'done';
  run(m: Model, actor: Real): void {
    actor.send({ type: 'STEP' });
    const snap = actor.getSnapshot();
    const phase = snap.value as string;
    const ctx = snap.context.run;
    expect(NEXT[m.phase]).toContain(phase);
    if (phase === 'offer') expect(ctx.meeting?.offersOnAgenda).toBe(true);
    if (phase === 'response') m.responsesThisQuarter++;
    expect(m.responsesThisQuarter).toBeLessThanOrEqual(2); // an offer and at most one counter-offer
    if (phase === 'update') {
      // Entering a state runs its phase: the clock advances on entering update.
      expect(ctx.world.t).toBe(m.t + 1);
      m.t = ctx.world.t;
      m.responsesThisQuarter = 0;
    } else expect(ctx.world.t).toBe(m.t);
    if (phase === 'done') {
      expect(snap.status).toBe('done');
      expect(ctx.outcome).not.toBeNull();
    } else expect(ctx.outcome).toBeNull();
    m.phase = phase;
  }
  toString = (): string => 'STEP';
}

class RunToEnd implements fc.Command<Model, Real> {
  check = (m: Readonly<Model>): boolean => m.phase !== 'done';
  run(m: Model, actor: Real): void {
    const step = new Step();
    for (let i = 0; i < 1000 && m.phase !== 'done'; i++) step.run(m, actor);
    expect(m.phase).toBe('done');
  }
  toString = (): string => 'RUN_TO_END';
}

class StepWhenDone implements fc.Command<Model, Real> {
  check = (m: Readonly<Model>): boolean => m.phase === 'done';
  run(_m: Model, actor: Real): void {
    const before = actor.getSnapshot();
    actor.send({ type: 'STEP' });
    expect(actor.getSnapshot().value).toBe(before.value);
    expect(actor.getSnapshot().context).toBe(before.context);
  }
  toString = (): string => 'STEP_AFTER_DONE';
}

describe('protocol statechart, model-based', () => {
  it('follows the specified phase order under any sequence of steps', () => {
    const m = flagship().model;
    fc.assert(
      fc.property(
        fc.nat(),
        fc.commands([fc.constant(new Step()), fc.constant(new RunToEnd()), fc.constant(new StepWhenDone())], { size: '+1' }),
        (seed, cmds) => {
          const actor = createActor(protocolMachine, {
            input: { run: initialContext(m), env: phaseEnv(m, { scenarioKey: 'mbt', seed }) },
          }).start();
          fc.modelRun(() => ({ model: { phase: 'start', t: 0, responsesThisQuarter: 0 }, real: actor }), cmds);
          actor.stop();
        },
      ),
      { numRuns: 60 },
    );
  });
});
