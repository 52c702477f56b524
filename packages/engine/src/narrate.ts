import {
  DIMENSIONS,
  type LogEvent,
  type Model,
  type OutcomeClass,
  quarterLabel,
  type Term,
  type TerritoryStatus,
  utility,
  utilityBreakdown,
  type WorldState,
} from '@parley/core';

/**
 * The narrated transcript: plain text made from the structured log. Pure; the CLI
 * and the terminal UI print what it returns.
 */

const names = (m: Model, ids: readonly number[], of: 'actors' | 'territories'): string => ids.map((k) => m[of][k]!.name).join(', ');

export function describeTerm(m: Model, t: Term): string {
  switch (t.kind) {
    case 'transfer':
      return `transfer of ${names(m, t.territories, 'territories')} to ${m.actors[m.claimant]!.name}`;
    case 'jointAdministration':
      return `joint administration of ${names(m, t.territories, 'territories')}`;
    case 'jointActivities':
      return `joint economic activities (+${t.amount.toFixed(2)})`;
    case 'continuedTalks':
      return `continued talks on ${names(m, t.territories, 'territories')}`;
    case 'sanctionsRelief':
      return `${m.actors[t.imposer]!.name} eases sanctions on ${m.actors[t.target]!.name} (−${t.amount.toFixed(2)})`;
    case 'investment':
      return `${m.actors[t.from]!.name} invests in ${m.actors[t.to]!.name} (+${t.amount.toFixed(2)})`;
    case 'energy':
      return `${m.energyTies[t.tie]!.name} ${t.amount >= 0 ? '+' : '−'}${Math.abs(t.amount).toFixed(2)}`;
    case 'move': {
      const mv = m.moves[t.move]!;
      return `${m.actors[mv.actor]!.name} ${mv.label}${t.times > 1 ? ` (×${t.times})` : ''}`;
    }
    case 'noForeignBases':
      return 'no foreign bases on transferred territory';
    case 'peaceTreaty':
      return 'peace treaty';
  }
}

export function describeOffer(m: Model, o: number): string {
  const offer = m.offers[o]!;
  return `${offer.label} [${offer.terms.map((t) => describeTerm(m, t)).join('; ')}]`;
}

export function outcomeLabel(m: Model, o: OutcomeClass): string {
  return m.outcomeLabels[o] ?? o;
}

const pct = (p: number): string => `${Math.round(p * 100)}%`;
const num = (x: number): string => x.toFixed(3);

/** One transcript line for one log event: "<quarter>  OFFER     <proposer> offers <responder>: …". */
export function narrateEvent(m: Model, e: LogEvent): string {
  const when = quarterLabel(m, e.t);
  const line = (tag: string, text: string): string => `${when}  ${tag.padEnd(9)} ${text}`;
  const actor = (i: number): string => m.actors[i]!.name;
  switch (e.type) {
    case 'shock':
      return line(m.events[e.event]!.summit ? 'SUMMIT' : 'EVENT', m.events[e.event]!.label);
    case 'meeting':
      return line(
        'MEETING',
        `${actor(e.proposer)} and ${actor(e.responder)} meet${e.summit === null ? '' : ' at the summit'}` +
          (e.offersOnAgenda ? `; ${actor(e.proposer)} has the floor` : '; no terms on the agenda'),
      );
    case 'meeting-cancelled':
      return line('CANCELLED', `${m.events[e.summit]!.label}: called off, talks are suspended`);
    case 'offer':
      if (e.offer === null) return line('NO OFFER', `${actor(e.by)} puts no terms on the table`);
      return line(e.counter ? 'COUNTER' : 'OFFER', `${actor(e.by)} offers ${actor(e.to)}: ${describeOffer(m, e.offer)}`);
    case 'response': {
      const verdict = e.decision === 'accept' ? 'ACCEPT' : e.decision === 'veto' ? 'VETO' : 'REJECT';
      const why =
        e.decision === 'veto'
          ? 'its leader could not ratify the territorial concession at home'
          : e.player
            ? `the players' decision (deal worth ${num(e.dealUtility)} vs walk-away ${num(e.walkAway)}; the AI would accept with P ${pct(e.probability)})`
            : `deal worth ${num(e.dealUtility)} vs walk-away ${num(e.walkAway)}, P(accept) ${pct(e.probability)}`;
      return line(
        verdict,
        `${actor(e.by)} ${e.decision === 'accept' ? 'accepts' : e.decision === 'veto' ? 'cannot accept' : 'rejects'}: ${why}`,
      );
    }
    case 'treaty':
      return line('TREATY', `Peace treaty signed: ${m.offers[e.offer]!.label}`);
    case 'move':
      return line(e.thirdParty ? 'THIRD' : 'MOVE', `${actor(e.actor)} ${m.moves[e.move]!.label}`);
    case 'reaction':
      return line('REACTION', m.reactions[e.reaction]!.label);
    case 'talks':
      return line('TALKS', e.active ? 'Peace-treaty talks resume' : 'Peace-treaty talks are suspended');
    case 'outcome':
      return line('END', outcomeLabel(m, e.outcome));
  }
}

export function describeStatus(m: Model, st: TerritoryStatus): string {
  switch (st.kind) {
    case 'held':
      return `held by ${m.actors[st.by]!.name}${st.contested ? ' (contested)' : ' (recognised)'}`;
    case 'transferred':
      return `transferred to ${m.actors[st.to]!.name}${st.assured ? ' (no foreign bases)' : ''}`;
    case 'joint':
      return `jointly administered by ${m.actors[st.parties[0]]!.name} and ${m.actors[st.parties[1]]!.name}`;
  }
}

/** The closing summary: outcome, treaty date, each territory's status, each actor's utility by dimension. */
export function narrateSummary(m: Model, outcome: OutcomeClass, w: WorldState): string {
  const out: string[] = [];
  out.push(`Outcome: ${outcomeLabel(m, outcome)} (${outcome})`);
  out.push(w.treaty ? `Treaty signed: ${quarterLabel(m, w.treaty.t)} — ${m.offers[w.treaty.offer]!.label}` : 'Treaty signed: none');
  out.push(`Talks: ${w.talksActive ? 'active' : 'suspended'}`);
  out.push('', 'Territories:');
  m.territories.forEach((t, k) => {
    out.push(`  ${t.name.padEnd(24)} ${(t.area * 100).toFixed(0).padStart(3)}%  ${describeStatus(m, w.territories[k]!)}`);
  });
  out.push('', 'Final utility by dimension (weight × value / Σ|weight|):');
  out.push(`  ${'actor'.padEnd(16)}${'total'.padStart(8)}${DIMENSIONS.map((d) => d.padStart(10)).join('')}`);
  m.actors.forEach((a, i) => {
    const parts = utilityBreakdown(m, w, i).map((d) => (d.weight === 0 ? '—' : d.contribution.toFixed(3)).padStart(10));
    out.push(`  ${a.name.padEnd(16)}${utility(m, w, i).toFixed(3).padStart(8)}${parts.join('')}`);
  });
  return out.join('\n');
}
