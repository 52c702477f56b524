import { type Condition, DIMENSIONS, type Effect, type Model, quarterIndex, type Term } from '@parley/core';
import { checkReferences } from './references.js';
import type { ScenarioFile } from './schema.js';

type Path = (string | number)[];
export type Report = (path: Path, message: string) => void;

type RawCondition = ScenarioFile['moves'][string]['when'][number];
type RawEffect = ScenarioFile['moves'][string]['effects'][number];
type RawTerm = ScenarioFile['offers'][string]['terms'][number];

/** The names of a scenario resolved to indices, its quarters to run quarters, its conditions compiled. */
function scope(f: ScenarioFile) {
  const names = {
    actor: Object.keys(f.actors),
    territory: Object.keys(f.territories),
    alliance: Object.keys(f.alliances),
    energy: Object.keys(f.energy),
    move: Object.keys(f.moves),
  };
  const resolve =
    (kind: keyof typeof names) =>
    (name: string, path: Path): number => {
      const k = names[kind].indexOf(name);
      // checkReferences (references.ts) reports unknown names before compiling; reaching here means its table misses a site.
      if (k < 0) throw new Error(`internal error: unresolved ${kind} "${name}" at ${path.join('.')} (missing from references.ts)`);
      return k;
    };
  const actor = resolve('actor');
  const territory = resolve('territory');
  const alliance = resolve('alliance');
  const tie = resolve('energy');
  const move = resolve('move');
  const n = names.actor.length;

  const [startYear, startQuarter] = f.start.split('Q').map(Number) as [number, number];
  const at = (q: string): number => {
    const [y, qq] = q.split('Q').map(Number) as [number, number];
    return quarterIndex({ startYear, startQuarter }, y, qq);
  };

  const condition = (c: RawCondition, path: Path): Condition => {
    if ('talks' in c) return { v: 'talks', active: c.talks === 'active' };
    if ('treaty' in c) return { v: 'treaty', signed: c.treaty === 'signed' };
    if ('sanctions' in c)
      return {
        v: 'sanctions',
        imposer: actor(c.sanctions[0], [...path, 'sanctions', 0]),
        target: actor(c.sanctions[1], [...path, 'sanctions', 1]),
        op: c.op,
        value: c.value,
      };
    if ('trust' in c)
      return {
        v: 'trust',
        a: actor(c.trust[0], [...path, 'trust', 0]),
        b: actor(c.trust[1], [...path, 'trust', 1]),
        op: c.op,
        value: c.value,
      };
    if ('militarisation' in c)
      return { v: 'militarisation', actor: actor(c.militarisation, [...path, 'militarisation']), op: c.op, value: c.value };
    if ('room' in c) return { v: 'room', actor: actor(c.room, [...path, 'room']), op: c.op, value: c.value };
    if ('jointActivity' in c) return { v: 'jointActivity', op: c.op, value: c.value };
    if ('cohesion' in c) return { v: 'cohesion', alliance: alliance(c.cohesion, [...path, 'cohesion']), op: c.op, value: c.value };
    return { v: 'after', quarter: at(c.after) };
  };

  return { names, actor, territory, alliance, tie, move, n, startYear, startQuarter, at, condition };
}

/**
 * Turn a schema-valid scenario whose references all resolve (see references.ts) into
 * the engine's index-based model, reporting every inconsistency the schema alone
 * cannot see.
 */
