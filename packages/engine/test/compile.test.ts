import { describe, expect, it } from 'vitest';
import { compileProtocol } from '../src/compile.js';
import { protocolMachine } from '../src/machine.js';

describe('compileProtocol', () => {
  it('compiles the protocol statechart: every phase state runs its phase on entry', () => {
    const p = compileProtocol(protocolMachine.config as never);
    expect(p.initial).toBe('start');
    expect(p.states.agenda!.entry).toEqual(['agenda']);
    expect(p.states.agenda!.step.map((t) => [t.guard, t.target])).toEqual([
      ['offerOnAgenda', 'offer'],
      [null, 'unilateral'],
    ]);
    expect(p.states.response!.step[0]).toMatchObject({ target: 'response', runsEntry: true });
    expect(p.states.done!.final).toBe(true);
  });

  it('refuses statechart features it does not interpret, rather than diverging silently', () => {
    const base = { initial: 'a', states: { a: { on: { STEP: { target: 'b' } } }, b: { type: 'final' } } };
    expect(() => compileProtocol(base)).not.toThrow();
    expect(() => compileProtocol({ ...base, states: { ...base.states, a: { exit: 'x', on: {} } } })).toThrow(/state key "exit"/);
    expect(() => compileProtocol({ ...base, states: { ...base.states, a: { on: { GO: 'b' } } } })).toThrow(/event GO/);
    expect(() => compileProtocol({ ...base, states: { ...base.states, a: { entry: 'nope' } } })).toThrow(/entry action nope/);
    expect(() => compileProtocol({ ...base, states: { ...base.states, a: { on: { STEP: { target: 'b', guard: 'g' } } } } })).toThrow(
      /guard g/,
    );
    expect(() => compileProtocol({ ...base, states: { ...base.states, a: { on: { STEP: { target: 'zz' } } } } })).toThrow(/target zz/);
    expect(() => compileProtocol({ ...base, states: { ...base.states, b: { type: 'parallel' } } })).toThrow(/state type parallel/);
  });
});
