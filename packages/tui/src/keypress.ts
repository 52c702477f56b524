/** A key as the reducers see it (ink's useInput, reduced to what they use). */
export interface KeyPress {
  readonly input: string;
  readonly escape?: boolean;
  readonly return?: boolean;
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
}

/** Rows a page key scrolls. */
export const PAGE = 5;

/**
 * A scroll key's change to a panel's scroll: ↑↓ (k j) a row, pgup pgdn a page; up goes back in a log
 * (anchored at its end, dir 'bottom') and towards the top of a menu (dir 'top'). Null for other keys.
 */
export function scrolled(key: KeyPress, scroll: number, from: 'top' | 'bottom', arrows = true): number | null {
  const up = key.pageUp ? PAGE : arrows && (key.upArrow || key.input === 'k') ? 1 : 0;
  const down = key.pageDown ? PAGE : arrows && (key.downArrow || key.input === 'j') ? 1 : 0;
  if (up === 0 && down === 0) return null;
  const delta = from === 'bottom' ? up - down : down - up;
  return Math.max(0, Math.min(10_000, scroll + delta));
}
