/**
 * An argument as a POSIX shell reads it back unchanged: bare when it holds only safe characters,
 * otherwise in single quotes (a quote inside becomes '\''). A printed command line built from
 * these runs `parley` and nothing else when pasted, whatever a file name or a --set value holds.
 */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line of quoted arguments. */
export const shellLine = (args: readonly string[]): string => args.map(shellQuote).join(' ');

/** `pnpm parley run FILE --seed S --run I [--set …]` for run I of a batch, every argument quoted. */
export function reproduceCommand(file: string, seed: number, run: number | '<I>', sets: readonly string[]): string {
  const args = ['pnpm', 'parley', 'run', file, '--seed', String(seed), '--run', String(run), ...sets.flatMap((s) => ['--set', s])];
  return args.map((a) => (a === '<I>' ? a : shellQuote(a))).join(' ');
}
