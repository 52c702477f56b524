import { render } from 'ink';
import { App } from './App.js';
import { loadCatalog } from './catalog.js';

/**
 * Open the terminal UI on the scenarios under `root`. Whatever happens, the terminal is
 * given back as it was (cursor shown, raw mode off) before anything is printed.
 */
export async function runTui(root: string): Promise<void> {
  const entries = loadCatalog(root);
  const app = render(<App entries={entries} />, { exitOnCtrlC: true });
  const restore = () => {
    if (process.stdin.isTTY) process.stdin.setRawMode?.(false);
    process.stdout.write('\x1b[?25h');
  };
  try {
    await app.waitUntilExit();
  } catch (e) {
    app.unmount();
    restore();
    throw e;
  }
  restore();
}
