import { relative } from 'node:path';
import { findScenarioFiles, type LoadedScenario, loadScenarioFile, ScenarioError } from '@parley/scenario';

/** A scenario file as the browser shows it: loaded, or with the located errors that stop it loading. */
export interface Entry {
  readonly file: string;
  /** The path shown to the user (relative to the scenarios folder). */
  readonly name: string;
  readonly sc: LoadedScenario | null;
  readonly errors: readonly string[];
}

/** Every scenario under `root`; a broken file becomes an entry with its errors instead of stopping the list. */
export function loadCatalog(root: string): Entry[] {
  return findScenarioFiles(root).map((file) => {
    const name = relative(root, file);
    try {
      return { file, name, sc: loadScenarioFile(file), errors: [] };
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      return {
        file,
        name,
        sc: null,
        errors: e.issues.map((i) => `${i.line > 0 ? `${i.line}:${i.col}  ` : ''}${i.path ? `${i.path}  ` : ''}${i.message}`),
      };
    }
  });
}
