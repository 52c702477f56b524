import { resolve } from 'node:path';
import { writeAtomic } from '@parley/batch';
import { narrateEvent } from '@parley/engine';
import { type LoadedExercise, loadExercise, parseYamlFile, readScenarioText, ScenarioError } from '@parley/scenario';
import {
  aiDecides,
  analyse,
  choicesDecider,
  debriefHtml,
  debriefMarkdown,
  IllegalMove,
  loadMoves,
  playExercise,
  replay,
  scriptedDecider,
  TRANSCRIPT_SCHEMA,
  type Transcript,
} from '@parley/teaching';
import { UsageError } from '../errors.js';
import type { Terminal } from './batch.js';

export interface ExerciseOptions {
  readonly role: string[];
  readonly auto: boolean;
  readonly moves?: string;
  readonly seed?: number;
  readonly inject: string[];
  readonly out?: string;
}

function transcriptMarkdown(ex: LoadedExercise, t: Transcript): string {
  const m = ex.scenario.model;
  return [
    `# Transcript: ${t.exercise.title}`,
    '',
    `Players: ${t.players.join(', ')} (${t.mode}); seed ${t.seed}. Outcome: ${t.outcome}${t.treatyQuarter ? ` (treaty ${t.treatyQuarter})` : ''}.`,
    '',
    '## Decisions',
    '',
    ...t.decisions.map((d) => `- ${d.quarter} ${d.role} ${d.kind}: **${d.choice}** (${d.by}; ${d.options.length} options)`),
    '',
    '## Events',
    '',
    '```',
    ...t.log.map((e) => narrateEvent(m, e)),
    '```',
    '',
  ].join('\n');
}

/** `parley exercise`: play an exercise at this terminal (hot-seat), or without one by script or by AI; write its transcript. */
export async function exerciseCommand(file: string, o: ExerciseOptions, cwd: string, t: Terminal, interactive: boolean): Promise<void> {
  const ex = loadExercise(file, cwd);
  const players = o.role.length > 0 ? o.role : Object.keys(ex.data.roles);
  for (const r of players)
    if (!(r in ex.data.roles))
      throw new UsageError(`invalid --role "${r}": this exercise's roles are ${Object.keys(ex.data.roles).join(', ')}`);
  if (!o.auto && !o.moves) {
    if (!interactive)
      throw new UsageError(
        'playing an exercise needs a terminal; without one use --auto (the AI plays the roles) or --moves <file> (scripted)',
      );
    const { runExerciseTui } = await import('@parley/tui');
    const played = await runExerciseTui(ex, players);
    if (!played.session.done) {
      t.err('the game was left before its last turn: no transcript was written\n');
      return;
    }
    const transcript = playExercise(ex, players, choicesDecider(played.choices), 'interactive', played.injects, ex.data.seed);
    if (JSON.stringify(transcript.log) !== JSON.stringify(played.session.log))
      throw new Error('the transcript does not replay the game exactly');
    const name = o.out ?? `${ex.data.id}-transcript.json`;
    const out = resolve(cwd, name);
    writeAtomic(out, `${JSON.stringify(transcript, null, 2)}\n`);
    writeAtomic(`${out.replace(/\.json$/, '')}.md`, transcriptMarkdown(ex, transcript));
    t.err(`wrote ${name} and its Markdown; debrief it with: pnpm parley debrief ${name} --out debrief.html\n`);
    return;
  }
  const injects = o.inject.map((spec) => {
    const m = /^([a-z][a-z0-9-]*)@(\d+)$/.exec(spec);
    if (!m || !(m[1]! in ex.injects))
      throw new UsageError(`invalid --inject "${spec}": expected id@turn with id one of ${Object.keys(ex.injects).join(', ') || '(none)'}`);
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
  if (o.out) {
    const json = resolve(cwd, o.out);
    writeAtomic(json, `${JSON.stringify(transcript, null, 2)}\n`);
    writeAtomic(`${json.replace(/\.json$/, '')}.md`, md);
    t.err(`wrote ${o.out} and its Markdown\n`);
  } else t.out(md);
}

function readTranscript(file: string, cwd: string): Transcript {
  const src = parseYamlFile(readScenarioText(resolve(cwd, file), file), file);
  const x = src.raw as Transcript;
  if (x?.schema !== TRANSCRIPT_SCHEMA || !Array.isArray(x.log) || !Array.isArray(x.decisions))
    throw new ScenarioError([
      { file, line: 1, col: 1, path: 'schema', message: `not a Parley transcript (expected schema "${TRANSCRIPT_SCHEMA}")` },
    ]);
  return x;
}

/** `parley replay`: play a transcript's game again and check that it happens exactly as recorded. */
export function replayCommand(file: string, exerciseFile: string | undefined, cwd: string, t: Terminal): void {
  const tr = readTranscript(file, cwd);
  const ex = loadExercise(exerciseFile ?? tr.exercise.file, cwd);
  try {
    replay(ex, tr);
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  t.out(`${file}: replayed exactly (${tr.log.length} events, ${tr.decisions.length} decisions, outcome ${tr.outcome})\n`);
}

/** `parley debrief`: the class's report from a transcript, as HTML and Markdown. */
export async function debriefCommand(
  file: string,
  o: { out?: string; exercise?: string; runs: number },
  cwd: string,
  t: Terminal,
): Promise<void> {
  const tr = readTranscript(file, cwd);
  const ex = loadExercise(o.exercise ?? tr.exercise.file, cwd);
  const a = analyse(ex, tr, { aiRuns: o.runs });
  const md = debriefMarkdown(ex, tr, a);
  if (!o.out) {
    t.out(md);
    return;
  }
  const html = resolve(cwd, o.out);
  writeAtomic(html, await debriefHtml(ex, tr, a));
  writeAtomic(`${html.replace(/\.html?$/, '')}.md`, md);
  t.err(`wrote ${o.out} and its Markdown\n`);
}
