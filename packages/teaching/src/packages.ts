import type { Model, OfferDef, Term } from '@parley/core';
import { z } from 'zod';

/**
 * Packages players compose term by term (a class's proposal builder), within the scenario's terms:
 * each disputed territory kept, transferred, put under joint administration or left to later talks;
 * a peace treaty; a no-foreign-bases assurance; and any of the side payments the scenario's own
 * offers carry (joint activities, sanctions relief, investment, energy, a move). A package is stored
 * as its spec (ids, not indices), so a transcript says what was proposed in the scenario's words and
 * every package is checked again when a game is replayed.
 */

export type TerritoryChoice = 'keep' | 'transfer' | 'joint' | 'talks';

export interface PackageSpec {
  /** Territory id → what the package does with it (a territory not named is kept). */
  readonly territories: Readonly<Record<string, TerritoryChoice>>;
  readonly treaty: boolean;
  readonly noForeignBases: boolean;
  /** Side terms (sideTerms' ids), in any order. */
  readonly extras: readonly string[];
}

/** A package spec as it comes from outside (a page, a transcript, a saved class): checked before use, then again against the scenario (composePackage). */
export const PackageSpecSchema = z.strictObject({
  territories: z.record(z.string().max(100), z.enum(['keep', 'transfer', 'joint', 'talks'])),
  treaty: z.boolean(),
  noForeignBases: z.boolean(),
  extras: z.array(z.string().max(200)).max(50),
});

/** A side payment a package may carry: a non-territorial term one of the scenario's offers has. */
export interface SideTerm {
  readonly id: string;
  readonly label: string;
  readonly term: Term;
}

const fmt = (x: number): string => String(Math.round(x * 1000) / 1000);

/** The side terms of the scenario's offers, each once, with a stable id and a label in plain words. */
export function sideTerms(m: Model): SideTerm[] {
  const out: SideTerm[] = [];
  const name = (i: number): string => m.actors[i]!.name;
  for (const o of m.offers) {
    for (const t of o.terms) {
      let id: string;
      let label: string;
      switch (t.kind) {
        case 'jointActivities':
          id = `joint-activities-${fmt(t.amount)}`;
          label = `joint economic activities on the territories (+${fmt(t.amount)})`;
          break;
        case 'sanctionsRelief':
          id = `relief-${m.actors[t.imposer]!.id}-${m.actors[t.target]!.id}-${fmt(t.amount)}`;
          label = `${name(t.imposer)} eases its sanctions on ${name(t.target)} (−${fmt(t.amount)})`;
          break;
        case 'investment':
          id = `investment-${m.actors[t.from]!.id}-${m.actors[t.to]!.id}-${fmt(t.amount)}`;
          label = `${name(t.from)} invests in ${name(t.to)} (+${fmt(t.amount)})`;
          break;
        case 'energy':
          id = `energy-${m.energyTies[t.tie]!.id}-${fmt(t.amount)}`;
          label = `energy deal: ${m.energyTies[t.tie]!.name} (+${fmt(t.amount)})`;
          break;
        case 'move':
          id = `move-${m.moves[t.move]!.id}-x${t.times}`;
          label = `${name(m.moves[t.move]!.actor)}: ${m.moves[t.move]!.label}${t.times === 1 ? '' : ` (${t.times} times over)`}`;
          break;
        default:
          continue;
      }
      if (!out.some((s) => s.id === id)) out.push({ id, label, term: t });
    }
  }
  return out;
}

/** A spec that cannot be a package, with what is wrong in words. */
export class BadPackage extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadPackage';
  }
}

const CHOICES: readonly TerritoryChoice[] = ['keep', 'transfer', 'joint', 'talks'];

/**
 * The offer a spec makes, checked against the scenario: known territories and side terms, talks on
 * a territory only with a treaty (talks go on after it), and at least one term. Its id is `pkg-N`
 * (N its place among the game's packages); it has no proposers (no AI tables it).
 */
export function composePackage(m: Model, spec: PackageSpec, n: number): OfferDef {
  const by: Record<TerritoryChoice, number[]> = { keep: [], transfer: [], joint: [], talks: [] };
  const territories = spec.territories ?? {};
  for (const [id, choice] of Object.entries(territories)) {
    const k = m.territories.findIndex((t) => t.id === id);
    if (k < 0) throw new BadPackage(`there is no territory "${id}" (the territories are ${m.territories.map((t) => t.id).join(', ')})`);
    if (!CHOICES.includes(choice)) throw new BadPackage(`"${choice}" is not something a package can do with ${m.territories[k]!.name}`);
    by[choice].push(k);
  }
  for (const v of Object.values(by)) v.sort((a, b) => a - b);
  const sides = sideTerms(m);
  const extras = [...new Set(spec.extras ?? [])].map((id) => {
    const s = sides.find((x) => x.id === id);
    if (!s) throw new BadPackage(`there is no side term "${id}" in this scenario`);
    return s;
  });
  extras.sort((a, b) => sides.indexOf(a) - sides.indexOf(b));
  if (by.talks.length > 0 && !spec.treaty)
    throw new BadPackage('talks that go on about a territory belong to a package with a peace treaty');
  const terms: Term[] = [];
  if (by.transfer.length > 0) terms.push({ kind: 'transfer', territories: by.transfer });
  if (by.joint.length > 0) terms.push({ kind: 'jointAdministration', territories: by.joint });
  if (by.talks.length > 0) terms.push({ kind: 'continuedTalks', territories: by.talks });
  if (spec.noForeignBases === true) terms.push({ kind: 'noForeignBases' });
  for (const s of extras) terms.push(s.term);
  if (spec.treaty === true) terms.push({ kind: 'peaceTreaty' });
  if (terms.length === 0) throw new BadPackage('the package is empty: choose at least one term');
  return { id: `pkg-${n + 1}`, label: packageLabel(m, by, spec, extras), proposers: [], terms };
}

function packageLabel(m: Model, by: Record<TerritoryChoice, number[]>, spec: PackageSpec, extras: readonly SideTerm[]): string {
  const names = (ks: readonly number[]): string => ks.map((k) => m.territories[k]!.name).join(', ');
  const parts: string[] = [];
  if (by.transfer.length > 0) parts.push(`transfer of ${names(by.transfer)}`);
  if (by.joint.length > 0) parts.push(`joint administration of ${names(by.joint)}`);
  if (spec.treaty) parts.push('a peace treaty');
  if (by.talks.length > 0) parts.push(`talks to go on about ${names(by.talks)}`);
  if (spec.noForeignBases) parts.push('no foreign bases');
  for (const s of extras) parts.push(s.label);
  return `(players' package) ${parts.join('; ')}`;
}

/** The model's offer whose terms are exactly those of `o`, if there is one (a package need not be added twice). */
export function sameOffer(m: Model, o: OfferDef): number {
  const key = (x: OfferDef): string => JSON.stringify(x.terms.map((t) => JSON.stringify(t)).sort());
  const k = key(o);
  return m.offers.findIndex((x) => key(x) === k);
}
