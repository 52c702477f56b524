import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { diagnose } from './diagnose.js';
import { pathString, ScenarioError, type ScenarioIssue } from './issues.js';
import { type LoadedScenario, loadScenarioFile, readScenarioText } from './load.js';
import { locate } from './locate.js';
import { Effect, Source } from './schema.js';
import { checkText } from './text-check.js';
import { parseYaml } from './yaml-source.js';

/**
 * A teaching exercise: a scenario played for a number of quarters by students in some
 * roles (AI plays the rest), with public and confidential briefings drawn from the
 * sources, objectives, instructor injects and discussion questions.
 */
const Cited = z.strictObject({ text: z.string().min(3), source: Source.optional(), assumption: z.string().min(3).optional() });

export const Role = z.strictObject({
  public: z.string().min(3).describe('What every player may read'),
  confidential: z.array(Cited).min(1).describe('Shown only to this role, on its turn: each point cites a source'),
  objectives: z.array(z.string().min(3)).min(1),
  scoring: z
    .enum(['utility', 'treaty', 'no-concession'])
    .default('utility')
    .describe("utility: the role's final utility; treaty: 1 if a treaty is signed; no-concession: 1 if no territory changes hands"),
  played: z
    .boolean()
    .default(true)
    .describe(
      'Played by people by default (at one keyboard, `parley exercise`); false: the AI plays it unless a class team takes its seat',
    ),
});

export const Inject = z.strictObject({
  label: z.string().min(3),
  turn: z.int().min(1).max(400).optional().describe('Fires at the start of this turn; without it the instructor fires it during play'),
  summit: z.boolean().default(false),
  effects: z.array(Effect).default([]),
  source: Source.optional(),
  assumption: z.string().min(3).optional(),
});

export const Exercise = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: z.string().min(3),
  scenario: z.string().min(1).describe('The scenario file, relative to this file'),
  minutes: z.int().min(5).max(600).default(50),
  turns: z.int().min(1).max(400).describe('Quarters played'),
  seed: z.int().min(0).default(1),
  roles: z.record(z.string(), Role).refine((r) => Object.keys(r).length > 0, 'at least one role'),
  injects: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), Inject).default({}),
  questions: z.array(z.string().min(3)).min(1),
});

export type ExerciseFile = z.infer<typeof Exercise>;

export interface LoadedExercise {
  readonly file: string;
  readonly data: ExerciseFile;
  /** The scenario with the injects added as events `inject-<id>` and its horizon cut to the exercise's turns. */
  readonly scenario: LoadedScenario;
  /** Role ids → actor indices. */
  readonly roles: Readonly<Record<string, number>>;
  /** Inject ids → event indices in the scenario's model. */
  readonly injects: Readonly<Record<string, number>>;
}

/** Read an exercise file and its scenario; every problem is reported located, in the file where it is. */
export function loadExercise(file: string, cwd = process.cwd()): LoadedExercise {
  const text = readScenarioText(resolve(cwd, file), file);
  const src = parseYaml(text, file);
  if (Array.isArray(src)) throw new ScenarioError(src.map((p) => ({ file, ...p, path: '' })));
  const layers = [{ kind: 'file' as const, src }];
  const parsed = Exercise.safeParse(src.raw, { reportInput: true });
  const issues: ScenarioIssue[] = [];
  const report = (path: readonly (string | number)[], message: string, key?: string): void => {
    issues.push({ ...locate(layers, path, key), path: pathString(key ? [...path, key] : path), message });
  };
  for (const t of checkText(src.raw)) report(t.path, t.message);
  if (!parsed.success) for (const d of diagnose(Exercise, src.raw, parsed.error.issues)) report(d.path, d.message, d.key);
  if (issues.length > 0 || !parsed.success) throw new ScenarioError(issues);
  const data = parsed.data;
  // Relative to the exercise file; an absolute path is followed as written.
  const scenarioPath = isAbsolute(data.scenario) ? data.scenario : join(dirname(file), data.scenario);
  // The injects become events of the scenario, so its own compiler checks and compiles their effects.
  const start = loadScenarioFile(scenarioPath, { cwd }).data.start;
  const [y, q] = start.split('Q').map(Number) as [number, number];
  const quarterOf = (turn: number): string => {
    const k = y * 4 + (q - 1) + turn - 1;
    return `${Math.floor(k / 4)}Q${(k % 4) + 1}`;
  };
  const sets = [`horizon=${data.turns}`];
  for (const [id, inj] of Object.entries(data.injects)) {
    const event = {
      label: inj.label,
      ...(inj.turn !== undefined ? { at: quarterOf(inj.turn) } : { hazard: { value: 0, assumption: 'fired by the instructor' } }),
      summit: inj.summit,
      effects: inj.effects,
      ...(inj.source ? { source: inj.source } : {}),
      assumption: inj.assumption ?? `an inject of exercise ${data.id}`,
    };
    sets.push(`events.inject-${id}=${JSON.stringify(event)}`);
  }
  let scenario: LoadedScenario;
  try {
    scenario = loadScenarioFile(scenarioPath, { cwd, sets });
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    // An inject's bad effect is reported at the inject in the exercise file.
    throw new ScenarioError(
      e.issues.map((i) => {
        const m = /^events\.inject-([a-z0-9-]+)(.*)$/.exec(i.path);
        if (!m) return i;
        const rest = m[2]!
          .replace(/^\./, '')
          .split(/[.[\]]+/)
          .filter(Boolean)
          .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        const path = ['injects', m[1]!, ...rest];
        return { ...locate(layers, path), path: pathString(path), message: i.message };
      }),
    );
  }
  const m = scenario.model;
  const roles: Record<string, number> = {};
  for (const id of Object.keys(data.roles)) {
    const k = m.actors.findIndex((a) => a.id === id);
    if (k < 0) report(['roles'], `unknown actor "${id}": expected one of ${m.actors.map((a) => a.id).join(', ')}`, id);
    roles[id] = k;
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  const injects = Object.fromEntries(Object.keys(data.injects).map((id) => [id, m.events.findIndex((e) => e.id === `inject-${id}`)]));
  return { file, data, scenario, roles, injects };
}
