import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTranscriptText } from '@parley/teaching';
import { describe, expect, it } from 'vitest';
import { classFiles, readClassRecord, saveClass, teamView } from '../src/index.js';
import { newGame, someDecision } from './helpers.js';

describe('a class on disk', () => {
  it('saves the record at every change, and the transcript whenever the game moved (not for a message)', () => {
    const f = classFiles(join(mkdtempSync(join(tmpdir(), 'parley-class-files-')), 'c.json'));
    const g = newGame();
    saveClass(g, f);
    expect(existsSync(f.record)).toBe(true);
    expect(existsSync(f.transcript)).toBe(false);
    g.start(['japan'], 0);
    saveClass(g, f);
    expect(readTranscriptText(readFileSync(f.transcript, 'utf8'), f.transcript).decisions).toEqual([]);
    rmSync(f.transcript);
    g.message('japan', 'all', 'hello');
    saveClass(g, f);
    expect(readClassRecord(readFileSync(f.record, 'utf8'), f.record).messages).toHaveLength(1);
    expect(existsSync(f.transcript)).toBe(false);
    const p = teamView(g, 'japan', 0).pending!;
    g.decide('japan', p.key, someDecision(p, 0), 0);
    saveClass(g, f);
    expect(readTranscriptText(readFileSync(f.transcript, 'utf8'), f.transcript).decisions.some((d) => d.by === 'player')).toBe(true);
  });
});
