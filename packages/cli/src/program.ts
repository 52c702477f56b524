import { availableParallelism } from 'node:os';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchInputError, BatchRunError, OutputError, parseAxis, type Variants } from '@parley/batch';
import { type LoadedScenario, type LoadOptions, loadScenarioFile, ScenarioError } from '@parley/scenario';
import { Command, CommanderError, Option } from 'commander';
import { parseCount, parseSeed, userCwd } from './args.js';
import { parseExponent, parseHalfWidth, parseRows, parseShard } from './args-batch.js';
import { bargainGenius, bargainScenario } from './commands/bargain.js';
import { type BatchCliOptions, batchCommand, type Terminal } from './commands/batch.js';
import { type CalibrateCliOptions, calibrateCommand } from './commands/calibrate.js';
import { type ClassOptions, classCommand } from './commands/class.js';
import { type DiscoverCliOptions, discoverCommand } from './commands/discover.js';
import { distributionCommand } from './commands/distribution.js';
import { debriefCommand, type ExerciseOptions, exerciseCommand, replayCommand } from './commands/exercise.js';
import { compareCommand, sensitivityCommand, sobolCommand, sweepCommand } from './commands/experiments.js';
import { explainCommand } from './commands/explain.js';
import { type HindcastCliOptions, hindcastCommand } from './commands/hindcast.js';
import { mergeCommand } from './commands/merge.js';
import { type NegotiateOptions, negotiateCommand } from './commands/negotiate.js';
import { runCommand } from './commands/run.js';
import { provenanceCommand } from './commands/validate.js';
import { EXIT_USAGE, onlyFilter, UsageError } from './errors.js';

export const FLAGSHIP = fileURLToPath(new URL('../../../scenarios/kuril/2016-nagato.yaml', import.meta.url));

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** Whether stderr is a terminal (progress bars). */
  readonly tty?: boolean;
  /** Whether stdin and stdout are a terminal a person is at (the terminal UI can open). */
  readonly interactive?: boolean;
}

export const SCENARIOS = fileURLToPath(new URL('../../../scenarios/', import.meta.url));

/** The terminal UI, loaded only when it opens (ink and react are not needed by the other commands). */
async function openTui(root: string): Promise<void> {
  const { runTui } = await import('@parley/tui');
  await runTui(root);
}

/** A file as the user named it: relative to where they ran the command when it lies below it, else absolute. */
const shownPath = (file: string): string => {
  const cwd = userCwd();
  const rel = relative(cwd, resolve(cwd, file));
  return rel.startsWith('..') ? resolve(cwd, file) : rel;
};

/** Load a scenario named as the user named it, shown the same way in messages. */
const load = (file: string, sets: NonNullable<LoadOptions['sets']> = []): LoadedScenario =>
  loadScenarioFile(shownPath(file), { sets, cwd: userCwd() });

const terminal = (io: Io): Terminal => ({ out: io.out, err: io.err, tty: io.tty ?? false });

