import { Box, Text, useApp, useInput, useStdin, useStdout } from 'ink';
import { useEffect, useReducer, useState } from 'react';
import { Browser } from './Browser.js';
import type { Entry } from './catalog.js';
import { Help } from './Help.js';
import { RunView } from './RunView.js';
import { initialUi, type KeyPress, reduce, type UiState } from './state.js';
import { colour } from './theme.js';

export interface AppProps {
  readonly entries: readonly Entry[];
  /** First seed of the run view (each `s` moves to the next). */
  readonly seed?: number;
}

/** The terminal size, kept up to date on resize. */
function useSize(): { width: number; height: number } {
  const { stdout } = useStdout();
  const read = () => ({ width: stdout.columns || 80, height: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  });
  return size;
}

/** Keys, only where the terminal can deliver them (ink's useInput throws without raw mode). */
function Keys({ onKey }: { onKey: (input: string, key: Omit<KeyPress, 'input'>) => void }) {
  useInput((input, key) => onKey(input, key));
  return null;
}

export function App({ entries, seed = 1 }: AppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { width, height } = useSize();
  const [ui, dispatch] = useReducer((s: UiState, key: KeyPress) => reduce(entries, seed, s, key), initialUi);
  const onKey = (input: string, key: Omit<KeyPress, 'input'>) => {
    if (input === 'q' && !ui.help) exit();
    else dispatch({ input, ...key });
  };
  const bodyHeight = height - 1;
  const run = ui.run;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {isRawModeSupported ? <Keys onKey={onKey} /> : null}
      <Text wrap="truncate">
        <Text bold color={colour('cyan')}>
          Parley
        </Text>
        <Text dimColor>
          {run ? '  p phase · space quarter · e end · s new seed · esc back · ? help · q quit' : '  ↑↓ choose · enter run · ? help · q quit'}
        </Text>
      </Text>
      {ui.help ? (
        <Help />
      ) : run ? (
        <RunView session={run.session} title={entries[run.entry]!.sc!.data.title} width={width} height={bodyHeight} />
      ) : (
        <Browser entries={entries} selected={ui.selected} width={width} height={bodyHeight} />
      )}
    </Box>
  );
}
