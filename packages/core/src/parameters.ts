import type { Condition, Effect, EventDef, Model, ReactionDef, Term } from './model.js';
import { DIMENSIONS } from './model.js';

/**
 * A model's parameters: every magnitude it reads (weights, temperatures, margins, masses, areas,
 * costs, effect sizes, thresholds, hazards, probabilities, protocol parameters, starting values),
 * as one vector in a fixed order. Everything else is the model's structure: who the actors are,
 * which move does what to whom, when a scheduled event falls, how long a modifier lasts. Two
 * models of the same structure differ only in their vectors, and run on one compiled kernel
 * (kernel/kernel.ts's bind), so a batch can give every run a vector of its own.
 */
export interface ParameterSpace {
  /** Each parameter's name: its path in the model, with ids for list items (`actors.<actor id>.temperature`). */
  readonly names: readonly string[];
  readonly values: Float64Array;
}

/**
 * The walk over a model's parameters. It keeps where it is as two stacks, the names (ids for list
 * items) and the keys (indices for list items), so naming a parameter or finding it again costs
 * nothing unless a visitor asks; `f` gets each parameter's value and returns the value to keep.
 */
class Walk {
  private readonly names: string[] = [];
  private readonly keys: (string | number)[] = [];

  constructor(private readonly f: (x: number, walk: Walk, leaf: string, key: string | number) => number) {}

  /** The name of the parameter `leaf` here. */
  name(leaf: string): string {
    return [...this.names, leaf].join('.');
  }

  /** Where the parameter `key` here is in the model: the keys from the model down to it. */
  path(key: string | number): (string | number)[] {
    return [...this.keys, key];
  }

  num(x: number, leaf: string, key: string | number = leaf): number {
    return this.f(x, this, leaf, key);
  }

  in<T>(name: string | number, body: () => T, key: string | number = name): T {
    this.names.push(String(name));
    this.keys.push(key);
    const out = body();
    this.names.pop();
    this.keys.pop();
    return out;
  }

  /** Each item of the list at `field`, named by its id if it has one, else by its index. */
  list<T, U>(field: string, xs: readonly T[], each: (x: T) => U): U[] {
    return this.in(field, () => xs.map((x, k) => this.in((x as { id?: string }).id ?? k, () => each(x), k)));
  }
}

const condition = (c: Condition, w: Walk): Condition => ('value' in c ? { ...c, value: w.num(c.value, 'value') } : c);

function effect(e: Effect, w: Walk): Effect {
  if (e.op === 'talks') return e;
  if (e.op === 'moveCost' || e.op === 'dealCost') return { ...e, amount: w.num(e.amount, 'amount') };
  return { ...e, delta: w.num(e.delta, 'delta') };
}

const term = (t: Term, w: Walk): Term => ('amount' in t ? { ...t, amount: w.num(t.amount, 'amount') } : t);

/**
 * The model with every parameter replaced by what the walk's visitor returns: the one walk that
 * fixes the vector's order, used both to read the vector and to write one back.
 */
function mapParameters(m: Model, w: Walk): Model {
  const cells = (xs: readonly number[], at: string): number[] => w.in(at, () => xs.map((x, k) => w.num(x, String(k), k)));
  const range = (r: readonly [number, number], at: string): [number, number] =>
    w.in(at, () => [w.num(r[0], 'lo', 0), w.num(r[1], 'hi', 1)]);
  const effects = (xs: readonly Effect[]) => w.list('effects', xs, (e) => effect(e, w));
  const when = (xs: readonly Condition[]) => w.list('when', xs, (c) => condition(c, w));
  const actors = w.list('actors', m.actors, (a) => ({
    ...a,
    weights: w.in('weights', () => a.weights.map((x, d) => w.num(x, DIMENSIONS[d]!, d))),
    temperature: w.num(a.temperature, 'temperature'),
    moveTemperature: w.num(a.moveTemperature, 'moveTemperature'),
    tremble: w.num(a.tremble, 'tremble'),
    walkAwayMargin: w.num(a.walkAwayMargin, 'walkAwayMargin'),
    walkAwayRange: range(a.walkAwayRange, 'walkAwayRange'),
    economicMargin: w.num(a.economicMargin, 'economicMargin'),
    economicRange: range(a.economicRange, 'economicRange'),
    mass: w.num(a.mass, 'mass'),
  }));
  const territories = w.list('territories', m.territories, (t) => ({ ...t, area: w.num(t.area, 'area') }));
  const energyTies = w.list('energyTies', m.energyTies, (t) => ({ ...t, max: w.num(t.max, 'max') }));
  const moves = w.list('moves', m.moves, (mv) => ({
    ...mv,
    when: when(mv.when),
    effects: effects(mv.effects),
    cost: w.num(mv.cost, 'cost'),
  }));
  const offers = w.list('offers', m.offers, (o) => ({ ...o, terms: w.list('terms', o.terms, (t) => term(t, w)) }));
  const events = w.list(
    'events',
    m.events,
    (e): EventDef => ({ ...e, hazard: w.num(e.hazard, 'hazard'), when: when(e.when), effects: effects(e.effects) }),
  );
  const reactions = w.list(
    'reactions',
    m.reactions,
    (r): ReactionDef => ({ ...r, probability: w.num(r.probability, 'probability'), effects: effects(r.effects) }),
  );
  const params = w.in('params', () =>
    Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, w.num(v, k)])),
  ) as unknown as Model['params'];
  const i = m.initial;
  const initial = w.in('initial', () => ({
    sanctions: cells(i.sanctions, 'sanctions'),
    energy: cells(i.energy, 'energy'),
    economy: cells(i.economy, 'economy'),
    jointActivity: w.num(i.jointActivity, 'jointActivity'),
    militarisation: cells(i.militarisation, 'militarisation'),
    cohesion: cells(i.cohesion, 'cohesion'),
    trust: cells(i.trust, 'trust'),
    talksActive: i.talksActive,
    room: cells(i.room, 'room'),
  }));
  return { ...m, actors, territories, energyTies, moves, offers, events, reactions, params, initial };
}

