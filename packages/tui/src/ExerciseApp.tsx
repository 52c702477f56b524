import type { LoadedExercise } from '@parley/scenario';
import { Box, Text, useApp, useStdin } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import { type ExerciseUi, reduceExercise, type SavedGame, startExercise } from './exercise-state.js';
import { Help } from './Help.js';
import type { KeyPress } from './keypress.js';
import { Keys } from './keys.js';
import { wrapLine } from './panels.js';
import { RunView } from './RunView.js';
import { useSize } from './size.js';
import { colour } from './theme.js';

/** A class playing an exercise at one terminal: hot-seat turns, confidential briefs on each role's turn, instructor injects. */
export function ExerciseApp({
  ex,
  roles,
  saved,
  onExit,
  onSave,
}: {
  ex: LoadedExercise;
  roles: readonly string[];
  /** A game left early, to play on from where the class left it. */
  saved?: SavedGame;
  onExit?: (s: ExerciseUi) => void;
  /** Called with the game so far whenever a decision is made or an inject fired: the class's work, saved as it goes. */
  onSave?: (game: SavedGame) => void;
}) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const { width, height } = useSize();
  const [s, dispatch] = useReducer(
    (st: ExerciseUi, key: KeyPress) => reduceExercise(ex, st, key),
    undefined,
    () => startExercise(ex, roles, ex.data.seed, saved),
  );
  const latest = useRef(s);
  latest.current = s;
  useEffect(() => () => onExit?.(latest.current), [onExit]);
  useEffect(() => onSave?.({ choices: s.choices, injects: s.injects }), [s.choices, s.injects, onSave]);
  const onKey = (input: string, key: Omit<KeyPress, 'input'>) =>
    input === 'q' && !s.awaiting && !s.injectMenu && !s.overlay ? exit() : dispatch({ input, ...key });
  const m = ex.scenario.model;
  const point = s.awaiting?.queue[0];
  const role = point ? s.players.find((p) => p.actor === point.actor)!.role : null;
  const manual = Object.entries(ex.data.injects).filter(([, i]) => i.turn === undefined);
  const choosing = s.awaiting?.stage === 'choose' || s.awaiting?.stage === 'counter';
  const name = role ? m.actors[s.players.find((p) => p.role === role)!.actor]!.name : '';
  // The briefing wraps (it matters more than the log): its box takes what it needs, up to half the
  // screen; a longer one says so, and b shows it whole.
  const briefRows = role ? ex.data.roles[role]!.confidential.flatMap((c) => wrapLine(`• ${c.text}`, width - 4, '  ')) : [];
  const briefRoom = Math.max(3, Math.floor(height / 2) - 3);
  const briefShown = briefRows.length > briefRoom ? [...briefRows.slice(0, briefRoom - 1), '… (b: the whole briefing)'] : briefRows;
  const briefHeight = choosing && role ? briefShown.length + 3 : 0;
  const keys = `turn ${Math.min(s.session.t + 1, ex.data.turns)}/${ex.data.turns} · players: ${roles.join(', ')} · space quarter · i injects · h hints ${s.hints ? 'on' : 'off'} · ? keys · q quit`;
  const header = wrapLine(`${ex.data.title}  ${keys}`, width);
  const body = height - header.length;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {isRawModeSupported ? <Keys onKey={onKey} /> : null}
      {header.map((row, k) =>
        k === 0 && row.startsWith(ex.data.title) ? (
          <Text key={row}>
            <Text bold color={colour('cyan')}>
              {ex.data.title}
            </Text>
            <Text dimColor>{row.slice(ex.data.title.length)}</Text>
          </Text>
        ) : (
          <Text key={row} dimColor>
            {row}
          </Text>
        ),
      )}
      {s.overlay === 'help' ? (
        <Help keys={EXERCISE_KEYS} title="Keys (? or esc to go back)" />
      ) : s.overlay === 'briefing' && role ? (
        <Box flexDirection="column" borderStyle="round" borderColor={colour('yellow')} paddingX={1}>
          <Text bold color={colour('yellow')}>
            Confidential — {name} only (b or esc: back to the game)
          </Text>
          {briefRows.map((row, k) => (
            <Text key={`${k}:${row}`}>{row}</Text>
          ))}
        </Box>
      ) : s.awaiting?.stage === 'handover' && role ? (
        <Box flexDirection="column" borderStyle="double" borderColor={colour('yellow')} paddingX={2} paddingY={1} marginTop={2}>
          <Text bold>Pass the keyboard to {name}.</Text>
          <Text>Everyone else looks away: their confidential briefing comes next.</Text>
          <Text dimColor>Press enter when only they can see the screen.</Text>
        </Box>
      ) : s.injectMenu ? (
        <Box flexDirection="column" borderStyle="round" paddingX={1}>
          <Text bold>Instructor injects (they take effect at the start of the next quarter) — press a number, esc to close</Text>
          {manual.length === 0 ? <Text dimColor>This exercise has no injects to fire by hand.</Text> : null}
          {manual.map(([id, inj], k) => (
            <Text key={id}>
              {k + 1} {inj.label}
              {s.injects.some((x) => x.id === id) ? <Text color={colour('green')}> (fired)</Text> : null}
            </Text>
          ))}
        </Box>
      ) : (
        <>
          {briefHeight > 0 ? (
            <Box flexDirection="column" borderStyle="round" borderColor={colour('yellow')} paddingX={1} height={briefHeight}>
              <Text bold color={colour('yellow')}>
                Confidential — {name} only
              </Text>
              {briefShown.map((row, k) => (
                <Text key={`${k}:${row}`}>{row}</Text>
              ))}
            </Box>
          ) : null}
          <RunView
            session={s.session}
            title={ex.scenario.data.title}
            width={width}
            height={body - briefHeight}
            player={point?.actor ?? null}
            awaiting={point && s.awaiting && s.awaiting.stage !== 'handover' ? { point, stage: s.awaiting.stage } : null}
            hints={s.hints}
            scroll={s.scroll}
            status={point ? `${role} decides` : `playing: ${roles.join(', ')}`}
          />
        </>
      )}
    </Box>
  );
}

const EXERCISE_KEYS: readonly [string, string][] = [
  ['space  n', 'play on to the next quarter (or the next decision)'],
  ['p', 'play one phase'],
  ['e', 'play to the end'],
  ['enter', 'after “pass the keyboard”: show the deciding role its briefing and menu'],
  ['1-9', 'choose an option: a move, an offer, a counter-offer'],
  ['y  n', 'accept or reject the offer on the table'],
  ['b', 'the deciding role’s whole confidential briefing'],
  ['↑ ↓  pgup pgdn', 'scroll the log or the menu'],
  ['i', 'instructor: fire an inject (at the start of the next quarter)'],
  ['h', 'instructor: show or hide the AI’s estimates beside each option'],
  ['?', 'show or hide these keys'],
  ['q', 'quit (the game is saved; --resume plays on)'],
];
