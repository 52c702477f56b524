import { applyEffect } from './effects.js';
import type { Model, OfferDef } from './model.js';
import type { WorldState } from './state.js';

const NONE: readonly number[] = [];

/**
 * Apply an agreed offer's terms, term by term, to a mutable state.
 * Territorial terms move territories from the holder to the claimant; a peace
 * treaty settles the border: every territory still held and not named in a
 * continued-talks term stops being contested.
 */
export function applyDeal(m: Model, s: WorldState, offerIndex: number): void {
  const offer = m.offers[offerIndex]!;
  const { claimant, holder } = m;
  let assured = false;
  let signed = false;
  let talksOn: readonly number[] = NONE;
  for (const term of offer.terms) {
    switch (term.kind) {
      case 'transfer':
        for (const k of term.territories) {
          s.territories[k] = { kind: 'transferred', to: claimant, from: holder, assured: false };
        }
        break;
      case 'jointAdministration':
        for (const k of term.territories) s.territories[k] = { kind: 'joint', parties: [claimant, holder] };
        break;
      case 'jointActivities':
        applyEffect(m, s, { op: 'jointActivity', delta: term.amount });
        break;
      case 'continuedTalks':
        talksOn = talksOn.length === 0 ? term.territories : [...talksOn, ...term.territories];
        break;
      case 'sanctionsRelief':
        applyEffect(m, s, { op: 'sanctions', imposer: term.imposer, target: term.target, delta: -term.amount });
        break;
      case 'investment':
        applyEffect(m, s, { op: 'economy', a: term.from, b: term.to, delta: term.amount });
        break;
      case 'energy':
        applyEffect(m, s, { op: 'energy', tie: term.tie, delta: term.amount });
        break;
      case 'noForeignBases':
        assured = true;
        break;
      case 'peaceTreaty':
        signed = true;
        break;
    }
  }
  if (assured) {
    s.territories = s.territories.map((st) => (st.kind === 'transferred' && st.from === holder ? { ...st, assured: true } : st));
  }
  if (signed) {
    s.treaty = { t: s.t, offer: offerIndex };
    s.talksActive = true;
    s.territories = s.territories.map((st, k) =>
      st.kind === 'held' && st.contested && !talksOn.includes(k) ? { ...st, contested: false } : st,
    );
  }
}

/** Whether an offer touches sovereignty (territory or a treaty), the kind of deal outsiders may discourage. */
export function isSovereigntyDeal(offer: OfferDef): boolean {
  return offer.terms.some((t) => t.kind === 'transfer' || t.kind === 'jointAdministration' || t.kind === 'peaceTreaty');
}

/**
 * The disputed area actor i concedes between two states, as its domestic audience
 * sees it: area it held and transferred, (1 − jointShare) of area it held and now
 * shares, and area it claimed and has renounced.
 */
export function concession(m: Model, before: WorldState, after: WorldState, i: number): number {
  let c = 0;
  for (let k = 0; k < before.territories.length; k++) {
    const b = before.territories[k]!;
    const a = after.territories[k]!;
    if (b.kind !== 'held') continue;
    const area = m.territories[k]!.area;
    if (b.by === i) {
      if (a.kind === 'transferred') c += area;
      else if (a.kind === 'joint') c += area * (1 - m.params.jointShare);
    } else if (b.contested && i === m.claimant && a.kind === 'held' && !a.contested) {
      c += area;
    }
  }
  return c;
}

/**
 * Domestic ratification: a leader can sell a deal at home only if the area it
 * concedes × ratificationScale fits in its domestic room.
 */
export function ratifiable(m: Model, before: WorldState, after: WorldState, i: number): boolean {
  if (!m.actors[i]!.ratifies) return true;
  return concession(m, before, after, i) * m.params.ratificationScale <= before.room[i]! + 1e-12;
}
