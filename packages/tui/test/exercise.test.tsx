import { fileURLToPath } from 'node:url';
import { loadExercise } from '@parley/scenario';
import { choicesDecider, playExercise } from '@parley/teaching';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ExerciseApp } from '../src/ExerciseApp.js';
import { type ExerciseUi, reduceExercise, startExercise } from '../src/exercise-state.js';
import { frameWith, frameWithout } from './frames.js';

const ex = loadExercise(fileURLToPath(new URL('../../../scenarios/exercises/nagato-2016.yaml', import.meta.url)));

/** Play on from `s` until `decisions` more decisions have been made (the first option, or reject), or the end. */
function playFor(s: ExerciseUi, decisions = Number.POSITIVE_INFINITY): ExerciseUi {
  const target = s.choices.length + decisions;
  for (let guard = 0; guard < 2000 && !s.session.done && s.choices.length < target; guard++) {
    const a = s.awaiting;
    if (!a) s = reduceExercise(ex, s, { input: ' ' });
    else if (a.stage === 'handover') s = reduceExercise(ex, s, { input: '', return: true });
    else if (a.queue[0]!.kind === 'response' && a.stage === 'choose') s = reduceExercise(ex, s, { input: 'n' });
    else s = reduceExercise(ex, s, { input: '1' });
  }
  return s;
}

/** Play to the end, answering every menu with the first option (or reject), firing one inject by hand. */
function playThrough(): ExerciseUi {
  let s = startExercise(ex, ['japan', 'russia']);
  s = reduceExercise(ex, s, { input: 'i' });
  s = reduceExercise(ex, s, { input: '1' });
  return playFor(s);
}

describe('an exercise at one terminal', () => {
  it('hands the keyboard over before each role’s decision, then shows only that role’s confidential briefing', async () => {
    const { lastFrame, stdin } = render(<ExerciseApp ex={ex} roles={['japan', 'russia']} />);
    stdin.write(' ');
    const handover = await frameWith(lastFrame, /Pass the keyboard to (Japan|Russia)\./);
    const who = /Pass the keyboard to (Japan|Russia)/.exec(handover)![1]!;
    stdin.write('\r');
    const frame = await frameWith(lastFrame, `Confidential — ${who} only`);
    if (who === 'Japan') {
      expect(frame).toContain('Washington wants you to keep sanctions on Russia');
      expect(frame).not.toContain('sacrilege');
    } else {
      expect(frame).toContain('sacrilege');
      expect(frame).not.toContain('Washington wants you to keep sanctions');
    }
  });

  it('i lists the instructor’s injects; a fired one takes effect at the start of the next quarter', async () => {
    const { lastFrame, stdin } = render(<ExerciseApp ex={ex} roles={['japan']} />);
    stdin.write('i');
    await frameWith(lastFrame, '1 The US President calls Tokyo');
    stdin.write('1');
    await frameWithout(lastFrame, 'Instructor injects');
  });

  it('a game played to the end at the keyboard is replayed exactly by its transcript', () => {
    const s = playThrough();
    expect(s.session.done).toBe(true);
    expect(s.choices.length).toBeGreaterThan(8);
    expect(s.injects).toEqual([{ id: 'us-pressure-call', turn: 1 }]);
    const t = playExercise(ex, ['japan', 'russia'], choicesDecider(s.choices), 'interactive', s.injects, ex.data.seed);
    expect(JSON.stringify(t.log)).toBe(JSON.stringify(s.session.log));
    expect(t.decisions.filter((d) => d.by === 'player').length).toBe(s.choices.length);
  });
});

describe('a game left early', () => {
  it('plays on from its saved decisions and injects exactly where the class left it, and to the same end', () => {
    let s = startExercise(ex, ['japan', 'russia']);
    s = reduceExercise(ex, s, { input: 'i' });
    s = reduceExercise(ex, s, { input: '1' });
    s = playFor(s, 4);
    expect(s.choices).toHaveLength(4);
    const saved = { choices: s.choices, injects: s.injects };
    const resumed = startExercise(ex, ['japan', 'russia'], ex.data.seed, saved);
    expect(JSON.stringify(resumed.session.log)).toBe(JSON.stringify(s.session.log));
    expect(resumed.session.t).toBe(s.session.t);
    expect(resumed.choices).toEqual(s.choices);
    // Both games, played on the same way, end the same way.
    const a = playFor(s, 1000);
    const b = playFor(resumed, 1000);
    expect(b.session.done).toBe(true);
    expect(JSON.stringify(b.session.log)).toBe(JSON.stringify(a.session.log));
  });

  it('refuses decisions that do not fit the game: another role asked, or an option the game does not offer', async () => {
    const { ResumeMismatch } = await import('../src/play-state.js');
    const s = playFor(startExercise(ex, ['japan', 'russia']), 1);
    const first = s.choices[0]!;
    const other = first.role === 'japan' ? 'russia' : 'japan';
    expect(() => startExercise(ex, ['japan', 'russia'], ex.data.seed, { choices: [{ ...first, role: other }], injects: [] })).toThrow(
      ResumeMismatch,
    );
    expect(() =>
      startExercise(ex, ['japan', 'russia'], ex.data.seed, { choices: [{ ...first, kind: first.kind, chosen: 98 }], injects: [] }),
    ).toThrow(/option 99 is not one the game offers here/);
  });
});
