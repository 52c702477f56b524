import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkProvenance } from '@parley/scenario';
import { describe, expect, it } from 'vitest';
import { flagship } from './helpers/flagship.js';

const sources = fileURLToPath(new URL('../scenarios/kuril/sources/', import.meta.url));
const read = (name: string) =>
  existsSync(join(sources, name)) ? { text: readFileSync(join(sources, name), 'utf8') } : { problem: 'no such file' };

describe('provenance of the flagship scenario', () => {
  it('every number and every move, offer and event cites an article (with a quote found in it) or states an assumption, with a grade and a range', () => {
    const rep = checkProvenance(flagship().raw, read);
    expect(rep.problems).toEqual([]);
    expect(rep.numbers.length).toBeGreaterThan(150);
    expect(rep.ranges.missing).toBe(0);
    // Graded honestly: few numbers are stated by a source; most are directions or assumptions.
    expect(rep.grades.value).toBeLessThan(10);
    expect(rep.grades.direction + rep.grades.assumption).toBe(rep.numbers.length - rep.grades.value);
  });

  it('reports a quote that is not in the cited article, and a value with no provenance', () => {
    const data = structuredClone(flagship().raw) as { actors: Record<string, { weights: Record<string, unknown> }> };
    data.actors.japan!.weights.territory = {
      value: 0.3,
      source: { doc: '002_772c517c6391e34c.txt', quote: 'the islands were never disputed' },
    };
    data.actors.russia!.weights.treaty = { value: 0.05 };
    const rep = checkProvenance(data, read);
    expect(rep.problems.map((p) => p.path)).toEqual(['actors.japan.weights.territory.source.quote', 'actors.russia.weights.treaty']);
    expect(rep.problems[0]!.message).toMatch(/quote not found/);
  });
});

describe('support grades and plausible ranges', () => {
  const graded = (path: string, data: unknown = flagship().raw) => checkProvenance(data, read).numbers.find((n) => n.path === path);

  it('a cited number supports its direction unless it says more; a number a quote states is exact; a quote kept as context is an assumption', () => {
    expect(graded('actors.japan.weights.territory')).toMatchObject({ grade: 'direction', rangeKind: 'rule', plausible: [0.15, 0.6] });
    expect(graded('energy.lng.share')).toMatchObject({ grade: 'value', rangeKind: 'exact', plausible: [0.1, 0.1] });
    expect(graded('actors.russia.weights.treaty')).toMatchObject({ grade: 'assumption', support: 'assumption' });
    expect(graded('actors.russia.walkAwayMargin')).toMatchObject({ grade: 'direction', rangeKind: 'stated', plausible: [0.0325, 0.13] });
  });

  it('a plain number inside a move takes the move’s citation, graded at best direction; a sourced one inside a move keeps its own', () => {
    const cost = graded('moves.japan-invest.cost');
    expect(cost).toMatchObject({ grade: 'direction', inherited: true, within: 'moves.japan-invest', value: 0.002 });
    expect(cost!.source!.quote).toBe('agreed to establish a $1 billion investment fund');
    const room = graded('moves.japan-invest.effects[3].delta');
    expect(room).toMatchObject({ grade: 'direction', rangeKind: 'stated', plausible: [0, 0.02] });
    expect(room!.inherited).toBeUndefined();
    expect(room!.source!.doc).toBe('001_5af6e1162aa95ee1.txt');
  });

  it('refuses a grade that does not fit what is written, a number with no range, and an article newer than the start without hindsight', () => {
    const raw = structuredClone(flagship().raw) as Record<string, unknown> & {
      actors: Record<string, { weights: Record<string, unknown> }>;
    };
    raw.actors.japan!.weights.treaty = { value: 0.15, support: 'value', assumption: 'no source at all' };
    raw.actors.japan!.weights.energy = {
      value: 0.1,
      support: 'assumption',
      source: { doc: '002_772c517c6391e34c.txt', quote: 'Japan was looking for ways to diversify its energy supply' },
    };
    delete raw.defaultRange;
    delete raw.hindsight;
    const rep = checkProvenance(raw, read);
    const messages = (path: string) => rep.problems.filter((p) => p.path === path).map((p) => p.message);
    expect(messages('actors.japan.weights.treaty.support')).toEqual(['support: value needs a source that states it']);
    expect(messages('actors.japan.weights.energy')[0]).toMatch(/say the assumption/);
    expect(messages('actors.japan.weights.territory')).toEqual([expect.stringMatching(/graded direction, with no plausible range/)]);
    // 001 is dated 2016-12, after the flagship's 2016Q2 start; 003 (2016-05) is not.
    expect(messages('actors.japan.weights.unity.source.doc')).toEqual([
      expect.stringMatching(/published after the scenario's start \(2016Q2\)/),
    ]);
    expect(messages('actors.japan.weights.territory.source.doc')).toEqual([]);
  });
});

describe('the scenario hash', () => {
  it('does not change when a quote, a grade or an assumption does: correcting a citation does not move a result', async () => {
    const { parseScenario } = await import('@parley/scenario');
    const { readFileSync } = await import('node:fs');
    const base = fileURLToPath(new URL('../scenarios/kuril/2016-nagato.yaml', import.meta.url));
    const text = readFileSync(base, 'utf8');
    const load = (sets: string[]) => parseScenario(text, base, { sets }).hash;
    const plain = load([]);
    expect(load(['actors.japan.weights.territory.support=assumption', 'actors.japan.weights.territory.assumption="reread"'])).toBe(plain);
    expect(load(['actors.japan.weights.territory.value=0.31'])).not.toBe(plain);
  });
});

describe('the source articles', () => {
  it("the repository's copies of the source articles are the shared originals", () => {
    const shared = fileURLToPath(new URL('../../shared/sources/', import.meta.url));
    if (!existsSync(shared)) return; // a clone without shared/ beside it still checks against its copies
    for (const f of readdirSync(sources)) expect(readFileSync(join(sources, f), 'utf8')).toBe(readFileSync(join(shared, f), 'utf8'));
  });
});
