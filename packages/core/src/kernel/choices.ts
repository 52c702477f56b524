import { logitInto, pickIndex } from '../choice.js';
import type { Effect } from '../model.js';
import type { KernelEvaluator } from './evaluator.js';

/**
 * The policies of policy.ts (moveOptions, offerOptions, respond) as the batch kernel runs them:
 * the same values, probabilities and picks in the same order, bit for bit, but only the chosen
 * index comes out: no option records are built. Scratch arrays are owned by the Choices and reused.
 */
export class Choices {
  private readonly values: Float64Array;
  private readonly probs: Float64Array;
  private readonly base: Float64Array;
  private readonly pressured: Float64Array;
  private readonly p0: Float64Array;
  private readonly p1: Float64Array;
  private readonly offerIds: Int32Array;
  /** [o × actors + p]: 1 if actor p may propose offer o. */
  private readonly proposes: Uint8Array;
  /** Per move, the effects on another actor's options (pressure, inducement), for the lookahead. */
  private readonly strategic: readonly (readonly Effect[])[];

  constructor(readonly ev: KernelEvaluator) {
    const m = ev.m;
    const width = Math.max(m.moves.length, m.offers.length) + 1;
    this.values = new Float64Array(width);
    this.probs = new Float64Array(width);
    this.base = new Float64Array(width);
    this.pressured = new Float64Array(width);
    this.p0 = new Float64Array(width);
    this.p1 = new Float64Array(width);
    this.offerIds = new Int32Array(width);
    const n = m.actors.length;
    this.proposes = new Uint8Array(m.offers.length * n);
    m.offers.forEach((o, k) => {
      for (const p of o.proposers) this.proposes[k * n + p] = 1;
    });
    this.strategic = m.moves.map((mv) => mv.effects.filter((e) => (e.op === 'moveCost' || e.op === 'dealCost') && e.actor !== mv.actor));
  }

  /** Actor i's move with draw u, or null for holding still (chooseMove). */
  move(i: number, u: number): number | null {
    const ev = this.ev;
    const legal = ev.legalMoves(i);
    // Holding still is then the only option: logit and pick would give it probability 1.
    if (legal.length === 0) return null;
    const values = this.values;
    values[0] = 0;
    for (let k = 0; k < legal.length; k++) {
      const mv = legal[k]!;
      const direct = ev.directValue(i, mv);
      values[k + 1] = direct + this.strategicValue(i, mv);
    }
    const n = legal.length + 1;
    logitInto(values, n, ev.temperature[i]!, this.probs);
    const k = pickIndex(this.probs, n, u);
    return k === 0 ? null : legal[k - 1]!;
  }

  /** The one-step lookahead of policy.ts's strategicValue, for move mv of actor i. */
  private strategicValue(i: number, mv: number): number {
    const effects = this.strategic[mv]!;
    let v = 0;
    if (effects.length === 0) return v;
    const ev = this.ev;
    const m = ev.m;
    for (const e of effects) {
      if (e.op === 'moveCost') {
        const legal = ev.legalMoves(e.actor);
        const at = legal.indexOf(e.move);
        if (at < 0) continue;
        const base = this.base;
        const pressured = this.pressured;
        base[0] = 0;
        pressured[0] = 0;
        for (let k = 0; k < legal.length; k++) {
          const d = ev.directValue(e.actor, legal[k]!);
          base[k + 1] = d;
          pressured[k + 1] = d;
        }
        pressured[at + 1] = pressured[at + 1]! - e.amount;
        const tau = ev.temperature[e.actor]!;
        const p0 = logitInto(base, legal.length + 1, tau, this.p0);
        const p1 = logitInto(pressured, legal.length + 1, tau, this.p1);
        for (let k = 0; k < legal.length; k++) v += (p1[k + 1]! - p0[k + 1]!) * ev.moveGain(i, legal[k]!);
      } else if (e.op === 'dealCost' && ev.weighsSovereignty(i)) {
        let sum = 0;
        let count = 0;
        for (let o = 0; o < m.offers.length; o++) {
          if (!ev.t.sovereign[o]) continue;
          count++;
          const gain = ev.dealGain(i, o);
          if (gain !== 0) sum += (ev.acceptance(e.actor, o, e.amount) - ev.acceptance(e.actor, o)) * gain;
        }
        if (count > 0) v += sum / count;
      }
    }
    return v;
  }

  /** The offer proposer p makes to responder r with draw u, or null for talking only (chooseOffer). */
  offer(p: number, r: number, u: number): number | null {
    const ev = this.ev;
    const m = ev.m;
    const values = this.values;
    const ids = this.offerIds;
    values[0] = 0;
    ids[0] = -1;
    let n = 1;
    for (let o = 0; o < m.offers.length; o++) {
      if (this.proposes[o * m.actors.length + p] === 0 || !ev.canRatify(p, o)) continue;
      const s = ev.surplus(p, o);
      const a = ev.acceptance(r, o);
      ids[n] = o;
      values[n] = a * s;
      n++;
    }
    logitInto(values, n, ev.temperature[p]!, this.probs);
    const k = pickIndex(this.probs, n, u);
    return k === 0 ? null : ids[k]!;
  }

  /** Whether responder r accepts offer o with draw u (respond): never a deal it cannot ratify. */
  accepts(r: number, o: number, u: number): boolean {
    return this.ev.canRatify(r, o) && u < this.ev.acceptance(r, o);
  }
}
