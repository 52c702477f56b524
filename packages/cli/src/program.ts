import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LoadedScenario, loadScenarioFile, ScenarioError } from '@parley/scenario';
import { Command, CommanderError, Option } from 'commander';
import { parseCount, parseSeed, userCwd } from './args.js';
import { distributionCommand } from './commands/distribution.js';
import { explainCommand } from './commands/explain.js';
import { runCommand } from './commands/run.js';
import { provenanceCommand } from './commands/validate.js';
import { EXIT_USAGE, UsageError } from './errors.js';

export const FLAGSHIP = fileURLToPath(new URL('../../../scenarios/kuril/2016-nagato.yaml', import.meta.url));

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

/** Load a scenario named as the user named it (relative to where they ran the command), shown the same way in messages. */
const load = (file: string, sets: readonly string[] = []): LoadedScenario => {
  const cwd = userCwd();
  const shown = relative(cwd, resolve(cwd, file));
  return loadScenarioFile(shown.startsWith('..') ? resolve(cwd, file) : shown, { sets, cwd });
};

const collect = (value: string, previous: string[]): string[] => [...previous, value];
/** `--set path=value`, repeatable: overrides a scenario field, validated like the file. */
const setOption = (): Option =>
  new Option('--set <path=value>', 'override a scenario field, e.g. actors.russia.walkAwayMargin=0.07 (repeatable)')
    .argParser(collect)
    .default([]);

function build(io: Io): Command {
  const program = new Command('parley')
    .description('Parley: simulate diplomatic negotiations from scenario files')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showSuggestionAfterError(true);

  program
    .command('run')
    .description('simulate one run and print its narrated transcript')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .requiredOption('--seed <n>', 'random seed (whole number)', parseSeed)
    .addOption(
      new Option('--run <index>', 'run index within a batch (reproduces run I of a batch)')
        .argParser(parseCount('--run', 0, Number.MAX_SAFE_INTEGER))
        .default(0),
    )
    .option('--json', 'print the structured event log and final state as JSON', false)
    .addOption(setOption())
    .action((file: string, o: { seed: number; run: number; json: boolean; set: string[] }) => io.out(runCommand(load(file, o.set), o)));

  program
    .command('distribution')
    .description('run a scenario many times in this process and print its outcome distribution')
    .argument('<scenario>', 'scenario file')
    .addOption(new Option('--runs <n>', 'number of runs').argParser(parseCount('--runs', 1, 1_000_000)).default(1000))
    .addOption(new Option('--seed <n>', 'random seed').argParser(parseSeed).default(1))
    .addOption(setOption())
    .action((file: string, o: { runs: number; seed: number; set: string[] }) => io.out(distributionCommand(load(file, o.set), o)));

  program
    .command('demo')
    .description('the tour: a narrated run of the flagship scenario, then its outcome distribution')
    .argument('[scenario]', 'scenario file', FLAGSHIP)
    .addOption(new Option('--seed <n>', 'random seed').argParser(parseSeed).default(7))
    .addOption(new Option('--runs <n>', 'runs in the distribution').argParser(parseCount('--runs', 1, 1_000_000)).default(1000))
    .addOption(setOption())
    .action((file: string, o: { seed: number; runs: number; set: string[] }) => {
      const sc = load(file, o.set);
      io.out(runCommand(sc, { seed: o.seed, run: 0, json: false }));
      io.out('\n');
      io.out(distributionCommand(sc, { seed: o.seed, runs: o.runs }));
      io.out(
        `\nReplay any run: pnpm parley run ${file === FLAGSHIP ? 'scenarios/kuril/2016-nagato.yaml' : file} --seed ${o.seed} --run <I>\n`,
      );
    });

  program
    .command('validate')
    .description('check scenario files; report every problem as file:line:col  path  message')
    .argument('<files...>', 'scenario files')
    .option('--provenance', 'also require a source or an assumption for every value, and check quotes against the articles', false)
    .addOption(setOption())
    .action((files: string[], o: { provenance: boolean; set: string[] }) => {
      let failed = false;
      for (const f of files) {
        try {
          const sc = load(f, o.set);
          if (o.provenance) {
            const rep = provenanceCommand(sc);
            io.out(rep.text);
            failed ||= !rep.ok;
          } else io.out(`${sc.file}: ok\n`);
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          io.err(`${e.message}\n`);
          failed = true;
        }
      }
      if (failed) throw new CommanderError(EXIT_USAGE, 'parley.validate', '');
    });

  program
    .command('explain')
    .description("describe a scenario for a reader: each actor's utility weights with their sources, its moves and offers, and the events")
    .argument('<scenario>', 'scenario file')
    .addOption(setOption())
    .action((file: string, o: { set: string[] }) => io.out(explainCommand(load(file, o.set))));

  return program;
}

/** Run the CLI; returns the exit code. User mistakes print one clear line each and return 2. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const program = build(io);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      io.err(`parley: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof ScenarioError) {
      io.err(`${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