interface Located extends ParameterSpace {
  /** Each parameter's keys from the model down to it. */
  readonly paths: readonly (readonly (string | number)[])[];
  /** Each parameter's sign, as structureKey writes them. */
  readonly signs: string;
}
const located = new WeakMap<Model, Located>();

function locate(m: Model): Located {
  let x = located.get(m);
  if (!x) {
    const names: string[] = [];
    const values: number[] = [];
    const paths: (string | number)[][] = [];
    mapParameters(
      m,
      new Walk((v, w, leaf, key) => {
        names.push(w.name(leaf));
        paths.push(w.path(key));
        values.push(v);
        return v;
      }),
    );
    x = { names, values: Float64Array.from(values), paths, signs: signs(values) };
    located.set(m, x);
  }
  return x;
}

/** Model m's parameters, named, in the vector's order. */
export function parametersOf(m: Model): ParameterSpace {
  const { names, values } = locate(m);
  return { names, values: values.slice() };
}

/** Model m's skeleton (its structure: every parameter written as 0) as a small id, interned. */
const skeletonIds = new Map<string, number>();
const skeletonOf = new WeakMap<Model, number>();
const keys = new WeakMap<Model, string>();

function skeleton(m: Model): number {
  let id = skeletonOf.get(m);
  if (id === undefined) {
    const json = JSON.stringify(mapParameters(m, new Walk(() => 0)));
    id = skeletonIds.get(json);
    if (id === undefined) {
      id = skeletonIds.size;
      skeletonIds.set(json, id);
    }
    skeletonOf.set(m, id);
  }
  return id;
}

/** Each parameter's sign (-, 0, +, or N for NaN): the compiled kernel specialises on a few of them (a hazard of 0 never fires). */
function signs(values: ArrayLike<number>): string {
  const s = new Array<string>(values.length);
  for (let k = 0; k < values.length; k++) {
    const x = values[k]!;
    s[k] = x > 0 ? '+' : x < 0 ? '-' : x === 0 ? '0' : 'N';
  }
  return s.join('');
}

/**
 * What two models must share to run on one compiled kernel: the same structure, and the same sign
 * for every parameter. Models that differ only in their parameters' magnitudes have equal keys.
 */
export function structureKey(m: Model): string {
  let key = keys.get(m);
  if (key === undefined) {
    key = `${skeleton(m)}|${locate(m).signs}`;
    keys.set(m, key);
  }
  return key;
}

/** Model m with its parameter vector replaced by `values` (of parametersOf(m)'s length and order). */
export function withParameters(m: Model, values: ArrayLike<number>): Model {
  let k = 0;
  const out = mapParameters(
    m,
    new Walk(() => {
      if (k >= values.length) throw new Error(`withParameters: ${values.length} values for a model of more parameters`);
      return values[k++]!;
    }),
  );
  if (k !== values.length) throw new Error(`withParameters: ${values.length} values for a model of ${k} parameters`);
  const id = skeleton(m);
  skeletonOf.set(out, id);
  keys.set(out, `${id}|${signs(values)}`);
  return out;
}

const MANY_CHANGES = 32;

/** A copy of `node` with `value` at `path` below it; only the objects on the path are copied. */
function setIn(node: unknown, path: readonly (string | number)[], at: number, value: number): unknown {
  const key = path[at]!;
  const copy = (Array.isArray(node) ? node.slice() : { ...(node as object) }) as Record<string | number, unknown>;
  copy[key] = at === path.length - 1 ? value : setIn(copy[key], path, at + 1, value);
  return copy;
}

/**
 * Model m with parameter indices[j] set to values[j]: what withParameters gives for m's vector so
 * changed, made by copying only what leads to the changed numbers (a few objects, not the model),
 * as a batch whose every run has its own point needs it.
 */
export function withChanges(m: Model, indices: readonly number[], values: ArrayLike<number>): Model {
  const base = locate(m);
  if (indices.length > MANY_CHANGES) {
    // Each change copies its path from the top: past a few dozen, one walk over the whole model is cheaper.
    const theta = base.values.slice();
    for (let j = 0; j < indices.length; j++) theta[indices[j]!] = values[j]!;
    return withParameters(m, theta);
  }
  let out: Model = m;
  let sign = base.signs;
  for (let j = 0; j < indices.length; j++) {
    const k = indices[j]!;
    const path = base.paths[k];
    if (path === undefined) throw new Error(`withChanges: no parameter ${k} in a model of ${base.paths.length}`);
    out = setIn(out, path, 0, values[j]!) as Model;
    const s = signs([values[j]!]);
    if (sign[k] !== s) sign = sign.slice(0, k) + s + sign.slice(k + 1);
  }
  const id = skeleton(m);
  skeletonOf.set(out, id);
  keys.set(out, `${id}|${sign}`);
  return out;
}