export function compileScenario(f: ScenarioFile, report: Report): Model {
  const { names, actor, territory, alliance, tie, move, n, startYear, startQuarter, at, condition } = scope(f);

  /** A pair of actor ids at `key` of an effect, resolved: { a, b }. */
  const pair = (ids: readonly [string, string], path: Path, key: string): { a: number; b: number } => ({
    a: actor(ids[0], [...path, key, 0]),
    b: actor(ids[1], [...path, key, 1]),
  });

  const effect = (e: RawEffect, path: Path): Effect => {
    if ('sanctions' in e)
      return {
        op: 'sanctions',
        imposer: actor(e.sanctions[0], [...path, 'sanctions', 0]),
        target: actor(e.sanctions[1], [...path, 'sanctions', 1]),
        delta: e.delta,
      };
    if ('energy' in e) return { op: 'energy', tie: tie(e.energy, [...path, 'energy']), delta: e.delta };
    if ('economy' in e) return { op: 'economy', ...pair(e.economy, path, 'economy'), delta: e.delta };
    if ('jointActivity' in e) return { op: 'jointActivity', delta: e.jointActivity };
    if ('militarisation' in e) return { op: 'militarisation', actor: actor(e.militarisation, [...path, 'militarisation']), delta: e.delta };
    if ('cohesion' in e) return { op: 'cohesion', alliance: alliance(e.cohesion, [...path, 'cohesion']), delta: e.delta };
    if ('trust' in e) return { op: 'trust', ...pair(e.trust, path, 'trust'), delta: e.delta };
    if ('room' in e) return { op: 'room', actor: actor(e.room, [...path, 'room']), delta: e.delta };
    if ('trustBaseline' in e) return { op: 'trustBaseline', ...pair(e.trustBaseline, path, 'trustBaseline'), delta: e.delta };
    if ('roomBaseline' in e) return { op: 'roomBaseline', actor: actor(e.roomBaseline, [...path, 'roomBaseline']), delta: e.delta };
    if ('talks' in e) return { op: 'talks', active: e.talks === 'active' };
    if ('weight' in e)
      return {
        op: 'weight',
        actor: actor(e.weight.actor, [...path, 'weight', 'actor']),
        dimension: DIMENSIONS.indexOf(e.weight.dimension),
        delta: e.delta,
      };
    if ('moveCost' in e)
      return {
        op: 'moveCost',
        actor: actor(e.moveCost.actor, [...path, 'moveCost', 'actor']),
        move: move(e.moveCost.move, [...path, 'moveCost', 'move']),
        amount: e.amount,
        duration: e.duration,
      };
    return { op: 'dealCost', actor: actor(e.dealCost, [...path, 'dealCost']), amount: e.amount, duration: e.duration };
  };

  const territories = (ids: string[], path: Path): number[] => ids.map((t, k) => territory(t, [...path, k]));
  const term = (t: RawTerm, path: Path): Term => {
    if ('transfer' in t) return { kind: 'transfer', territories: territories(t.transfer, [...path, 'transfer']) };
    if ('jointAdministration' in t)
      return { kind: 'jointAdministration', territories: territories(t.jointAdministration, [...path, 'jointAdministration']) };
    if ('jointActivities' in t) return { kind: 'jointActivities', amount: t.jointActivities };
    if ('continuedTalks' in t) return { kind: 'continuedTalks', territories: territories(t.continuedTalks, [...path, 'continuedTalks']) };
    if ('sanctionsRelief' in t) {
      const r = t.sanctionsRelief;
      return {
        kind: 'sanctionsRelief',
        imposer: actor(r.imposer, [...path, 'sanctionsRelief', 'imposer']),
        target: actor(r.target, [...path, 'sanctionsRelief', 'target']),
        amount: r.amount,
      };
    }
    if ('investment' in t) {
      const r = t.investment;
      return {
        kind: 'investment',
        from: actor(r.from, [...path, 'investment', 'from']),
        to: actor(r.to, [...path, 'investment', 'to']),
        amount: r.amount,
      };
    }
    if ('energy' in t) return { kind: 'energy', tie: tie(t.energy.tie, [...path, 'energy', 'tie']), amount: t.energy.amount };
    if ('move' in t) {
      const k = move(t.move, [...path, 'move']);
      // A deal changes numbers and statuses; talks and modifiers belong to moves and events.
      const other = f.moves[t.move]!.effects.find((e) => 'talks' in e || 'moveCost' in e || 'dealCost' in e);
      if (other) report([...path, 'move'], `a move in a deal may only change numbers: "${t.move}" also has ${Object.keys(other)[0]}`);
      return { kind: 'move', move: k, times: t.times };
    }
    if ('noForeignBases' in t) return { kind: 'noForeignBases' };
    return { kind: 'peaceTreaty' };
  };

  // Pairwise starting values: a symmetric n×n matrix with a default.
  const matrix = (entries: ScenarioFile['trust'], field: string, fallback: number): number[] => {
    const mtx = new Array<number>(n * n).fill(fallback);
    for (let i = 0; i < n; i++) mtx[i * n + i] = 1;
    entries.forEach((e, k) => {
      const a = actor(e.between[0], [field, k, 'between', 0]);
      const b = actor(e.between[1], [field, k, 'between', 1]);
      mtx[a * n + b] = e.value;
      mtx[b * n + a] = e.value;
    });
    return mtx;
  };
  const economy = matrix(f.economy, 'economy', 0);
  for (let i = 0; i < n; i++) economy[i * n + i] = 0;

  const sanctions = new Array<number>(n * n).fill(0);
  const regimes = Object.entries(f.sanctions).map(([rid, r]) => {
    const target = actor(r.target, ['sanctions', rid, 'target']);
    const members = Object.entries(r.levels).map(([who, level]) => {
      const i = actor(who, ['sanctions', rid, 'levels', who]);
      sanctions[i * n + target] = level.value;
      return i;
    });
    if (members.length === 0) report(['sanctions', rid, 'levels'], 'a sanctions regime needs at least one member');
    return { id: rid, name: r.name, target, members };
  });

  const perActor = (rec: Record<string, { value: number }>, field: string, fallback: number): number[] => {
    const out = new Array<number>(n).fill(fallback);
    for (const [who, v] of Object.entries(rec)) out[actor(who, [field, who])] = v.value;
    return out;
  };
  for (const who of names.actor) if (!(who in f.room)) report(['room'], `missing the domestic room of actor "${who}"`);

  const areaSum = Object.values(f.territories).reduce((s, t) => s + t.area.value, 0);
  if (names.territory.length === 0) report(['territories'], 'expected at least one territory');
  else if (Math.abs(areaSum - 1) > 1e-6) report(['territories'], `territory areas must sum to 1 (they sum to ${areaSum.toFixed(4)})`);

  const claimant = actor(f.dispute.claimant, ['dispute', 'claimant']);
  const holder = actor(f.dispute.holder, ['dispute', 'holder']);
  if (claimant === holder && names.actor.includes(f.dispute.claimant))
    report(['dispute', 'holder'], 'the holder must differ from the claimant');

  const events = Object.entries(f.events).map(([eid, e]) => {
    const path = ['events', eid];
    if ((e.at === undefined) === (e.hazard === undefined))
      report(path, 'an event needs exactly one of `at` (scheduled) or `hazard` (random)');
    return {
      id: eid,
      label: e.label,
      at: e.at === undefined ? null : at(e.at),
      hazard: e.hazard?.value ?? 0,
      when: e.when.map((c, k) => condition(c, [...path, 'when', k])),
      once: e.once,
      summit: e.summit,
      effects: e.effects.map((x, k) => effect(x, [...path, 'effects', k])),
    };
  });

  const offers = Object.entries(f.offers).map(([oid, o]) => {
    const path = ['offers', oid];
    const terms = o.terms.map((t, k) => term(t, [...path, 'terms', k]));
    if (terms.some((t) => t.kind === 'transfer') && !terms.some((t) => t.kind === 'peaceTreaty'))
      report([...path, 'terms'], 'a transfer of territory must come with a peaceTreaty term');
    return { id: oid, label: o.label, proposers: o.proposers.map((p, k) => actor(p, [...path, 'proposers', k])), terms };
  });

  return {
    id: f.id,
    title: f.title,
    startYear,
    startQuarter,
    horizon: f.horizon,
    actors: Object.entries(f.actors).map(([aid, a]) => ({
      id: aid,
      name: a.name,
      role: a.role,
      weights: DIMENSIONS.map((d) => a.weights[d]?.value ?? 0),
      temperature: a.temperature.value,
      moveTemperature: (a.moveTemperature ?? a.temperature).value,
      tremble: a.tremble?.value ?? 0,
      walkAwayMargin: a.walkAwayMargin.value,
      walkAwayRange: rangeOf(a.walkAwayMargin),
      economicMargin: (a.economicMargin ?? a.walkAwayMargin).value,
      economicRange: rangeOf(a.economicMargin ?? a.walkAwayMargin),
      mass: a.mass.value,
      axis: a.axis ? [actor(a.axis[0], ['actors', aid, 'axis', 0]), actor(a.axis[1], ['actors', aid, 'axis', 1])] : null,
      ratifies: a.ratifies,
    })),
    territories: Object.entries(f.territories).map(([tid, t]) => ({ id: tid, name: t.name, area: t.area.value })),
    claimant,
    holder,
    alliances: Object.entries(f.alliances).map(([aid, a]) => ({
      id: aid,
      name: a.name,
      members: a.members.map((mm, k) => actor(mm, ['alliances', aid, 'members', k])),
    })),
    regimes,
    energyTies: Object.entries(f.energy).map(([eid, e]) => {
      if (e.max.value <= 0) report(['energy', eid, 'max', 'value'], 'expected a maximum share above 0');
      return {
        id: eid,
        name: e.name,
        exporter: actor(e.exporter, ['energy', eid, 'exporter']),
        importer: actor(e.importer, ['energy', eid, 'importer']),
        max: e.max.value,
      };
    }),
    moves: Object.entries(f.moves).map(([mid, mv]) => ({
      id: mid,
      label: mv.label,
      actor: actor(mv.actor, ['moves', mid, 'actor']),
      kind: mv.kind,
      when: mv.when.map((c, k) => condition(c, ['moves', mid, 'when', k])),
      effects: mv.effects.map((e, k) => effect(e, ['moves', mid, 'effects', k])),
      cost: mv.cost,
    })),
    offers,
    events,
    reactions: Object.entries(f.reactions).map(([rid, r]) => ({
      id: rid,
      label: r.label,
      trigger: move(r.trigger, ['reactions', rid, 'trigger']),
      actor: actor(r.actor, ['reactions', rid, 'actor']),
      probability: r.probability.value,
      effects: r.effects.map((e, k) => effect(e, ['reactions', rid, 'effects', k])),
    })),
    params: { trustMargin: 0, ...Object.fromEntries(Object.entries(f.params).map(([k, v]) => [k, v.value])) } as unknown as Model['params'],
    outcomeLabels: f.outcomes,
    initial: {
      sanctions,
      energy: Object.values(f.energy).map((e) => e.share.value),
      economy,
      jointActivity: f.jointActivity.value,
      militarisation: perActor(f.militarisation, 'militarisation', 0),
      cohesion: Object.values(f.alliances).map((a) => a.cohesion.value),
      trust: matrix(f.trust, 'trust', f.defaultTrust.value),
      talksActive: f.talks.active,
      room: perActor(f.room, 'room', 0),
    },
  };
}

