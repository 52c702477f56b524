import type { LoadedExercise } from '@parley/scenario';
import { Box, Text, useApp, useStdin, useStdout } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import { type ExerciseUi, reduceExercise, type SavedGame, startExercise } from './exercise-state.js';
import type { KeyPress } from './keypress.js';
import { Keys } from './keys.js';
import { RunView } from './RunView.js';
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
  const { stdout } = useStdout();
  const width = stdout.columns || 80;
  const height = stdout.rows || 24;
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
    input === 'q' && !s.awaiting && !s.injectMenu ? exit() : dispatch({ input, ...key });
  const m = ex.scenario.model;
  const point = s.awaiting?.queue[0];
  const role = point ? s.players.find((p) => p.actor === point.actor)!.role : null;
  const manual = Object.entries(ex.data.injects).filter(([, i]) => i.turn === undefined);
  const brief = role ? ex.data.roles[role]!.confidential.map((c) => `• ${c.text}`) : [];
  // The briefing wraps (it matters more than the log); its box grows with it, up to 8 lines.
  const briefLines = brief.reduce((n, line) => n + Math.ceil(line.length / Math.max(20, width - 6)), 0);
  const briefHeight = s.awaiting?.stage === 'choose' || s.awaiting?.stage === 'counter' ? Math.min(briefLines, 8) + 3 : 0;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {isRawModeSupported ? <Keys onKey={onKey} /> : null}
      <Text wrap="truncate">
        <Text bold color={colour('cyan')}>
          {ex.data.title}
        </Text>
        <Text dimColor>
          {'  '}turn {Math.min(s.session.t + 1, ex.data.turns)}/{ex.data.turns} · players: {roles.join(', ')} · space quarter · i injects ·
          h hints · q quit
        </Text>
      </Text>
      {s.awaiting?.stage === 'handover' && role ? (
        <Box flexDirection="column" borderStyle="double" borderColor={colour('yellow')} paddingX={2} paddingY={1} marginTop={2}>
          <Text bold>Pass the keyboard to {m.actors[s.players.find((p) => p.role === role)!.actor]!.name}.</Text>
          <Text>Everyone else looks away: their confidential briefing comes next.</Text>
          <Text dimColor>Press enter when only they can see the screen.</Text>
        </Box>
      ) : s.injectMenu ? (
        <Box flexDirection="column" borderStyle="round" paddingX={1}>
          <Text bold>Instructor injects (they take effect at the start of the next quarter) — press a number, esc to close</Text>
          {manual.length === 0 ? <Text dimColor>This exercise has no injects to fire by hand.</Text> : null}
          {manual.map(([id, inj], k) => (
            <Text key={id} wrap="truncate">
              {k + 1} {inj.label}
              {s.injects.some((x) => x.id === id) ? <Text color={colour('green')}> (fired)</Text> : null}
            </Text>
          ))}
        </Box>
      ) : (
        <>
          {briefHeight > 0 && role ? (
            <Box flexDirection="column" borderStyle="round" borderColor={colour('yellow')} paddingX={1} height={briefHeight}>
              <Text bold color={colour('yellow')}>
                Confidential — {m.actors[s.players.find((p) => p.role === role)!.actor]!.name} only
              </Text>
              {brief.map((line) => (
                <Text key={line}>{line}</Text>
              ))}
            </Box>
          ) : null}
          <RunView
            session={s.session}
            title={ex.scenario.data.title}
            width={width}
            height={height - 1 - briefHeight}
            player={point?.actor ?? null}
            awaiting={point && s.awaiting && s.awaiting.stage !== 'handover' ? { point, stage: s.awaiting.stage } : null}
            hints={s.hints}
            status={point ? `${role} decides` : `playing: ${roles.join(', ')}`}
          />
        </>
      )}
    </Box>
  );
}
