import { fileURLToPath } from 'node:url';
import type { LogEvent, Model } from '@parley/core';
import { simulate } from '@parley/engine';
import { type LoadedScenario, loadScenarioFile } from '@parley/scenario';

export const FLAGSHIP_PATH = fileURLToPath(new URL('../../scenarios/kuril/2016-nagato.yaml', import.meta.url));

let cached: LoadedScenario | null = null;
export function flagship(): LoadedScenario {
  cached ??= loadScenarioFile(FLAGSHIP_PATH);
  return cached;
}

/** A run's log, with the scenario's hash as the seed key. */
export function runLog(m: Model, seed: number, run = 0, key = flagship().hash): { log: LogEvent[]; result: ReturnType<typeof simulate> } {
  const log: LogEvent[] = [];
  const result = simulate(m, { scenarioKey: key, seed, run, emit: (e) => log.push(e) });
  return { log, result };
}

/** A copy of the model with some fields replaced (for what-ifs in tests). */
export function withActorWeight(m: Model, actorId: string, dimension: number, value: number): Model {
  return {
    ...m,
    actors: m.actors.map((a) => (a.id === actorId ? { ...a, weights: a.weights.map((w, d) => (d === dimension ? value : w)) } : a)),
  };
}