/** A hindcast target compiled: its conditions, and the span of quarters (run indices) they are checked over. */
export interface HindcastTarget {
  readonly id: string;
  readonly label: string;
  /** `at`: the conditions hold at the end of quarter `from` (= `to`); `by`: at the end of some quarter in [from, to]; `throughout`: of every one. */
  readonly kind: 'at' | 'by' | 'throughout';
  readonly from: number;
  readonly to: number;
  /** As written, for reports: `at 2016Q4`, `by 2016Q4`, `2016Q2–2021Q4`. */
  readonly when: string;
  readonly conditions: readonly Condition[];
  readonly source: { readonly doc: string; readonly quote: string };
}

export interface HindcastPlan {
  /** Random events pinned to the quarter they happened in (event id and quarter). */
  readonly pins: readonly { readonly event: string; readonly at: string }[];
  readonly targets: readonly HindcastTarget[];
}

/** The --set overrides that pin a plan's events for the hindcast's runs: each happens at its quarter, and at no other. */
export const pinOverrides = (plan: HindcastPlan): string[] =>
  plan.pins.flatMap((p) => [`events.${p.event}.at=${p.at}`, `events.${p.event}.hazard=null`]);

/** A scenario's hindcast section compiled, or null when it has none; a quarter outside the scenario is reported. */
export function compileHindcast(f: ScenarioFile, report: Report): HindcastPlan | null {
  if (!f.hindcast) return null;
  const { at, condition } = scope(f);
  const inside = (q: string, path: Path): number => {
    const t = at(q);
    if (t < 0 || t >= f.horizon) report(path, `${q} is outside the scenario (${f.start} and the ${f.horizon} quarters after it)`);
    return t;
  };
  const pins = Object.entries(f.hindcast.pins).map(([eid, p]) => {
    inside(p.at, ['hindcast', 'pins', eid, 'at']);
    return { event: eid, at: p.at };
  });
  const targets = Object.entries(f.hindcast.targets).map(([tid, x]): HindcastTarget => {
    const path = ['hindcast', 'targets', tid];
    const given = [x.at !== undefined, x.by !== undefined, x.throughout !== undefined].filter(Boolean).length;
    if (given !== 1) report(path, 'a target needs exactly one of `at`, `by` or `throughout`');
    const conditions = x.when.map((c, k) => condition(c, [...path, 'when', k]));
    const common = { id: tid, label: x.label, conditions, source: x.source };
    if (x.throughout) {
      const [a, b] = x.throughout;
      const from = inside(a, [...path, 'throughout', 0]);
      const to = inside(b, [...path, 'throughout', 1]);
      if (to < from) report([...path, 'throughout'], `the span ends (${b}) before it starts (${a})`);
      return { ...common, kind: 'throughout', from, to, when: `${a}–${b}` };
    }
    if (x.by) return { ...common, kind: 'by', from: 0, to: inside(x.by, [...path, 'by']), when: `by ${x.by}` };
    const q = x.at ?? f.start;
    const t = inside(q, [...path, 'at']);
    return { ...common, kind: 'at', from: t, to: t, when: `at ${q}` };
  });
  return { pins, targets };
}

/**
 * Conditions written for one scenario compiled against another's names (a hindcast's base rate runs
 * a target's conditions in the other scenarios of its pack); null when one names something that
 * scenario does not have.
 */
export function compileConditions(f: ScenarioFile, raw: readonly RawCondition[]): Condition[] | null {
  // The references table (references.ts) says whether every name resolves, as for the scenario's own conditions.
  const probe = { ...f, hindcast: { pins: {}, targets: { probe: { when: raw } } } };
  if (checkReferences(probe).some((r) => r.path[0] === 'hindcast')) return null;
  const { condition } = scope(f);
  return raw.map((c, k) => condition(c, [k]));
}

/** A reservation value's range, [value, value] when it has none (known to all). */
function rangeOf(r: { readonly value: number; readonly range?: readonly [number, number] | undefined }): [number, number] {
  return r.range ? [r.range[0], r.range[1]] : [r.value, r.value];
}
