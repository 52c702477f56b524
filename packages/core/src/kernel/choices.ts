import { logitInto, pickIndex } from '../choice.js';
import { accepts, weighOffers } from '../policy.js';
import { type ChooserScratch, chooserScratch } from './chooser-code.js';
import type { KernelEvaluator } from './evaluator.js';

/**
 * The policies of policy.ts (moveOptions, offerOptions, respond) as the batch kernel runs them:
 * the same values, probabilities and picks in the same order, bit for bit, but only the chosen
 * index comes out: no option records are built. Scratch arrays are owned by the Choices and reused.
 */
export class Choices {
  private readonly values: Float64Array;
  private readonly probs: Float64Array;
  private readonly offerIds: Int32Array;
  /** [o × actors + p]: 1 if actor p may propose offer o. */
  private readonly proposes: Uint8Array;
  private readonly scratch: ChooserScratch;
  /** Per proposer, whether it may propose offer o. */
  private readonly mayPropose: readonly ((o: number) => boolean)[];
  /** weighOffers's arrays. */
  private readonly weighed: Parameters<typeof weighOffers>[4];

  constructor(readonly ev: KernelEvaluator) {
    const m = ev.m;
    const width = Math.max(m.moves.length, m.offers.length) + 1;
    this.values = new Float64Array(width);
    this.probs = new Float64Array(width);
    this.offerIds = new Int32Array(width);
    this.scratch = chooserScratch(width);
    const n = m.actors.length;
    this.proposes = new Uint8Array(m.offers.length * n);
    m.offers.forEach((o, k) => {
      for (const p of o.proposers) this.proposes[k * n + p] = 1;
    });
    this.mayPropose = m.actors.map((_, p) => (o: number) => this.proposes[o * n + p] === 1);
    this.weighed = { ids: this.offerIds, surplus: new Float64Array(width), acceptance: new Float64Array(width), values: this.values };
  }

  /** Actor i's move with draw u, or null for holding still (chooseMove): by its compiled chooser (chooser-code.ts). */
  move(i: number, u: number): number | null {
    const k = this.ev.chooseMove(i, u, this.scratch);
    return k < 0 ? null : k;
  }

  /** The probabilities of the last move choice, holding still first, then the legal moves in model order. */
  moveProbabilities(): Float64Array {
    return this.scratch.probs;
  }

  /** The offer proposer p makes to responder r with draw u, or null for talking only (policy.ts's weighOffers, then the logit). */
  offer(p: number, r: number, u: number): number | null {
    const ev = this.ev;
    const n = weighOffers(ev, p, r, this.mayPropose[p]!, this.weighed);
    logitInto(this.values, n, ev.temperature[p]!, this.probs);
    const k = pickIndex(this.probs, n, u);
    return k === 0 ? null : this.offerIds[k]!;
  }

  /** Whether responder r accepts offer o with draw u (policy.ts's accepts). */
  accepts(r: number, o: number, u: number): boolean {
    return accepts(this.ev, r, o, u);
  }
}
