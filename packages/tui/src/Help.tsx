import { Box, Text } from 'ink';
import { colour } from './theme.js';

const KEYS: readonly [string, string][] = [
  ['↑ ↓  j k', 'choose a scenario'],
  ['enter', 'open it in the run view'],
  ['p', 'step one phase'],
  ['space  n', 'step one quarter'],
  ['e', 'run to the end'],
  ['s', 'restart with a new seed'],
  ['r', 'restart with the same seed'],
  ['c', 'play a country (again: the next one; then watch)'],
  ['1-9  y n', 'answer your decision: an option; accept or reject'],
  ['h', 'show or hide the hints in your menus'],
  ['↑ ↓  pgup pgdn', 'scroll the log, your menu or the utilities (in “why”: pgup pgdn)'],
  ['w', 'why: the options behind the last decision (↑↓ for others)'],
  ['u', 'each actor’s utility, dimension by dimension'],
  ['d', 'the distribution of 2,000 runs, with this run marked'],
  ['u (in it)', 'the distribution over what we don’t know too: the uncertain numbers drawn'],
  ['esc  b', 'back to the scenarios'],
  ['?', 'show or hide this help'],
  ['q', 'quit'],
];

/** A table of keys and what they do (the run view's, or another view's own). */
export function Help({ keys = KEYS, title = 'Keys' }: { keys?: readonly [string, string][]; title?: string }) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={colour('cyan')} paddingX={1}>
      <Text bold>{title}</Text>
      {keys.map(([k, what]) => (
        <Text key={k}>
          <Text color={colour('cyan')}>{k.padEnd(16)}</Text>
          {what}
        </Text>
      ))}
    </Box>
  );
}
