import { useInput } from 'ink';
import { useCallback, useRef } from 'react';
import type { KeyPress } from './keypress.js';

/**
 * Keys, for components rendered only where the terminal can deliver them (ink's useInput
 * throws without raw mode). One stable handler for the component's life reads the latest
 * onKey through a ref, so input is never re-subscribed mid-stream.
 */
export function Keys({ onKey }: { onKey: (input: string, key: Omit<KeyPress, 'input'>) => void }) {
  const latest = useRef(onKey);
  latest.current = onKey;
  const handler = useCallback((input: string, key: Omit<KeyPress, 'input'>) => latest.current(input, key), []);
  useInput(handler);
  return null;
}
