import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { panelRows, wrapLine } from '../src/panels.js';

describe('wrapLine', () => {
  it('wraps at word boundaries with a hanging indent, cutting nothing', () => {
    expect(wrapLine('2016Q2  OFFER     Japan offers Russia: the 1956 formula', 40, ' '.repeat(18))).toEqual([
      '2016Q2  OFFER     Japan offers Russia:',
      '                  the 1956 formula',
    ]);
    expect(wrapLine('  ▶ +0.0123 hold still', 80)).toEqual(['  ▶ +0.0123 hold still']);
  });

  it('keeps every word, in order, in rows no wider than the width (a word longer than a row is split)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zé…]{1,25}$/), { maxLength: 30 }), fc.integer({ min: 4, max: 120 }), (words, width) => {
        const rows = wrapLine(words.join(' '), width);
        for (const r of rows) expect(r.length).toBeLessThanOrEqual(width);
        expect(rows.join('').replace(/ +/g, '')).toBe(words.join(''));
        // A word that fits in a row is never split.
        for (const w of words.filter((x) => x.length <= width - 2)) expect(rows.some((r) => r.includes(w))).toBe(true);
      }),
    );
  });
});

describe('panelRows', () => {
  const lines = Array.from({ length: 20 }, (_, k) => ({ text: `line ${k + 1}` }));
  it('shows the end of the log and says what is above, scrolling back on request', () => {
    const { rows } = panelRows(lines, 40, 5, 0, 'bottom');
    expect(rows.map((r) => r.text)).toEqual(['line 17', 'line 18', 'line 19', 'line 20', '↑ 16 more above (pgup pgdn)']);
    const back = panelRows(lines, 40, 5, 3, 'bottom');
    expect(back.rows[0]!.text).toBe('line 14');
    expect(back.rows.at(-1)!.text).toBe('↑ 13 more above, ↓ 3 below (pgup pgdn)');
    expect(panelRows(lines, 40, 5, 999, 'bottom').scroll).toBe(16);
  });
  it('shows a menu from its top', () => {
    expect(panelRows(lines, 40, 5, 0, 'top').rows.map((r) => r.text)[0]).toBe('line 1');
    expect(panelRows(lines.slice(0, 3), 40, 5, 7, 'top').rows.length).toBe(3);
  });
});
