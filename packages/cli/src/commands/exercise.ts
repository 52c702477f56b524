import { rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { writeAtomic } from '@parley/batch';
import { type LoadedExercise, loadExercise, readScenarioText } from '@parley/scenario';
import {
  aiDecides,
  analyse,
  choicesDecider,
  debriefHtml,
  debriefMarkdown,
  IllegalMove,
  loadMoves,
  playExercise,
  ReplayMismatch,
  readTranscriptText,
  replay,
  scriptedDecider,
  type Transcript,
  transcriptJson,
  transcriptMarkdown,
} from '@parley/teaching';
import type { SavedGame } from '@parley/tui';
import { UsageError } from '../errors.js';
import { companion, outputFiles } from '../outputs.js';
import type { Terminal } from './batch.js';

export interface ExerciseOptions {
  readonly role: string[];
  readonly auto: boolean;
  readonly moves?: string;
  readonly seed?: number;
  readonly inject: string[];
  readonly out?: string;
  readonly force: boolean;
  /** A game left early (the .game.json the exercise saved as it went), to play on. */
  readonly resume?: string;
}

export const GAME_SCHEMA = 'parley.exercise-game/1';

/** A game as the exercise saves it after every decision: enough to play it on exactly (SavedGame) and to check it is this game. */
interface GameFile extends SavedGame {
  readonly schema: typeof GAME_SCHEMA;
  readonly exercise: string;
  readonly players: readonly string[];
  readonly seed: number;
}

/** Read a saved game and check it belongs to this exercise, these roles and this seed. */
function readGame(file: string, cwd: string, ex: LoadedExercise, players: readonly string[]): GameFile {
  let g: Partial<GameFile>;
  try {
    g = JSON.parse(readScenarioText(resolve(cwd, file), file)) as Partial<GameFile>;
  } catch (e) {
    throw new UsageError(`--resume ${file}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const why =
    g?.schema !== GAME_SCHEMA
      ? `not a saved game (schema ${GAME_SCHEMA})`
      : g.exercise !== ex.data.id
        ? `it is a game of ${JSON.stringify(g.exercise)}, not of ${JSON.stringify(ex.data.id)}`
        : JSON.stringify(g.players) !== JSON.stringify(players)
          ? `it was played by ${g.players?.join(', ')}, not ${players.join(', ')} (give the same --role)`
          : g.seed !== ex.data.seed
            ? `it was played with seed ${g.seed}, the exercise now has ${ex.data.seed}`
            : !Array.isArray(g.choices) || !Array.isArray(g.injects)
              ? 'it has no decisions or injects'
              : null;
  if (why) throw new UsageError(`--resume ${file}: ${why}`);
  return g as GameFile;
}

/** `parley exercise`: play an exercise at this terminal (hot-seat), or without one by script or by AI; write its transcript. */
export async function exerciseCommand(file: string, o: ExerciseOptions, cwd: string, t: Terminal, interactive: boolean): Promise<void> {
  const ex = loadExercise(file, cwd);
  // By default the roles meant to be played at one keyboard; the others (played: false) are the AI's unless named.
  const players = o.role.length > 0 ? o.role : Object.entries(ex.data.roles).flatMap(([id, r]) => (r.played ? [id] : []));
  for (const r of players)
    if (!Object.hasOwn(ex.data.roles, r))
      throw new UsageError(`invalid --role ${JSON.stringify(r)}: this exercise's roles are ${Object.keys(ex.data.roles).join(', ')}`);
  // Checked before the game: a class must not play for an hour and then be told the transcript cannot be written.
  const inputs = [resolve(cwd, file), ...ex.scenario.paths, ...(o.moves ? [resolve(cwd, o.moves)] : [])];
  const defaultName = `${ex.data.id}-transcript.json`;
  const interactiveOut = !o.auto && !o.moves ? (o.out ?? defaultName) : o.out;
  if (o.resume && (o.auto || o.moves)) throw new UsageError('--resume plays on a game at this terminal: leave out --auto and --moves');
  // The game is saved beside the transcript after every decision; a resumed game keeps its own file.
  const gameFile = !o.auto && !o.moves ? (o.resume ?? companion(interactiveOut!, '.game.json')) : null;
  // Resuming the game saved beside this transcript: the transcript written when the class stopped is this game's, to be replaced.
  const ownTranscript =
    o.resume !== undefined &&
    interactiveOut !== undefined &&
    resolve(cwd, o.resume) === resolve(cwd, companion(interactiveOut, '.game.json'));
  const outs = interactiveOut
    ? outputFiles(
        interactiveOut,
        cwd,
        [basename(companion(interactiveOut, '.md')), ...(gameFile && !o.resume ? [basename(gameFile)] : [])],
        { inputs, force: o.force || ownTranscript },
      )
    : null;
  if (!o.auto && !o.moves) {
    // A saved game that is not this game's is refused before anything else.
    const saved = o.resume ? readGame(o.resume, cwd, ex, players) : undefined;
    if (!interactive)
      throw new UsageError(
        'playing an exercise needs a terminal; without one use --auto (the AI plays the roles) or --moves <file> (scripted)',
      );
    const savePath = resolve(cwd, gameFile!);
    const save = (game: SavedGame): void =>
      writeAtomic(
        savePath,
        `${JSON.stringify({ schema: GAME_SCHEMA, exercise: ex.data.id, players, seed: ex.data.seed, choices: game.choices, injects: game.injects }, null, 2)}\n`,
      );
    const { runExerciseTui, ResumeMismatch } = await import('@parley/tui');
    let played: Awaited<ReturnType<typeof runExerciseTui>>;
    try {
      played = await runExerciseTui(ex, players, { ...(saved ? { saved } : {}), onSave: save });
    } catch (e) {
      if (e instanceof ResumeMismatch) throw new UsageError(`--resume ${o.resume}: ${e.message}`);
      throw e;
    }
    // A game left early has its transcript too (as far as it went: the debrief works on it), and stays saved to play on.
    const early = !played.session.done;
    const transcript = playExercise(
      ex,
      players,
      choicesDecider(played.choices),
      'interactive',
      played.injects,
      ex.data.seed,
      early ? { steps: played.session.stepsTaken } : {},
    );
    if (JSON.stringify(transcript.log) !== JSON.stringify(played.session.log))
      throw new Error('the transcript does not replay the game exactly');
    writeAtomic(outs![0]!, transcriptJson(transcript));
    writeAtomic(outs![1]!, transcriptMarkdown(ex, transcript));
    const debrief = `debrief it with: pnpm parley debrief ${interactiveOut} --out debrief.html`;
    if (early) {
      t.err(
        `\nthe game was left at turn ${played.session.t + 1} of ${ex.data.turns}. Its transcript so far is in ${interactiveOut}; ${debrief}\nIt is saved in ${gameFile}: play on with: pnpm parley exercise ${file} --resume ${gameFile}\n`,
      );
      return;
    }
    // The transcript holds the whole game now: the saved game is no longer needed.
    rmSync(savePath, { force: true });
    t.err(`wrote ${interactiveOut} and its Markdown; ${debrief}\n`);
    return;
  }
  const injects = o.inject.map((spec) => {
    const m = /^([a-z][a-z0-9-]*)@(\d{1,6})$/.exec(spec);
    if (!m || !Object.hasOwn(ex.injects, m[1]!))
      throw new UsageError(
        `invalid --inject ${JSON.stringify(spec)}: expected id@turn with id one of ${Object.keys(ex.injects).join(', ') || '(none)'}`,
      );
    return { id: m[1]!, turn: Number(m[2]) };
  });
  const decider = o.moves
    ? scriptedDecider(loadMoves(o.moves, readScenarioText(resolve(cwd, o.moves), o.moves), ex, players), ex.scenario.model)
    : aiDecides;
  let transcript: Transcript;
  try {
    transcript = playExercise(ex, players, decider, o.moves ? 'moves' : 'auto', injects, o.seed ?? ex.data.seed);
  } catch (e) {
    if (e instanceof IllegalMove) throw new UsageError(e.message);
    throw e;
  }
  const md = transcriptMarkdown(ex, transcript);
  if (outs) {
    writeAtomic(outs[0]!, transcriptJson(transcript));
    writeAtomic(outs[1]!, md);
    t.err(`wrote ${o.out} and its Markdown\n`);
  } else t.out(md);
}

const readTranscript = (file: string, cwd: string): Transcript => readTranscriptText(readScenarioText(resolve(cwd, file), file), file);

/** A transcript's game, replayed from its exercise: the file's claims are checked against the game itself. */
function replayed(file: string, exerciseFile: string | undefined, cwd: string): { ex: LoadedExercise; tr: Transcript; again: Transcript } {
  const tr = readTranscript(file, cwd);
  const ex = loadExercise(exerciseFile ?? tr.exercise.file, cwd);
  try {
    return { ex, tr, again: replay(ex, tr) };
  } catch (e) {
    if (e instanceof ReplayMismatch) throw new UsageError(`${file} does not replay: ${e.message}`);
    throw e;
  }
}

/** `parley replay`: play a transcript's game again and check that it happens exactly as recorded. */
export function replayCommand(file: string, exerciseFile: string | undefined, cwd: string, t: Terminal): void {
  const { tr } = replayed(file, exerciseFile, cwd);
  t.out(`${file}: replayed exactly (${tr.log.length} events, ${tr.decisions.length} decisions, outcome ${tr.outcome})\n`);
}

/** `parley debrief`: the class's report from a transcript, as HTML and Markdown. */
export async function debriefCommand(
  file: string,
  o: { out?: string; exercise?: string; runs: number; force: boolean },
  cwd: string,
  t: Terminal,
): Promise<void> {
  const { ex, again: tr } = replayed(file, o.exercise, cwd);
  const transcript = resolve(cwd, file);
  const inputs = [transcript, companion(transcript, '.md'), resolve(cwd, o.exercise ?? tr.exercise.file), ...ex.scenario.paths];
  const outs = o.out ? outputFiles(o.out, cwd, [basename(companion(o.out, '.md'))], { inputs, force: o.force }) : null;
  const a = analyse(ex, tr, { aiRuns: o.runs });
  const md = debriefMarkdown(ex, tr, a);
  if (!outs) {
    t.out(md);
    return;
  }
  writeAtomic(outs[0]!, await debriefHtml(ex, tr, a));
  writeAtomic(outs[1]!, md);
  t.err(`wrote ${o.out} and its Markdown\n`);
}