const collect = (value: string, previous: string[]): string[] => [...previous, value];
/** `--set path=value`, repeatable: overrides a scenario field, validated like the file. */
/** --force, as every command that writes files takes it. */
const forceOption = (): Option =>
  new Option('--force', 'replace output files that already exist (never an input of the command)').default(false);

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
    .addOption(new Option('--seed <n>', 'random seed (whole number)').argParser(parseSeed).default(1))
    .addOption(
      new Option('--run <index>', 'run index within a batch (reproduces run I of a batch)')
        .argParser(parseCount('--run', 0, Number.MAX_SAFE_INTEGER))
        .default(0),
    )
    .option('--json', 'print the structured event log and final state as JSON', false)
    .option(
      '--inspect',
      "also print the live run's actor events (the protocol asking each country, its answers) to stderr, one JSON line each",
      false,
    )
    .addOption(setOption())
    .action((file: string, o: { seed: number; run: number; json: boolean; inspect: boolean; set: string[] }) =>
      io.out(runCommand(load(file, o.set), { ...o, inspect: o.inspect ? (line) => io.err(`${line}\n`) : undefined })),
    );

  program
    .command('distribution')
    .description('run a scenario many times in this process and print its outcome distribution')
    .argument('<scenario>', 'scenario file')
    .addOption(new Option('--runs <n>', 'number of runs').argParser(parseCount('--runs', 1, 1_000_000)).default(1000))
    .addOption(new Option('--seed <n>', 'random seed').argParser(parseSeed).default(1))
    .addOption(setOption())
    .action((file: string, o: { runs: number; seed: number; set: string[] }) => io.out(distributionCommand(load(file, o.set), o)));

  program
    .command('hindcast')
    .description("score a scenario's dated facts from the sources (its hindcast targets) against the model and two baselines")
    .argument('<scenario>', 'scenario file with a hindcast: section')
    .addOption(
      new Option('--runs <n>', 'runs (and runs of each other scenario of its pack)')
        .argParser(parseCount('--runs', 1, 1_000_000))
        .default(2000),
    )
    .addOption(new Option('--seed <n>', 'random seed').argParser(parseSeed).default(1))
    .option('--out <dir>', 'write hindcast.json here')
    .addOption(forceOption())
    .addOption(setOption())
    .action((file: string, o: HindcastCliOptions) =>
      hindcastCommand(file, shownPath(file), o, userCwd(), (f, sets) => load(f, [...sets]), terminal(io)),
    );

  program
    .command('calibrate')
    .description(
      "a posterior over the scenario's uncertain numbers from its hindcast targets (approximate Bayesian computation); batch --posterior forecasts from it",
    )
    .argument('<scenario>', 'scenario file with a hindcast: section')
    .addOption(new Option('--points <n>', 'prior points drawn').argParser(parseCount('--points', 2, 1_000_000)).default(500))
    .addOption(
      new Option('--runs-per-point <n>', 'runs at each point (the same dice at every point)')
        .argParser(parseCount('--runs-per-point', 1, 1_000_000))
        .default(200),
    )
    .addOption(new Option('--seed <n>', 'random seed').argParser(parseSeed).default(1))
    .option('--until <quarter>', 'calibrate on targets dated up to this quarter; score the later ones as held out (e.g. 2019Q4)')
    .option('--only <regex>', 'draw only the uncertain numbers whose path matches')
    .option('--out <dir>', 'write posterior.json, posterior.csv and posterior.html here')
    .addOption(forceOption())
    .addOption(setOption())
    .action(async (file: string, o: CalibrateCliOptions) => {
      await calibrateCommand(file, shownPath(file), o, userCwd(), (f, sets) => load(f, [...sets]), terminal(io));
    });

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
          if (sc.hindcastProblems.length > 0) throw new ScenarioError(sc.hindcastProblems);
          if (o.provenance) {
            const rep = provenanceCommand(sc);
            io.err(rep.problems);
            io.out(rep.summary);
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
    .command('batch')
    .description(
      'run a scenario many times on all cores: outcome shares with 95% intervals, timing, quantiles, event paths; summary, rows and report with --out',
    )
    .argument('<scenario>', 'scenario file')
    .addOption(
      new Option('--runs <n>', 'number of runs (the most, with --until-ci)')
        .argParser(parseCount('--runs', 1, 100_000_000))
        .default(10_000),
    )
    .addOption(new Option('--seed <n>', 'random seed').argParser(parseSeed).default(1))
    .addOption(
      new Option('--workers <n>', 'worker threads (default: the number of cores, up to 8)').argParser(parseCount('--workers', 1, 256)),
    )
    .option('--out <dir>', 'write summary.json, summary.txt, report.html (and rows) here; with --shard, the partial file')
    .addOption(new Option('--rows <format>', 'also write one row per run: csv, jsonl or parquet (needs --out)').argParser(parseRows))
    .addOption(new Option('--until-ci <h>', 'stop once every outcome’s 95% interval half-width is at most h').argParser(parseHalfWidth))
    .addOption(
      new Option('--shard <i/n>', 'compute only the i-th of n slices of the runs, as a partial for parley merge').argParser(parseShard),
    )
    .option('--resume', 'continue the interrupted batch in --out', false)
    .option(
      '--uncertain',
      'also draw what we do not know: the scenario’s uncertain numbers from their plausible ranges, one point per block of runs (docs/uncertainty.md)',
      false,
    )
    .option('--posterior <dir>', 'forecast from a calibration: each block of runs takes a point of parley calibrate’s posterior, by weight')
    .addOption(
      new Option(
        '--points <n>',
        'with --uncertain or --posterior: how many parameter points (default: about the square root of --runs)',
      ).argParser(parseCount('--points', 1, 1_000_000)),
    )
    .addOption(forceOption())
    .addOption(
      new Option('--chunk-size <n>', 'runs per unit of work and checkpoint (part of the batch identity)')
        .argParser(parseCount('--chunk-size', 1, 1_000_000))
        .default(1000)
        .hideHelp(),
    )
    .addOption(
      new Option('--checkpoint-chunks <n>', 'write a checkpoint after every n chunks (default: every 2 seconds)')
        .argParser(parseCount('--checkpoint-chunks', 1, 1_000_000))
        .hideHelp(),
    )
    .addOption(setOption())
    .action(async (file: string, o: BatchCliOptions & { set: string[]; out?: string }) => {
      if (o.rows && !o.out) throw new UsageError('--rows needs --out (the directory to write the rows to)');
      if (o.shard && !o.out) throw new UsageError('--shard needs --out (the partial file to write)');
      if (o.points !== undefined && !o.uncertain && !o.posterior)
        throw new UsageError('--points needs --uncertain or --posterior (the points are parameter draws)');
      if (o.uncertain && o.posterior) throw new UsageError('--uncertain draws from the prior, --posterior from a calibration: give one');
      const code = await batchCommand(load(file, o.set), shownPath(file), userCwd(), o, terminal(io));
      if (code !== 0) throw new CommanderError(code, 'parley.batch', '');
    });

  program
    .command('merge')
    .description('combine the partials of a sharded batch into its summary (the same bytes as the unsharded batch)')
    .argument('<partials...>', 'partial files written by parley batch --shard')
    .option('--out <dir>', 'write summary.json, summary.txt and report.html here')
    .addOption(forceOption())
    .action(async (files: string[], o: { out?: string; force: boolean }) => {
      await mergeCommand(files, o.out, o.force, userCwd(), terminal(io));
    });

  const variants = (file: string, sets: string[]): Variants => {
    const base = load(file, sets);
    return { base, file: shownPath(file), cwd: userCwd(), load: (extra) => load(file, [...sets, ...extra]) };
  };
  const workersOption = (): Option =>
    new Option('--workers <n>', 'worker threads (default: the number of cores, up to 8)').argParser(parseCount('--workers', 1, 256));
  const defaultWorkers = (): number => Math.max(1, Math.min(availableParallelism(), 8));

  program
    .command('discover')
    .description(
      'scenario discovery: the region of the uncertain numbers where an outcome concentrates (PRIM boxes with coverage and density)',
    )
    .argument('<scenario>', 'scenario file')
    .option('--outcome <class>', 'treaty (any treaty) or an outcome class, e.g. suspended, cooperative', 'treaty')
    .addOption(new Option('--points <n>', 'points of the uncertain numbers').argParser(parseCount('--points', 20, 1_000_000)).default(2000))
    .addOption(
      new Option('--runs-per-point <n>', 'runs at each point').argParser(parseCount('--runs-per-point', 1, 1_000_000)).default(100),
    )
    .addOption(
      new Option('--min-coverage <share>', 'the reported box holds at least this share of the outcome').argParser(Number).default(0.5),
    )
    .addOption(new Option('--seed <n>', 'random seed').argParser(parseSeed).default(1))
    .addOption(workersOption())
    .option('--only <regex>', 'draw only the uncertain numbers whose path matches')
    .option('--out <dir>', 'write discovery.json and discovery.html here')
    .addOption(forceOption())
    .addOption(setOption())
    .action(async (file: string, o: DiscoverCliOptions & { set: string[] }) => {
      await discoverCommand(load(file, o.set), shownPath(file), userCwd(), o, o.workers ?? defaultWorkers(), terminal(io));
    });

  program
    .command('sweep')
    .description('outcome shares over a grid of one or two parameters (common random numbers across points)')
    .argument('<scenario>', 'scenario file')
    .requiredOption(
      '--param <path=low:high:step>',
      'a parameter and its range, e.g. actors.russia.walkAwayMargin=0:0.1:0.01 (once or twice)',
      collect,
      [],
    )
    .addOption(new Option('--runs <n>', 'runs per grid point').argParser(parseCount('--runs', 1, 10_000_000)).default(5000))
    .addOption(new Option('--seed <n>', 'random seed').argParser(parseSeed).default(1))
    .addOption(workersOption())
    .option('--out <dir>', 'write sweep.json, sweep.csv and sweep.svg here')
    .addOption(forceOption())
    .addOption(setOption())
    .action(
      async (
        file: string,
        o: { param: string[]; runs: number; seed: number; workers?: number; out?: string; set: string[]; force: boolean },
      ) => {
        if (o.param.length === 0 || o.param.length > 2)
          throw new UsageError('give --param once or twice (a sweep over one or two parameters)');
        const axes = o.param.map(parseAxis);
        await sweepCommand(variants(file, o.set), axes, { ...o, workers: o.workers ?? defaultWorkers() }, terminal(io));
      },
    );

  program
    .command('compare')
    .description('each outcome’s probability under A and B, and the difference with its 95% interval')
    .argument('<a>', 'scenario A')
    .argument('[b]', 'scenario B (default: A again, with --set-b overrides)')
    .addOption(new Option('--set-a <path=value>', 'an override for A only (repeatable)').argParser(collect).default([]))
    .addOption(new Option('--set-b <path=value>', 'an override for B only (repeatable)').argParser(collect).default([]))
    .addOption(new Option('--runs <n>', 'runs of each').argParser(parseCount('--runs', 1, 10_000_000)).default(20_000))
    .addOption(new Option('--seed <n>', 'random seed').argParser(parseSeed).default(1))
    .addOption(workersOption())
    .option('--independent', 'give A and B independent random streams (default: common random numbers, paired runs)', false)
    .option('--out <dir>', 'write compare.json, compare.csv and compare.svg here')
    .addOption(forceOption())
    .addOption(setOption())
    .action(
      async (
        fa: string,
        fb: string | undefined,
        o: {
          setA: string[];
          setB: string[];
          runs: number;
          seed: number;
          workers?: number;
          out?: string;
          set: string[];
          independent: boolean;
          force: boolean;
        },
      ) => {
        if (!fb && o.setA.length === 0 && o.setB.length === 0)
          throw new UsageError('compare needs two scenarios, or one with --set-a/--set-b overrides');
        const fileB = fb ?? fa;
        const label = (f: string, sets: string[]): string => `${shownPath(f)}${sets.map((x) => ` --set ${x}`).join('')}`;
        const flagged = (flag: string, sets: string[]) => sets.map((arg) => ({ arg, flag }));
        const a = { sc: load(fa, [...o.set, ...flagged('--set-a', o.setA)]), label: label(fa, o.setA), file: shownPath(fa) };
        const b = { sc: load(fileB, [...o.set, ...flagged('--set-b', o.setB)]), label: label(fileB, o.setB), file: shownPath(fileB) };
        await compareCommand(a, b, userCwd(), { ...o, workers: o.workers ?? defaultWorkers() }, terminal(io));
      },
    );

  program
    .command('sensitivity')
    .description(
      'rank the scenario’s numeric parameters by their effect on the treaty share (one-at-a-time tornado; Morris elementary effects with --morris; Sobol indices over the uncertain numbers with --sobol)',
    )
    .argument('<scenario>', 'scenario file')
    .addOption(new Option('--runs <n>', 'runs per variant').argParser(parseCount('--runs', 1, 10_000_000)).default(1000))
    .addOption(new Option('--seed <n>', 'random seed').argParser(parseSeed).default(1))
    .addOption(workersOption())
    .option('--only <regex>', 'only parameters whose path matches, e.g. "^actors\\.russia"')
    .addOption(
      new Option('--morris <r>', 'also compute Morris elementary effects over r trajectories').argParser(parseCount('--morris', 1, 100)),
    )
    .option(
      '--sobol',
      'global: Sobol first-order and total indices over the uncertain numbers and their ranges (docs/uncertainty.md)',
      false,
    )
    .addOption(
      new Option('--base-rows <n>', 'with --sobol: rows of Saltelli’s samples A and B (points: rows × (numbers + 2))')
        .argParser(parseCount('--base-rows', 2, 100_000))
        .default(64),
    )
    .addOption(
      new Option('--runs-per-point <n>', 'with --sobol: runs at each point, with the same dice at every point')
        .argParser(parseCount('--runs-per-point', 1, 1_000_000))
        .default(100),
    )
    .addOption(new Option('--top <n>', 'rows to print').argParser(parseCount('--top', 1, 10_000)).default(15))
    .option('--out <dir>', 'write sensitivity.json, sensitivity.csv and sensitivity.svg (with --sobol: sobol.json, .csv, .svg, .html) here')
    .addOption(forceOption())
    .addOption(setOption())
    .action(
      async (
        file: string,
        o: {
          runs: number;
          seed: number;
          workers?: number;
          only?: string;
          morris?: number;
          sobol: boolean;
          baseRows: number;
          runsPerPoint: number;
          top: number;
          out?: string;
          set: string[];
          force: boolean;
        },
      ) => {
        onlyFilter(o.only); // a bad pattern is refused before any run
        if (o.sobol) {
          if (o.morris) throw new UsageError('--sobol and --morris are two analyses: run them one at a time');
          await sobolCommand(variants(file, o.set), { ...o, workers: o.workers ?? defaultWorkers() }, terminal(io));
        } else await sensitivityCommand(variants(file, o.set), { ...o, workers: o.workers ?? defaultWorkers() }, terminal(io));
      },
    );

  program
    .command('bargain')
    .description('the bargaining space of a summit: every package, the Pareto frontier, the zone of agreement, Nash and Kalai–Smorodinsky')
    .argument('[scenario]', 'scenario file (or use --genius)')
    .option('--between <a,b>', 'the two actors (default: the claimant and the holder)')
    .option('--genius <domain.xml>', 'analyse a GENIUS negotiation domain instead of a scenario')
    .option('--profiles <files...>', 'the two GENIUS utility profiles')
    .option('--out <dir>', 'write bargain.json and bargain.svg here')
    .addOption(forceOption())
    .addOption(setOption())
    .action(
      async (
        file: string | undefined,
        o: { between?: string; genius?: string; profiles?: string[]; out?: string; set: string[]; force: boolean },
      ) => {
        if (o.genius) return bargainGenius(o.genius, o.profiles ?? [], o, userCwd(), terminal(io));
        if (!file) throw new UsageError('give a scenario file, or --genius <domain.xml> --profiles <a.xml> <b.xml>');
        return bargainScenario(load(file, o.set), o.between, o, userCwd(), terminal(io));
      },
    );

  program
    .command('exercise')
    .description('play a teaching exercise: at this terminal (hot-seat), or scripted (--moves) or by the AI (--auto); writes a transcript')
    .argument('<file>', 'exercise file (scenarios/exercises/…)')
    .option('--role <role...>', 'the roles played (default: all the exercise’s roles)', [])
    .option('--auto', 'let the AI play the roles (instructor previews, tests)', false)
    .option('--moves <file>', 'play the decisions listed in this file')
    .addOption(new Option('--seed <n>', 'random seed (default: the exercise’s)').argParser(parseSeed))
    .option('--inject <id@turn...>', 'fire an instructor inject at the start of a turn', [])
    .option(
      '--out <transcript.json>',
      'write the transcript (JSON, and Markdown beside it); a game at this terminal is saved beside it as it goes (.game.json)',
    )
    .option('--resume <game.json>', 'play on a game left early, from the .game.json it saved')
    .addOption(forceOption())
    .action((file: string, o: ExerciseOptions) => exerciseCommand(file, o, userCwd(), terminal(io), io.interactive === true));

  program
    .command('replay')
    .description('play a transcript again and check it happens exactly as recorded')
    .argument('<transcript>', 'transcript JSON written by parley exercise')
    .option('--exercise <file>', 'the exercise file (default: the one the transcript names)')
    .action((file: string, o: { exercise?: string }) => replayCommand(file, o.exercise, userCwd(), terminal(io)));

  program
    .command('debrief')
    .description('the debrief report of a played exercise: timeline, results against AI play, turning points, bargaining space, questions')
    .argument('<transcript>', 'transcript JSON')
    .option('--out <debrief.html>', 'write HTML (and Markdown beside it); without it, print the Markdown')
    .addOption(forceOption())
    .option('--exercise <file>', 'the exercise file (default: the one the transcript names)')
    .addOption(new Option('--runs <n>', 'AI games to compare with').argParser(parseCount('--runs', 10, 100_000)).default(200))
    .action((file: string, o: { out?: string; exercise?: string; runs: number; force: boolean }) =>
      debriefCommand(file, o, userCwd(), terminal(io)),
    );

  program
    .command('class')
    .description(
      'run a class: a local server where each team plays its country from its own laptop and the instructor runs the room from a browser console',
    )
    .argument('<exercise>', 'exercise file (scenarios/exercises/…)')
    .option(
      '--host <address>',
      'the address to serve on: 127.0.0.1 (this computer only), lan (this machine’s LAN address), or an address',
      '127.0.0.1',
    )
    .addOption(new Option('--port <n>', 'the port (0: any free one)').argParser(parseCount('--port', 0, 65_535)).default(8080))
    .option('--out <transcript.json>', 'the transcript, saved after every change with the class beside it (.class.json) and Markdown')
    .option('--resume <class.json>', 'go on with a class after the server stopped: the same game, seats and codes')
    .addOption(new Option('--runs <n>', 'AI games the debrief compares with').argParser(parseCount('--runs', 10, 100_000)).default(200))
    .option('--no-qr', 'do not print the join address as a QR code')
    .addOption(forceOption())
    .action(async (file: string, o: ClassOptions) => {
      if (o.resume && o.out) throw new UsageError('--resume goes on with the files the class saved: leave out --out');
      const stop = new Promise<NodeJS.Signals>((done) => {
        for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => done(signal));
      });
      await classCommand(file, o, userCwd(), terminal(io), stop);
    });

  program
    .command('negotiate')
    .description('play a GENIUS negotiation domain: alternating offers against the computer (--play a|b), or the computer against itself')
    .requiredOption('--genius <domain.xml>', 'the GENIUS domain file')
    .requiredOption('--profiles <files...>', 'the two utility profiles (party a, party b)')
    .addOption(
      new Option('--play <party>', 'the party you play: a or b (reads your moves from the terminal, or piped lines)').choices(['a', 'b']),
    )
    .addOption(new Option('--rounds <n>', 'rounds before the deadline').argParser(parseCount('--rounds', 1, 1000)).default(10))
    .addOption(
      new Option('--tactic <e>', 'the computer’s concession exponent: below 1 concedes late (Boulware), above 1 early')
        .argParser(parseExponent)
        .default(0.5),
    )
    .action((o: NegotiateOptions) => negotiateCommand(o, userCwd(), terminal(io)));

  program
    .command('tui')
    .description('open the terminal UI: browse the scenarios and step through runs (the default on a terminal)')
    .argument('[folder]', 'folder of scenarios', SCENARIOS)
    .action(async (folder: string) => {
      if (!io.interactive) throw new UsageError('the terminal UI needs a terminal; for a text run try: pnpm parley demo');
      await openTui(resolve(userCwd(), folder));
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
/** An option given an empty value (`--out ''`, `--out=`): refused rather than read as "not given". */
function emptyOption(argv: readonly string[]): string | null {
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--') return null;
    if (/^--[a-z-]+=$/.test(a)) return a.slice(0, -1);
    if (/^--[a-z-]+$/.test(a) && argv[k + 1] === '') return a;
  }
  return null;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const program = build(io);
  if (argv.length === 0) {
    if (io.interactive) {
      await openTui(SCENARIOS);
      return 0;
    }
    io.out(program.helpInformation());
    io.out('\nNot a terminal, so the terminal UI did not open. For a narrated text run: pnpm parley demo\n');
    return 0;
  }
  try {
    const empty = emptyOption(argv);
    if (empty) throw new UsageError(`${empty} is empty: give it a value`);
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      if (e.code === 'parley.batch') return e.exitCode;
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
    if (e instanceof BatchInputError || e instanceof OutputError) {
      io.err(`parley: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof BatchRunError) {
      io.err(`parley: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
