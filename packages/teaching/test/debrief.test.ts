import { fileURLToPath } from 'node:url';
import { loadExercise } from '@parley/scenario';
import { describe, expect, it } from 'vitest';
import { aiDecides, analyse, debriefMarkdown, playExercise } from '../src/index.js';

const ex = loadExercise(fileURLToPath(new URL('../../../scenarios/exercises/nagato-2016.yaml', import.meta.url)));

describe('the debrief', () => {
  it('labels no role of an automatic game "played", and counts the turns the game had', () => {
    const t = playExercise(ex, ['japan', 'russia'], aiDecides, 'auto');
    const md = debriefMarkdown(ex, t, analyse(ex, t, { aiRuns: 10 }));
    expect(md).not.toContain('(played)');
    expect(md).toMatch(/^\| Japan \(AI\) \|/m);
    const last = t.log.at(-1)!.t + 1;
    expect(md).toContain(last === 8 ? '8 turns played' : `over after ${last} of 8 turns`);
  });

  it('of a game ended early says where it stopped and compares it with AI games at that point', () => {
    const t = playExercise(ex, ['japan'], aiDecides, 'interactive', [], ex.data.seed, { steps: 3 });
    expect(t.ended).toBeDefined();
    const md = debriefMarkdown(ex, t, analyse(ex, t, { aiRuns: 10 }));
    expect(md).toContain(`ended at turn ${t.ended!.turn} of 8, before its end`);
    expect(md).toContain(`**Outcome:** none yet: the game was ended at turn ${t.ended!.turn}`);
    expect(md).toMatch(/of 10 games had a treaty by the end of turn \d \(the AI games are compared at that point\)/);
    // Treaties signed by then count, though those games had not ended.
    const at1 = analyse(ex, playExercise(ex, ['japan'], aiDecides, 'interactive', [], ex.data.seed, { steps: 3 }), { aiRuns: 200 });
    expect(at1.aiTreatyShare).toBeGreaterThan(0.05);
  });
});
