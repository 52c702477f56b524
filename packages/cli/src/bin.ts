#!/usr/bin/env node
import { printable } from '@parley/scenario';
import { main } from './program.js';

// A reader that stops early (`parley … | head`) closes the pipe: stop quietly, as other command-line tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

// Everything printed passes through printable(): a control character from a file name, a scenario or a
// --set value is shown as \u001b and so on, never acted on by the terminal. Parley's own output needs
// none (its progress bar redraws with a carriage return).
const io = {
  out: (s: string) => void process.stdout.write(printable(s)),
  err: (s: string) => void process.stderr.write(printable(s)),
  tty: process.stderr.isTTY === true,
  interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Not a user's mistake: a bug. Say so, with the stack, and exit 1.
    process.stderr.write(
      printable(`parley: internal error — please report it with the command you ran\n${(e as Error)?.stack ?? String(e)}\n`),
    );
    process.exitCode = 1;
  },
);
