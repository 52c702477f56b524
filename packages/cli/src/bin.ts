#!/usr/bin/env node
import { main } from './program.js';

// A reader that stops early (`parley … | head`) closes the pipe: stop quietly, as other command-line tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const io = {
  out: (s: string) => void process.stdout.write(s),
  err: (s: string) => void process.stderr.write(s),
  tty: process.stderr.isTTY === true,
  interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
};

main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // Not a user's mistake: a bug. Say so, with the stack, and exit 1.
    process.stderr.write(`parley: internal error — please report it with the command you ran\n${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
