import { logitInto, logitPairInto, pickIndex } from './choice.js';
import { ratifiesFormula } from './deal.js';
import type { Evaluator } from './evaluator.js';
import { type ChooserForm, type ChooserScratch, chooserCode, conditionsCode } from './kernel/chooser-code.js';
import { Consts, compileWith } from './kernel/consts.js';
import { METRIC_FORMULAS } from './metrics.js';
import { DIMENSION_COUNT, type Model } from './model.js';
import type { WorldView } from './state.js';
import { optionTables } from './tables.js';
import { gainFormula, utilityFormula } from './utility.js';
import { viewReads, type WorldFormula, worldFormula } from './view-code.js';

/** A move choice over a WorldView (kernel/chooser-code.ts): the chosen move's index or −1, probabilities and values in `s`. */
export type ViewChooser = (
  w: WorldView,
  ev: Evaluator,
  u: number,
  s: ChooserScratch,
  induce: (i: number, target: number, amount: number) => number,
) => number;

/**
 * The model's formulas for one model, compiled over WorldViews (view-code.ts) on first use: what
 * the readable runs, explanations and teaching evaluate. Each is the formula the kernel compiles
 * over its cells, written once (metrics.ts, utility.ts, deal.ts).
 */
export class WorldFormulas {
  private readonly metrics: (WorldFormula | undefined)[] = [];
  private readonly utilities: (WorldFormula | undefined)[] = [];
  private readonly ratifications: (WorldFormula | undefined)[] = [];
  /** [i × 2^DIMENSION_COUNT + mask]. */
  private readonly gains: (WorldFormula | undefined)[] = [];
  private readonly choosers: (ViewChooser | undefined)[] = [];

  constructor(private readonly m: Model) {}

  /** m_d(s, i). */
  metric(d: number, i: number): WorldFormula {
    const m = this.m;
    return once(this.metrics, d * m.actors.length + i, () => worldFormula(m, ({ first }) => METRIC_FORMULAS[d]!(first, m, i)));
  }

  /** U_i(s). */
  utility(i: number): WorldFormula {
    const m = this.m;
    return once(this.utilities, i, () => worldFormula(m, ({ first: A }) => utilityFormula(A, i, (d) => METRIC_FORMULAS[d]!(A, m, i))));
  }

  /**
   * U_i(t) − U_i(s) for an option that can change only the dimensions in `mask` and leaves the
   * weights alone, s the world now and t after it; x holds m_d(s, i) at index d for d in mask.
   */
  gain(i: number, mask: number): WorldFormula {
    const m = this.m;
    return once(this.gains, i * (1 << DIMENSION_COUNT) + mask, () =>
      worldFormula(m, ({ second, input }) =>
        gainFormula(
          second,
          i,
          mask,
          (d) => METRIC_FORMULAS[d]!(second, m, i),
          (d) => input(d),
        ),
      ),
    );
  }

  /**
   * Actor i's move choice (kernel/chooser-code.ts's chooserCode, the one statement of it) over a
   * WorldView, asking the Evaluator for gains and pressure; it keeps each option's direct and
   * strategic value for policy.ts's moveOptions.
   */
  chooser(i: number): ViewChooser {
    return once(this.choosers, i, () => {
      const m = this.m;
      const K = new Consts(m);
      const form: ChooserForm = {
        K,
        m,
        tables: optionTables(m),
        params: 'w, ev, u, s, induce',
        legal: (mv) =>
          conditionsCode(
            K,
            viewReads(m.actors.length, 'w'),
            { talks: 'w.talksActive', treaty: '(w.treaty !== null)', t: 'w.t' },
            m.moves[mv]!.when,
            (k) => (m) => m.moves[mv]!.when[k]!,
          ),
        gain: (mv, j) => `ev.moveGain(${j}, ${mv})`,
        pressure: (mv, j) => `ev.pressure(${j}, ${mv})`,
        explain: true,
      };
      return compileWith<ViewChooser>(K, ['logitInto', 'logitPairInto', 'pickIndex'], `'use strict'; return ${chooserCode(form, i)};`, [
        logitInto,
        logitPairInto,
        pickIndex,
      ]);
    });
  }

  /** 1 if actor i could ratify the change from s to t, else 0 (for an actor whose deals need ratifying). */
  ratifies(i: number): WorldFormula {
    const m = this.m;
    return once(this.ratifications, i, () => worldFormula(m, ({ first, second }) => ratifiesFormula(first, second, m, i)));
  }
}

/** cache[k], made by `make` the first time it is asked for. */
function once<T>(cache: (T | undefined)[], k: number, make: () => T): T {
  let f = cache[k];
  if (f === undefined) {
    f = make();
    cache[k] = f;
  }
  return f;
}

const tables = new WeakMap<Model, WorldFormulas>();

/** Model m's formulas over worlds (made once per model). */
export function formulasOf(m: Model): WorldFormulas {
  let f = tables.get(m);
  if (!f) {
    f = new WorldFormulas(m);
    tables.set(m, f);
  }
  return f;
}
