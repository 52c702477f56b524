import { DIMENSION_COUNT, type Model } from '../model.js';
import type { Consts, Recipe } from './consts.js';
import { ASSURED, HELD, HELD_CONTESTED, JOINT, type Layout, TRANSFERRED } from './layout.js';

/**
 * metrics.ts's metrics as JavaScript source for one model and one actor, over the kernel's cells
 * `x`: the same terms in the same order with the same operations, with everything that does not
 * depend on the state written in: which cells as indices, the numbers (areas, masses) as slots of
 * K (consts.ts). The code
 * the kernel compiles from it (codegen.ts) gives values bit-identical to the reference metrics.
 * Only numbers and cell indices are ever written into the source, never a name from a scenario.
 */

/** How generated code reads cell c: `x[c]`, or a local that holds the cell's value after an option (codegen.ts). */
export type CellSource = (c: number) => string;
const fromCells: CellSource = (c) => `x[${c}]`;

/** Statements that leave metric d of actor i in the variable `out` (declared by the caller), reading cells through `cell`. */
export function metricCode(K: Consts, m: Model, L: Layout, d: number, i: number, out: string, cell: CellSource = fromCells): string {
  const n = L.n;
  const v = `${out}_`;
  switch (d) {
    case 0: {
      // territory: Σ area × value of each status to i (statuses only name the claimant and the holder).
      const holder = i === m.holder;
      const claimant = i === m.claimant;
      if (!holder && !claimant) return `${out} = 0;`;
      const lines = [`let ${v} = 0;`];
      m.territories.forEach((_, k) => {
        // The value of each status to i, per unit of this territory's area.
        const add: Recipe[] = [];
        const area = (m: Model): number => m.territories[k]!.area;
        add[HELD_CONTESTED] = holder ? (m) => area(m) * (1 - m.params.contestCost) : (m) => area(m) * m.params.claimValue;
        add[HELD] = holder ? (m) => area(m) * 1 : () => 0;
        add[TRANSFERRED] = claimant ? area : () => 0;
        add[ASSURED] = claimant ? area : () => 0;
        add[JOINT] = (m) => area(m) * m.params.jointShare;
        const c = `${cell(L.territories + k)}`;
        lines.push(
          `${v} += ${c} === ${HELD_CONTESTED} ? ${K.ref(add[0]!)} : ${c} === ${HELD} ? ${K.ref(add[1]!)} : ${c} === ${TRANSFERRED} ? ${K.ref(add[2]!)} : ${c} === ${ASSURED} ? ${K.ref(add[3]!)} : ${K.ref(add[4]!)};`,
        );
      });
      return `${lines.join('\n')}\n${out} = ${v};`;
    }
    case 1:
      return `${out} = ${cell(L.treaty)};`;
    case 2: {
      // energy: mean development (share / max) of i's ties.
      const ties = m.energyTies.flatMap((tie, k) => (tie.exporter === i || tie.importer === i ? [k] : []));
      if (ties.length === 0) return `${out} = 0;`;
      const lines = [`let ${v} = 0, ${v}r = 0;`];
      for (const k of ties)
        lines.push(`${v}r = ${cell(L.energy + k)} / ${K.ref((m) => m.energyTies[k]!.max)}; ${v} += ${v}r < 0 ? 0 : ${v}r > 1 ? 1 : ${v}r;`);
      return `${lines.join('\n')}\n${out} = ${v} / ${ties.length};`;
    }
    case 3: {
      // sanctions: 1 − the mass-weighted mean of others' sanctions on i.
      // Σ of the others' masses, in actor order, as metrics.ts sums it.
      const massOf = (m: Model): number => m.actors.reduce((sum, a, j) => (j === i ? sum : sum + a.mass), 0);
      const lines = [`let ${v} = 0;`];
      for (let j = 0; j < n; j++) {
        if (j !== i) lines.push(`${v} += ${cell(L.sanctions + j * n + i)} * ${K.ref((m) => m.actors[j]!.mass)};`);
      }
      if (massOf(m) === 0) return `${out} = 1;`;
      return `${lines.join('\n')}\n${out} = 1 - ${v} / ${K.ref(massOf)};`;
    }
    case 4: {
      // unity: mean sanction level of the members of i's regimes against their targets.
      const regimes = m.regimes.filter((r) => r.members.includes(i));
      if (regimes.length === 0) return `${out} = 0;`;
      const lines = [`let ${v} = 0, ${v}l = 0;`];
      for (const r of regimes) {
        lines.push(`${v}l = 0;`);
        for (const j of r.members) lines.push(`${v}l += ${cell(L.sanctions + j * n + r.target)};`);
        lines.push(`${v} += ${v}l / ${r.members.length};`);
      }
      return `${lines.join('\n')}\n${out} = ${v} / ${regimes.length};`;
    }
    case 5: {
      // alliance: mean cohesion of i's alliances.
      const cells = m.alliances.flatMap((a, k) => (a.members.includes(i) ? [L.cohesion + k] : []));
      if (cells.length === 0) return `${out} = 0;`;
      return `let ${v} = 0;\n${cells.map((c) => `${v} += ${cell(c)};`).join('\n')}\n${out} = ${v} / ${cells.length};`;
    }
    case 6: {
      // security: 0.5 + 0.5·own militarisation − threat − basing exposure, clamped.
      const lines = [`let ${v}t = 0, ${v}e = 0, ${v} = 0;`];
      for (let j = 0; j < n; j++) {
        if (j !== i) lines.push(`${v}t += ${cell(L.militarisation + j)} * (1 - ${cell(L.trust + i * n + j)});`);
      }
      lines.push(`${v}t /= ${Math.max(1, n - 1)};`);
      // Only the holder can be exposed by a transfer. Each area is added as itself or -0 (x + -0 is x,
      // bit for bit), never skipped, so the first transfer deoptimizes nothing (docs/performance.md).
      if (i === m.holder) {
        m.territories.forEach((_, k) => {
          lines.push(`${v}e += ${cell(L.territories + k)} === ${TRANSFERRED} ? ${K.ref((m) => m.territories[k]!.area)} : -0;`);
        });
      }
      lines.push(`${v} = 0.5 + 0.5 * ${cell(L.militarisation + i)} - ${v}t - ${K.ref((m) => m.params.basingRisk)} * ${v}e;`);
      return `${lines.join('\n')}\n${out} = ${v} < 0 ? 0 : ${v} > 1 ? 1 : ${v};`;
    }
    case 7: {
      // economy: mean ties with every other actor, plus joint activity for the parties.
      const party = i === m.claimant || i === m.holder;
      const lines = [`let ${v} = 0;`];
      for (let j = 0; j < n; j++) if (j !== i) lines.push(`${v} += ${cell(L.economy + i * n + j)};`);
      if (party) lines.push(`${v} += ${cell(L.joint)};`);
      return `${lines.join('\n')}\n${out} = ${v} / ${n - 1 + (party ? 1 : 0)};`;
    }
    case 8:
      return `${out} = ${cell(L.room + i)};`;
    case 9: {
      const pair = m.actors[i]!.axis;
      return pair ? `${out} = ${cell(L.trust + pair[0] * n + pair[1])};` : `${out} = 0;`;
    }
    default:
      throw new Error(`metricCode: no dimension ${d} (there are ${DIMENSION_COUNT})`);
  }
}
