import { writeAtomic } from '@parley/batch';
import { firstProblem, ScenarioError } from '@parley/scenario';
import { transcriptJson, transcriptMarkdown } from '@parley/teaching';
import type { ClassGame } from './game.js';
import { type ClassRecord, ClassRecordFile } from './record.js';

/**
 * A class on disk: its record (`<name>.class.json`, enough to resume it exactly, and holding the
 * seat codes), and from the first decision on its transcript (`<name>.json`, sealed) with the
 * transcript's Markdown — all written atomically after every change, so a crash, a closed laptop
 * or a server restart loses nothing the class has seen.
 */

export interface ClassFiles {
  readonly record: string;
  readonly transcript: string;
  readonly markdown: string;
}

/** The files of a class saved as `base` (the transcript's path, ending in .json). */
export function classFiles(transcript: string): ClassFiles {
  const stem = transcript.replace(/\.json$/i, '');
  return { record: `${stem}.class.json`, transcript: `${stem}.json`, markdown: `${stem}.md` };
}

/** The transcript key last written for each class's files (a message or a hint leaves the transcript as it is). */
const written = new WeakMap<ClassFiles, string>();

/** Save the class: the record always; the transcript once the game has started, and again whenever the game moved. */
export function saveClass(g: ClassGame, f: ClassFiles): void {
  writeAtomic(f.record, `${JSON.stringify(g.record, null, 2)}\n`);
  if (g.record.status === 'lobby') return;
  const key = g.transcriptKey();
  if (written.get(f) === key) return;
  const t = g.transcript();
  writeAtomic(f.transcript, transcriptJson(t));
  writeAtomic(f.markdown, transcriptMarkdown(g.ex, t));
  written.set(f, key);
}

/** A `.class.json` read back: its structure checked, each problem one located line. */
export function readClassRecord(text: string, file: string): ClassRecord {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError([{ file, line: 0, col: 0, path: '', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` }]);
  }
  const parsed = ClassRecordFile.safeParse(raw);
  if (!parsed.success) throw firstProblem(ClassRecordFile, raw, parsed.error.issues, file, 'not a saved class');
  return parsed.data as ClassRecord;
}
