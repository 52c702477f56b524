import type { ReadsCode } from '../code-arith.js';
import { DIMENSION_COUNT } from '../model.js';
import type { Layout } from './layout.js';
import type { CellSource } from './metric-code.js';

/** The world's reads as the kernel's cells, through `at` (x[c], or a what-if's local holding the cell after an option). */
export function cellReads(L: Layout, at: CellSource = (c) => `x[${c}]`): ReadsCode {
  const n = L.n;
  return {
    status: (k) => at(L.territories + k),
    treaty: () => at(L.treaty),
    energy: (tie) => at(L.energy + tie),
    sanctions: (imposer, target) => at(L.sanctions + imposer * n + target),
    economy: (a, b) => at(L.economy + a * n + b),
    joint: () => at(L.joint),
    militarisation: (actor) => at(L.militarisation + actor),
    cohesion: (alliance) => at(L.cohesion + alliance),
    trust: (a, b) => at(L.trust + a * n + b),
    room: (actor) => at(L.room + actor),
    weight: (actor, d) => at(L.weights + actor * DIMENSION_COUNT + d),
  };
}
