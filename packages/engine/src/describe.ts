import { type Condition, DIMENSIONS, type Effect, type Model, quarterLabel } from '@parley/core';

/** Plain-language descriptions of a model's conditions and effects, for explanations and briefings. */

const actor = (m: Model, i: number): string => m.actors[i]!.name;
/** "Ana's", "the Netherlands'" */
const poss = (m: Model, i: number): string => (actor(m, i).endsWith('s') ? `${actor(m, i)}'` : `${actor(m, i)}'s`);
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;

export function describeEffect(m: Model, e: Effect): string {
  switch (e.op) {
    case 'sanctions':
      return `${poss(m, e.imposer)} sanctions on ${actor(m, e.target)} ${signed(e.delta)}`;
    case 'energy':
      return `${m.energyTies[e.tie]!.name} ${signed(e.delta)}`;
    case 'economy':
      return `${actor(m, e.a)}–${actor(m, e.b)} economic ties ${signed(e.delta)}`;
    case 'jointActivity':
      return `joint activity on the territories ${signed(e.delta)}`;
    case 'militarisation':
      return `${poss(m, e.actor)} militarisation ${signed(e.delta)}`;
    case 'cohesion':
      return `${m.alliances[e.alliance]!.name} cohesion ${signed(e.delta)}`;
    case 'trust':
      return `${actor(m, e.a)}–${actor(m, e.b)} trust ${signed(e.delta)}`;
    case 'room':
      return `${poss(m, e.actor)} domestic room ${signed(e.delta)}`;
    case 'trustBaseline':
      return `${actor(m, e.a)}–${actor(m, e.b)} trust returns to a level ${signed(e.delta)} (lasting)`;
    case 'roomBaseline':
      return `${poss(m, e.actor)} domestic room returns to a level ${signed(e.delta)} (lasting)`;
    case 'talks':
      return e.active ? 'talks resume' : 'talks are suspended';
    case 'weight':
      return `${actor(m, e.actor)} cares ${e.delta >= 0 ? 'more' : 'less'} about ${DIMENSIONS[e.dimension]} (${signed(e.delta)})`;
    case 'moveCost':
      return `"${m.moves[e.move]!.label}" costs ${actor(m, e.actor)} ${e.amount.toFixed(3)} more for ${e.duration} quarters`;
    case 'dealCost':
      return `any settlement costs ${actor(m, e.actor)} ${e.amount.toFixed(3)} more for ${e.duration} quarters`;
  }
}

export function describeCondition(m: Model, c: Condition): string {
  switch (c.v) {
    case 'talks':
      return c.active ? 'talks are active' : 'talks are suspended';
    case 'treaty':
      return c.signed ? 'a treaty is signed' : 'no treaty yet';
    case 'sanctions':
      return `${poss(m, c.imposer)} sanctions on ${actor(m, c.target)} ${c.op} ${c.value}`;
    case 'trust':
      return `${actor(m, c.a)}–${actor(m, c.b)} trust ${c.op} ${c.value}`;
    case 'militarisation':
      return `${poss(m, c.actor)} militarisation ${c.op} ${c.value}`;
    case 'room':
      return `${poss(m, c.actor)} domestic room ${c.op} ${c.value}`;
    case 'jointActivity':
      return `joint activity ${c.op} ${c.value}`;
    case 'cohesion':
      return `${m.alliances[c.alliance]!.name} cohesion ${c.op} ${c.value}`;
    case 'after':
      return `from ${quarterLabel(m, c.quarter)}`;
  }
}
