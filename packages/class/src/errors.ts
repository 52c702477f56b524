/**
 * Every message a class's server sends back for a request it cannot carry out is one of these: a
 * team's or the instructor's mistake (a stale page, a package no leader could sell, a malformed
 * message), said in one line, never a crash.
 */
export class ClassError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClassError';
  }
}
