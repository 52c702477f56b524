import { DIMENSIONS, quarterLabel } from '@parley/core';
import { describeCondition, describeEffect, describeTerm } from '@parley/engine';
import { type GradedNumber, gradedNumbers, type LoadedScenario, type SourceRef } from '@parley/scenario';

interface Provenanced {
  readonly source?: SourceRef | undefined;
  readonly assumption?: string | undefined;
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** "[003: “quote”]" or "[assumption: …]": where a value came from, in one bracket. */
function cite(p: Provenanced, width = 90): string {
  const parts: string[] = [];
  if (p.source) parts.push(`${p.source.doc.slice(0, 3)}: “${clip(p.source.quote, width)}”`);
  if (p.assumption) parts.push(`assumption: ${clip(p.assumption, width)}`);
  return parts.length > 0 ? `[${parts.join('; ')}]` : '[no source]';
}

const wrap = (text: string, indent: string, width = 88): string[] => {
  const out: string[] = [];
  for (const para of text.trim().split(/\n\s*\n/)) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      if (line && line.length + word.length + 1 > width) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(indent + line);
    out.push('');
  }
  return out;
};

/** A reader's description of a scenario: its actors' utilities with sources, their moves and offers, and its events. */
export function explainCommand(sc: LoadedScenario): string {
  const { data: f, model: m } = sc;
  const out: string[] = [];
  // Grades and plausible ranges (quotes are checked by validate --provenance, not here).
  const graded = gradedNumbers(sc.raw);
  const numbers = new Map<string, GradedNumber>(graded.map((n) => [n.path, n]));
  const gradeOf = (path: string): string => {
    const n = numbers.get(path);
    if (!n) return '';
    const range = n.plausible && n.plausible[0] < n.plausible[1] ? ` ${n.plausible[0]} to ${n.plausible[1]}` : '';
    return `${`${n.grade}${range}`.padEnd(25)} `;
  };
  const end = quarterLabel(m, m.horizon - 1);
  out.push(f.title, `${'='.repeat(Math.min(f.title.length, 88))}`);
  out.push(`${f.start} to ${end} (${f.horizon} quarters).  Scenario id: ${f.id}.  Files: ${sc.files.join(' <- ')}`);
  if (sc.sets.length > 0) out.push(`Overrides: ${sc.sets.map((s) => `--set ${s}`).join(' ')}`);
  out.push('');
  if (f.briefing) out.push('Briefing', ...wrap(f.briefing, '  '));
  const sources = Object.entries(f.sources);
  if (sources.length > 0) {
    out.push('Sources');
    for (const [doc, s] of sources) out.push(`  ${doc.slice(0, 3)}  ${s.title}${s.date ? ` (${s.date})` : ''}  — ${doc}`);
    out.push('');
  }
  const claimant = m.actors[m.claimant]!.name;
  const holder = m.actors[m.holder]!.name;
  out.push(
    `The dispute: ${claimant} claims ${m.territories.map((t) => `${t.name} (${(t.area * 100).toFixed(0)}%)`).join(', ')}, held by ${holder}.`,
    '',
  );

  m.actors.forEach((a, i) => {
    const raw = f.actors[a.id]!;
    out.push(`${a.name} (${a.id}) — ${a.role === 'party' ? 'party to the dispute' : 'outside power'}`);
    out.push('  Cares about (utility = weighted sum of these measures, each from 0 to 1; with each weight its grade and plausible range):');
    const dims = DIMENSIONS.map((d, k) => ({ d, w: a.weights[k]!, src: raw.weights[d] })).filter((x) => x.w !== 0);
    dims.sort((x, y) => Math.abs(y.w) - Math.abs(x.w));
    for (const { d, w, src } of dims)
      out.push(`    ${d.padEnd(10)} ${w >= 0 ? ' ' : ''}${w.toFixed(2)}  ${gradeOf(`actors.${a.id}.weights.${d}`)}${src ? cite(src) : ''}`);
    const drawn = (r: readonly [number, number]): string =>
      r[0] < r[1] ? ` (each run draws its own from ${r[0]} to ${r[1]}; the others do not know it)` : '';
    out.push(
      `  Accepts a deal touching sovereignty only if it beats the status quo by ${a.walkAwayMargin}${drawn(a.walkAwayRange)} ${cite(raw.walkAwayMargin)}`,
    );
    out.push(
      `  Accepts any other deal only if it beats the status quo by ${a.economicMargin}${drawn(a.economicRange)} ${raw.economicMargin ? cite(raw.economicMargin) : '(the same margin: the scenario gives no other)'}`,
    );
    if (a.tremble > 0)
      out.push(`  Answers against its own margin with probability ${a.tremble} ${raw.tremble ? cite(raw.tremble, 60) : ''}`);
    out.push(`  Choice temperature: offers ${a.temperature} ${cite(raw.temperature, 60)}`);
    if (a.moveTemperature !== a.temperature) {
      out.push(`  Choice temperature: moves ${a.moveTemperature} ${raw.moveTemperature ? cite(raw.moveTemperature, 60) : ''}`);
    }
    const moves = m.moves.filter((mv) => mv.actor === i);
    if (moves.length > 0) {
      out.push('  Moves:');
      for (const mv of moves) {
        const rawMove = f.moves[mv.id]!;
        out.push(`    ${mv.id}: ${mv.label}${mv.cost > 0 ? ` (costs ${mv.cost})` : ''}  ${cite(rawMove, 70)}`);
        if (mv.when.length > 0) out.push(`      when ${mv.when.map((c) => describeCondition(m, c)).join(' and ')}`);
        out.push(`      → ${mv.effects.map((e) => describeEffect(m, e)).join('; ')}`);
      }
    }
    const offers = m.offers.filter((o) => o.proposers.includes(i));
    if (offers.length > 0) {
      out.push('  Can propose:');
      for (const o of offers)
        out.push(`    ${o.id}: ${o.label}  ${cite(f.offers[o.id]!, 70)}`, `      = ${o.terms.map((t) => describeTerm(m, t)).join('; ')}`);
    }
    out.push('');
  });

  const scheduled = m.events.filter((e) => e.at !== null).sort((a, b) => a.at! - b.at!);
  if (scheduled.length > 0) {
    out.push('Scheduled events');
    for (const e of scheduled) {
      out.push(`  ${quarterLabel(m, e.at!)}  ${e.id}: ${e.label}${e.summit ? ' [summit]' : ''}  ${cite(f.events[e.id]!, 70)}`);
      if (e.effects.length > 0) out.push(`          → ${e.effects.map((x) => describeEffect(m, x)).join('; ')}`);
    }
    out.push('');
  }
  const random = m.events.filter((e) => e.at === null);
  if (random.length > 0) {
    out.push('Random events (chance per quarter)');
    for (const e of random) {
      const raw = f.events[e.id]!;
      out.push(`  ${(e.hazard * 100).toFixed(1).padStart(5)}%  ${e.id}: ${e.label}${e.once ? '' : ' (can recur)'}  ${cite(raw, 70)}`);
      if (e.when.length > 0) out.push(`          when ${e.when.map((c) => describeCondition(m, c)).join(' and ')}`);
      if (e.effects.length > 0) out.push(`          → ${e.effects.map((x) => describeEffect(m, x)).join('; ')}`);
    }
    out.push('');
  }
  if (m.reactions.length > 0) {
    out.push('Reactions');
    for (const r of m.reactions) {
      out.push(
        `  ${(r.probability * 100).toFixed(0).padStart(3)}%  ${r.id}: after ${m.moves[r.trigger]!.id}, ${r.label}  ${cite(f.reactions[r.id]!, 60)}`,
      );
    }
    out.push('');
  }
  const count = (grade: GradedNumber['grade']): number => graded.filter((n) => n.grade === grade).length;
  const drawnRanges = graded.filter((n) => n.plausible && n.plausible[0] < n.plausible[1]).length;
  out.push(
    `What the numbers rest on: ${graded.length} numbers, ${count('value')} stated by a source, ${count('direction')} whose direction a source gives, ${count('assumption')} assumptions;`,
    `  ${drawnRanges} have a plausible range wider than a point; batch --uncertain draws those that are not reservation margins, durations or areas (docs/uncertainty.md).`,
    '',
  );
  out.push(
    'Ids (moves, offers, events, reactions) are what --set, compare and moves files name: e.g.',
    `  --set moves.${m.moves[0]?.id ?? 'ID'}.cost=0.01   --set moves.${m.moves[0]?.id ?? 'ID'}=null (removes it)`,
  );
  return `${out.join('\n')}\n`;
}
