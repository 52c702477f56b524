import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modelDocBlocks, replaceBlocks } from '../packages/engine/scripts/model-doc.js';
import { FLAGSHIP_PATH } from './helpers/flagship.js';

describe('docs/model.md', () => {
  it('shows the protocol diagram and parameter table generated from the current machine and scenario (run pnpm docs:model)', () => {
    const doc = readFileSync(fileURLToPath(new URL('../docs/model.md', import.meta.url)), 'utf8');
    expect(replaceBlocks(doc, modelDocBlocks(FLAGSHIP_PATH))).toBe(doc);
    expect(doc).toContain('agenda --> offer: STEP [offerOnAgenda]');
  });
});

describe('docs/scenarios.md', () => {
  it('holds the field reference generated from the current schema (run pnpm schema)', async () => {
    const { SCENARIO_DOC_PATH, scenarioDocText } = await import('../packages/scenario/scripts/write-schema.js');
    const doc = readFileSync(SCENARIO_DOC_PATH, 'utf8');
    expect(scenarioDocText(doc)).toBe(doc);
    expect(doc).toContain(
      '| `walkAwayMargin` | sourced number in [-1, 1] | yes | How much better than the status quo a deal touching sovereignty (a transfer, joint administration, a treaty) must be; with `range`, each run draws its own |',
    );
    expect(doc).toContain('| `economicMargin` | sourced number in [-1, 1] | no |');
  });
});

describe('docs/teaching/handouts', () => {
  it('are the handouts generated from the current exercise files (run pnpm docs:teaching)', async () => {
    const { handouts, HANDOUTS } = await import('../packages/teaching/scripts/write-handouts.js');
    const all = handouts();
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const h of all) expect(readFileSync(`${HANDOUTS}${h.name}`, 'utf8'), h.name).toBe(h.text);
  });

  it('the guide’s figures are the engine’s, the same AI games a debrief compares a class with (run pnpm docs:teaching)', async () => {
    const { guideWithFigures, GUIDE } = await import('../packages/teaching/scripts/write-handouts.js');
    const guide = readFileSync(GUIDE, 'utf8');
    expect(guideWithFigures(guide)).toBe(guide);
    expect(guide).toMatch(/\| `nagato-2016\.yaml` \| Japan, Russia, United States\*, China\* \| 8 \| \d+ of 200 \(\d+%\)/);
    // The same figure as the debrief of a game of the exercise.
    const { loadExercise } = await import('@parley/scenario');
    const { aiPlay, analyse, playExercise, aiDecides } = await import('@parley/teaching');
    const ex = loadExercise('scenarios/exercises/nagato-2016.yaml');
    const debrief = analyse(ex, playExercise(ex, [], aiDecides, 'auto'), { aiRuns: 200 });
    const play = aiPlay(ex, 200);
    expect(debrief.aiTreatyShare).toBe(play.treaties / play.runs);
  });
});

describe('examples in the README and docs/', () => {
  it('show what the CLI prints now (run pnpm docs:examples)', async () => {
    const { docFiles, examplesIn } = await import('../packages/cli/scripts/doc-examples.js');
    let blocks = 0;
    for (const file of docFiles()) {
      const { text, updated } = await examplesIn(file);
      blocks += (text.match(/<!-- output: /g) ?? []).length;
      expect(updated, file).toBe(text);
    }
    expect(blocks).toBeGreaterThanOrEqual(1);
  });
});
