import type { GuardContext, PhaseEnv } from '@parley/core';
import type { LinkedProtocol } from './compile.js';

/**
 * A linked protocol (compile.ts) turned into one generated function that runs it to its final
 * state: one `case` per state, its STEP transitions as an if-chain over the guards, the entry
 * phases as direct calls, then its eventless transitions. It does exactly what calling
 * stepLinked from the initial state until a final state does, STEP by STEP (test/runner.test.ts
 * checks the phases called, in order, and the contexts), without looking transitions up in arrays
 * or calling phases through them. Only state numbers and array indices are written into the source;
 * the guards and phases are the linked protocol's own functions.
 */
export type ProtocolRunner<C, E> = (ctx: C, env: E, quarter: ((t: number) => void) | undefined, limit: number) => void;

interface Linked {
  readonly guard: ((ctx: GuardContext) => boolean) | null;
  readonly target: number;
  readonly entry: readonly unknown[];
}

const runners = new WeakMap<object, ProtocolRunner<never, never>>();

export function protocolRunner<C extends GuardContext & { readonly world: { readonly t: number } }, E extends PhaseEnv>(
  lp: LinkedProtocol<C, E>,
): ProtocolRunner<C, E> {
  const hit = runners.get(lp);
  if (hit) return hit as unknown as ProtocolRunner<C, E>;
  const fns: unknown[] = [];
  const ref = (f: unknown): string => {
    let k = fns.indexOf(f);
    if (k < 0) k = fns.push(f) - 1;
    return `f${k}`;
  };
  const take = (t: Linked): string => [...t.entry.map((p) => `${ref(p)}(ctx, env);`), `s = ${t.target};`].join(' ');
  const chain = (ts: readonly Linked[], none: string): string => {
    const parts = ts.map((t) => (t.guard === null ? `{ ${take(t)} }` : `if (${ref(t.guard)}(ctx)) { ${take(t)} }`));
    // An unguarded transition ends the chain: the ones after it can never be taken.
    const end = ts.findIndex((t) => t.guard === null);
    const used = end < 0 ? [...parts, `{ ${none} }`] : parts.slice(0, end + 1);
    return used.join(' else ');
  };
  const finals = lp.states.flatMap((st, k) => (st.final ? [k] : []));
  const steps = lp.states.map((st, k) => (st.final ? '' : `case ${k}: ${chain(st.step, 'moved = false;')} break;`));
  const always = lp.states.map((st, k) =>
    st.final || st.always.length === 0 ? '' : `case ${k}: ${chain(st.always, 'break eventless;')} continue;`,
  );
  const body = `
return function run(ctx, env, quarter, limit) {
  let s = ${lp.initial}, steps = 0, t = ctx.world.t;
  for (;;) {
    if (${finals.length === 0 ? 'false' : finals.map((k) => `s === ${k}`).join(' || ')}) return;
    let moved = true;
    switch (s) {
      ${steps.filter(Boolean).join('\n      ')}
    }
    if (moved) {
      eventless: for (;;) {
        switch (s) {
          ${always.filter(Boolean).join('\n          ')}
        }
        break;
      }
    }
    if (quarter !== undefined && ctx.world.t !== t) {
      quarter(t);
      t = ctx.world.t;
    }
    if (++steps > limit) throw new Error('run did not end within ' + limit + ' steps');
  }
};`;
  const consts = fns.map((_, k) => `const f${k} = F[${k}];`).join('\n');
  const run = new Function('F', `'use strict';\n${consts}\n${body}`)(fns) as ProtocolRunner<C, E>;
  runners.set(lp, run as unknown as ProtocolRunner<never, never>);
  return run;
}
