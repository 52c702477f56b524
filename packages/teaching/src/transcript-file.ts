import { intact } from '@parley/batch';
import { firstProblem, parseYamlFile, ScenarioError } from '@parley/scenario';
import { z } from 'zod';
import { PackageSpecSchema } from './packages.js';
import { TRANSCRIPT_SCHEMA, type Transcript } from './transcript.js';

/**
 * A transcript as read back from a file: Parley wrote it, but anyone may have edited it since. Its
 * checksum must match (an edit or a damaged file is refused), and its structure is checked before
 * anything uses it (a missing field is one clear line, not a crash). What it claims about the game
 * is then established by replaying it (replay.ts), never taken from the file.
 */
const int = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const Decision = z.looseObject({
  turn: int,
  quarter: z.string(),
  role: z.string(),
  kind: z.enum(['move', 'offer', 'counter', 'response']),
  by: z.enum(['player', 'ai']),
  options: z.array(z.unknown()),
  chosen: z.int().min(-1).max(Number.MAX_SAFE_INTEGER),
  choice: z.string(),
  table: int.optional(),
});
const TranscriptFile = z.looseObject({
  schema: z.literal(TRANSCRIPT_SCHEMA),
  exercise: z.looseObject({ id: z.string(), title: z.string(), file: z.string().min(1) }),
  scenario: z.looseObject({ id: z.string(), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
  seed: int,
  players: z.array(z.string()),
  mode: z.enum(['auto', 'moves', 'interactive']),
  decisions: z.array(Decision),
  injects: z.array(z.looseObject({ id: z.string(), turn: int })),
  log: z.array(z.looseObject({ type: z.string(), t: int })),
  packages: z.array(PackageSpecSchema).max(1000).optional(),
  ended: z.object({ turn: int, steps: int }).optional(),
  turns: z.int().min(1).max(400).optional(),
  outcome: z.string(),
  treatyQuarter: z.string().nullable(),
  results: z.array(z.looseObject({ role: z.string(), utility: z.number(), score: z.number() })),
  checksum: z.string(),
});

const issue = (file: string, path: string, message: string) => new ScenarioError([{ file, line: 0, col: 0, path, message }]);

/** Read a transcript's text, refusing what Parley did not write or what was changed since. */
export function readTranscriptText(text: string, file: string): Transcript {
  const raw = parseYamlFile(text, file).raw as Record<string, unknown> | null;
  if (raw === null || typeof raw !== 'object' || raw.schema !== TRANSCRIPT_SCHEMA)
    throw issue(file, 'schema', `not a Parley transcript (expected schema "${TRANSCRIPT_SCHEMA}")`);
  if (!intact(raw)) throw issue(file, 'checksum', 'changed after Parley wrote it (its checksum does not match): it cannot be trusted');
  const parsed = TranscriptFile.safeParse(raw);
  if (!parsed.success) throw firstProblem(TranscriptFile, raw, parsed.error.issues, file, 'not a well-formed transcript');
  return raw as unknown as Transcript;
}
