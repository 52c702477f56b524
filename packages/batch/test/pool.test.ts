import { describe, expect, it } from 'vitest';
import { withoutTsx } from '../src/pool.js';

describe('worker options', () => {
  it('drop tsx and the source condition, in every spelling, and keep the rest', () => {
    expect(withoutTsx(['--conditions=source', '--import', 'tsx', '--max-old-space-size=4096'])).toEqual(['--max-old-space-size=4096']);
    expect(withoutTsx(['--conditions', 'source', '--require', '/x/node_modules/tsx/dist/cjs/index.cjs', '--enable-source-maps'])).toEqual([
      '--enable-source-maps',
    ]);
    expect(withoutTsx(['--import=tsx', '-C', 'source', '--trace-warnings'])).toEqual(['--trace-warnings']);
  });
});
