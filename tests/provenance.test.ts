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
  it('every weight, starting value, event, move and offer cites an article (with a quote found in it) or states an assumption', () => {
    const rep = checkProvenance(flagship().data, read);
    expect(rep.problems).toEqual([]);
    expect(rep.entries.length).toBeGreaterThan(80);
    expect(rep.sourced / rep.entries.length).toBeGreaterThan(0.5);
  });

  it('reports a quote that is not in the cited article, and a value with no provenance', () => {
    const data = structuredClone(flagship().data);
    data.actors.japan!.weights.territory = {
      value: 0.3,
      source: { doc: '002_772c517c6391e34c.txt', quote: 'the islands were never disputed' },
    };
    data.actors.russia!.weights.treaty = { value: 0.05 };
    const rep = checkProvenance(data, read);
    expect(rep.problems.map((p) => p.path)).toEqual(['actors.japan.weights.territory.source.quote', 'actors.russia.weights.treaty']);
    expect(rep.problems[0]!.message).toMatch(/quote not found/);
  });

  it("the repository's copies of the source articles are the shared originals", () => {
    const shared = fileURLToPath(new URL('../../shared/sources/', import.meta.url));
    if (!existsSync(shared)) return; // a clone without shared/ beside it still checks against its copies
    for (const f of readdirSync(sources)) expect(readFileSync(join(sources, f), 'utf8')).toBe(readFileSync(join(shared, f), 'utf8'));
  });
});
