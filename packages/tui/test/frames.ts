import { vi } from 'vitest';

/**
 * The rendered frame once `ok` holds of it. Ink renders after a key is handled, some time later
 * on a busy or slow machine: this waits for the frame a person would see, however long that takes
 * (bounded by the test's timeout), instead of sleeping a fixed time and hoping.
 */
export async function frameWhere(lastFrame: () => string | undefined, ok: (frame: string) => boolean, what: string): Promise<string> {
  return vi.waitFor(
    () => {
      const frame = lastFrame() ?? '';
      if (!ok(frame)) throw new Error(`the screen never showed ${what}; it was:\n${frame}`);
      return frame;
    },
    { timeout: 50_000, interval: 5 },
  );
}

/** The frame once it contains `text` (a string or a pattern). */
export const frameWith = (lastFrame: () => string | undefined, text: string | RegExp): Promise<string> =>
  frameWhere(lastFrame, (f) => (typeof text === 'string' ? f.includes(text) : text.test(f)), String(text));

/** The frame once it no longer contains `text`. */
export const frameWithout = (lastFrame: () => string | undefined, text: string | RegExp): Promise<string> =>
  frameWhere(lastFrame, (f) => (typeof text === 'string' ? !f.includes(text) : !text.test(f)), `no ${String(text)}`);
