import type { Cmp, Condition, Model } from './model.js';
import type { WorldView } from './state.js';

const compare = (x: number, op: Cmp, y: number): boolean => (op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y);

export function holds(m: Model, s: WorldView, c: Condition): boolean {
  const n = m.actors.length;
  switch (c.v) {
    case 'talks':
      return s.talksActive === c.active;
    case 'treaty':
      return (s.treaty !== null) === c.signed;
    case 'sanctions':
      return compare(s.sanctions[c.imposer * n + c.target]!, c.op, c.value);
    case 'trust':
      return compare(s.trust[c.a * n + c.b]!, c.op, c.value);
    case 'militarisation':
      return compare(s.militarisation[c.actor]!, c.op, c.value);
    case 'room':
      return compare(s.room[c.actor]!, c.op, c.value);
    case 'jointActivity':
      return compare(s.jointActivity, c.op, c.value);
    case 'cohesion':
      return compare(s.cohesion[c.alliance]!, c.op, c.value);
    case 'after':
      return s.t >= c.quarter;
  }
}

export function allHold(m: Model, s: WorldView, cs: readonly Condition[]): boolean {
  for (const c of cs) if (!holds(m, s, c)) return false;
  return true;
}
