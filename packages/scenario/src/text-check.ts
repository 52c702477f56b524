import { hasControl } from './issues.js';
import { isPlainObject } from './merge.js';
import { MESSAGES } from './messages.js';
import type { Key } from './overrides.js';

/**
 * Every string (and key) of a file's data that holds a control character other than a line break
 * or a tab: text in scenarios and exercises is shown in terminals, the TUI and reports, where an
 * escape sequence could retitle a window, clear the screen or hide a line. A `__proto__` key is
 * refused too.
 */
export function checkText(raw: unknown): { path: Key[]; message: string }[] {
  const out: { path: Key[]; message: string }[] = [];
  const visit = (node: unknown, path: Key[]): void => {
    if (typeof node === 'string') {
      if (hasControl(node)) out.push({ path, message: MESSAGES.controlCharacter });
    } else if (Array.isArray(node)) {
      node.forEach((v, k) => {
        visit(v, [...path, k]);
      });
    } else if (isPlainObject(node)) {
      for (const [k, v] of Object.entries(node)) {
        if (hasControl(k)) out.push({ path: [...path, k], message: MESSAGES.controlCharacterInKey });
        // Data libraries drop or misread a "__proto__" key (zod's records skip it): refuse it rather than lose it.
        else if (k === '__proto__') out.push({ path: [...path, k], message: MESSAGES.reservedKey });
        else visit(v, [...path, k]);
      }
    }
  };
  visit(raw, []);
  return out;
}
