import { readTranscriptText, replay, transcriptJson } from '@parley/teaching';
import { describe, expect, it } from 'vitest';
import { ClassGame as Game } from '../src/game.js';
import { ClassError, type ClassGame, consoleView, readClassRecord, teamView } from '../src/index.js';
import { nagato, newGame, someDecision, TWO_ASSURED } from './helpers.js';

/** Play on: every team takes its k-th option (k counting decisions), until the game ends or `limit` decisions. */
function playOn(g: ClassGame, limit = 1000, now = 0): number {
  let n = 0;
  while (g.record.status === 'running' && n < limit) {
    const role = g.teams.find((r) => g.pending(r));
    if (!role) break;
    const p = teamView(g, role, now).pending!;
    g.decide(role, p.key, someDecision(p, n), now);
    n++;
  }
  return n;
}

const replays = (g: ClassGame): void => {
  const t = g.transcript();
  const back = readTranscriptText(transcriptJson(t), 'class.json');
  const again = replay(g.ex, back);
  expect(JSON.stringify(again.log)).toBe(JSON.stringify(g.session.log));
};

describe('a class game', () => {
  it('plays to its end with two teams and the AI in the other seats, and its transcript replays exactly', () => {
    const g = newGame();
    g.start(['japan', 'russia'], 0);
    expect(g.record.players).toEqual(['japan', 'russia']);
    const n = playOn(g);
    expect(g.record.status).toBe('ended');
    expect(g.session.done).toBe(true);
    // A rejection with a counter-offer is two decisions in the record.
    expect(g.record.decisions.length).toBeGreaterThanOrEqual(n);
    expect(n).toBeGreaterThan(4);
    replays(g);
    const t = g.transcript();
    expect(t.ended).toBeUndefined();
    expect(t.decisions.filter((d) => d.by === 'player').length).toBe(g.record.decisions.length);
  });

  it('seats all four countries when four teams have joined', () => {
    const g = newGame();
    g.start(['china', 'us', 'russia', 'japan'], 0);
    expect(g.record.players).toEqual(['japan', 'russia', 'us', 'china']);
    playOn(g);
    const kinds = new Set(g.record.decisions.map((d) => d.role));
    // The outside powers decide too: their moves are theirs to make.
    expect(kinds.has('us')).toBe(true);
    expect(kinds.has('china')).toBe(true);
    replays(g);
  });

  it('seats a team that joined late from the next turn: the AI played its country until then, and the game replays exactly', () => {
    const g = newGame();
    g.start(['japan'], 0);
    // Play the first turn, then Russia's team arrives.
    while (g.record.status === 'running' && g.turn === 1) playOn(g, 1);
    const turn = g.turn;
    expect(g.seat('russia')).toEqual({ turn: turn + 1 });
    expect(() => g.seat('russia')).toThrow('a team already plays russia');
    expect(() => g.seat('japan')).toThrow('a team already plays japan');
    expect(g.pending('russia')).toBeNull();
    const before = g.session.log.length;
    playOn(g);
    // Russia's team decided from its turn on, and only then.
    const russia = g.record.decisions.filter((d) => d.role === 'russia');
    expect(russia.length).toBeGreaterThan(0);
    expect(Math.min(...russia.map((d) => d.turn))).toBeGreaterThanOrEqual(turn + 1);
    expect(g.session.log.length).toBeGreaterThan(before);
    replays(g);
    const t = g.transcript();
    expect(t.players).toEqual(['japan', 'russia']);
    // Before its turn the AI decided for Russia; after, the team.
    // (a move with one option, holding still, is no decision: the AI's record of it is kept)
    expect(t.decisions.filter((d) => d.role === 'russia' && d.by === 'ai' && d.options.length > 1).every((d) => d.turn < turn + 1)).toBe(
      true,
    );
    expect(t.decisions.some((d) => d.role === 'russia' && d.by === 'ai' && d.turn < turn + 1)).toBe(true);
    expect(t.decisions.filter((d) => d.role === 'russia' && d.by === 'player').length).toBe(russia.length);
    // And after a restart.
    const back = Game.resume(nagato(), readClassRecord(JSON.stringify(g.record), 'c.class.json'));
    expect(JSON.stringify(back.session.log)).toBe(JSON.stringify(g.session.log));
  });

  it('tables a package a team composed, which joins the game without changing what went before', () => {
    const g = newGame();
    g.start(['japan', 'russia'], 0);
    const p = g.pending('japan');
    expect(p?.point.kind).toBe('offer');
    const before = JSON.stringify(g.session.log);
    const check = g.check('japan', TWO_ASSURED);
    expect(check).toMatchObject({ ok: true, warning: null });
    if (!check.ok) throw new Error('unreachable');
    expect(check.label).toMatch(/^\(players' package\) transfer of .*Habomai.*Shikotan.*; a peace treaty; talks to go on about .*Kunashir/);
    expect(check.terms.length).toBe(5);
    g.decide('japan', p!.key, { kind: 'offer', package: TWO_ASSURED }, 0);
    expect(g.record.packages).toEqual([TWO_ASSURED]);
    const log = g.session.log;
    expect(JSON.stringify(log.slice(0, JSON.parse(before).length))).toBe(before);
    const offer = log.find((e) => e.type === 'offer' && e.offer !== null && e.offer >= nagato().scenario.model.offers.length);
    expect(offer).toBeDefined();
    playOn(g);
    replays(g);
  });

  it('takes a counter-offer the answering team composed itself', () => {
    const g = newGame();
    g.start(['japan', 'russia'], 0);
    // Japan tables the 1956 formula; Russia rejects it and counters with joint activities and an energy deal.
    const offer = g.pending('japan')!;
    const formula = g.model.offers.findIndex((o) => o.id === 'two-islands-1956');
    const k = offer.point.kind === 'offer' ? offer.point.options.findIndex((o) => o.offer === formula) : -1;
    g.decide('japan', offer.key, k >= 0 ? { kind: 'offer', choice: k } : { kind: 'offer', package: TWO_ASSURED }, 0);
    const answer = g.pending('russia')!;
    expect(answer.point.kind).toBe('response');
    const counter = { territories: {}, treaty: false, noForeignBases: false, extras: ['joint-activities-0.2', 'energy-lng-0.03'] };
    expect(g.check('russia', counter)).toMatchObject({ ok: true });
    expect(g.decide('russia', answer.key, { kind: 'response', response: 'reject', counter: { package: counter } }, 0)).toBe(2);
    expect(g.record.decisions.map((d) => d.text)).toEqual([
      expect.stringMatching(/^(offers: the 1956 formula|tables its own package: )/),
      'rejects the offer',
      expect.stringMatching(/^counters with its own package: \(players' package\) joint economic activities/),
    ]);
    expect(consoleView(g, 0, {}).decisions[1]!.text).toBe('Russia rejects the offer');
    const countered = g.session.log.find((e) => e.type === 'offer' && e.counter);
    expect(countered).toMatchObject({ by: g.actorOf('russia'), offer: g.model.offers.length - 1 });
    playOn(g);
    replays(g);
  });

  it('refuses a package the team’s own leader could not sell at home, with the reason', () => {
    const g = newGame();
    g.start(['japan'], 0);
    const renounce = { territories: {}, treaty: true, noForeignBases: false, extras: [] };
    const c = g.check('japan', renounce);
    expect(c.ok).toBe(false);
    if (c.ok) throw new Error('unreachable');
    expect(c.reason).toMatch(/^Japan's leader could not sell it at home: it gives up 1 of the disputed area/);
    expect(() => g.decide('japan', g.pending('japan')!.key, { kind: 'offer', package: renounce }, 0)).toThrow(ClassError);
    expect(g.record.packages).toEqual([]);
    // A package the other side could not ratify may be tabled, with a warning: it will be vetoed.
    const all = {
      territories: { habomai: 'transfer', shikotan: 'transfer', kunashir: 'transfer', iturup: 'transfer' },
      treaty: true,
      noForeignBases: false,
      extras: [],
    } as const;
    const w = g.check('japan', all);
    expect(w.ok && w.warning).toMatch(/^Russia's leader could not sell it at home.*: it would be vetoed$/);
    expect(g.check('japan', { ...all, extras: ['no-such-term'] })).toEqual({
      ok: false,
      reason: 'there is no side term "no-such-term" in this scenario',
    });
    expect(g.check('japan', { territories: {}, treaty: false, noForeignBases: false, extras: [] })).toEqual({
      ok: false,
      reason: 'the package is empty: choose at least one term',
    });
  });

  it('refuses a stale or wrong decision, and any decision while paused, and changes nothing', () => {
    const g = newGame();
    g.start(['japan', 'russia'], 0);
    const p = g.pending('japan')!;
    const record = JSON.stringify(g.record);
    expect(() => g.decide('japan', 'old:offer', { kind: 'offer', choice: 0 }, 0)).toThrow(/already been taken/);
    expect(() => g.decide('japan', p.key, { kind: 'move', choice: 0 }, 0)).toThrow(/this decision is an offer/);
    expect(() => g.decide('japan', p.key, { kind: 'offer', choice: 99 }, 0)).toThrow(/there is no option 100/);
    expect(() => g.decide('russia', p.key, { kind: 'offer', choice: 0 }, 0)).toThrow(/already been taken/);
    g.pause(0);
    expect(() => g.decide('japan', p.key, { kind: 'offer', choice: 0 }, 0)).toThrow(/paused/);
    g.resume(0);
    expect(JSON.stringify(g.record)).toBe(record.replace('"status": "running"', '"status": "running"'));
  });

  it('lets the clock decide for a team that has not: it holds still, puts no terms, says no', () => {
    const g = newGame();
    g.start(['japan', 'russia'], 1_000);
    g.setClock(60, 1_000);
    expect(g.deadline).toBe(61_000);
    g.expire(60_999);
    expect(g.record.decisions).toEqual([]);
    g.expire(61_000);
    expect(g.record.decisions[0]).toMatchObject({ role: 'japan', kind: 'offer', answer: { choice: 0 }, by: 'clock' });
    // The next round has its own minute.
    expect(g.deadline).toBe(121_000);
    // Pausing keeps the time left.
    g.pause(100_000);
    g.resume(500_000);
    expect(g.deadline).toBe(521_000);
    replays(g);
  });

  it('ends early and still has a transcript that replays, and a debrief', async () => {
    const g = newGame();
    g.start(['japan', 'russia'], 0);
    playOn(g, 3);
    g.end();
    const t = g.transcript();
    expect(t.ended?.turn).toBe(g.turn);
    expect(t.outcome).toBe('unfinished');
    replays(g);
    const { classDebrief } = await import('../src/debrief.js');
    const html = await classDebrief(g, 20);
    expect(html).toContain('<svg');
    expect(html).toContain(`ended at turn ${g.turn}`);
  });

  it('resumes after a server restart from its saved record: the same game, seats and codes', () => {
    const g = newGame();
    g.start(['japan', 'russia'], 0);
    g.message('japan', 'russia', 'Shall we talk about Habomai?');
    g.fire('us-pressure-call');
    playOn(g, 3);
    g.setClock(90, 0);
    const saved = JSON.stringify(g.record);
    const back = Game.resume(nagato(), readClassRecord(saved, 'c.class.json'), 5_000);
    // The round in progress gets the whole clock again.
    expect(back.deadline).toBe(95_000);
    expect(JSON.stringify(back.record)).toBe(saved);
    expect(JSON.stringify(back.session.log)).toBe(JSON.stringify(g.session.log));
    const view = (x: ClassGame) => JSON.stringify({ ...teamView(x, 'japan', 0), deadline: null });
    expect(view(back)).toBe(view(g));
    playOn(back);
    replays(back);
  });

  it('refuses a record of another exercise, or one edited so it no longer plays', () => {
    const g = newGame();
    g.start(['japan'], 0);
    playOn(g, 2);
    const other = { ...JSON.parse(JSON.stringify(g.record)), exercise: 'other' };
    expect(() => Game.resume(nagato(), other)).toThrow(/a class of "other"/);
    const edited = { ...JSON.parse(JSON.stringify(g.record)), steps: 10_000 };
    expect(() => Game.resume(nagato(), edited)).toThrow(ClassError);
    expect(() => readClassRecord('{"schema":"parley.class/1"}', 'c.class.json')).toThrow(/not a saved class/);
    const twice = JSON.parse(JSON.stringify(g.record));
    twice.seats[1].code = twice.seats[0].code;
    expect(() => Game.resume(nagato(), twice)).toThrow('two of its seats have the same role or code');
  });

  it('plays more quarters when the instructor extends it', () => {
    const g = newGame();
    g.start(['japan'], 0);
    playOn(g);
    expect(g.record.status).toBe('ended');
    if (g.session.ctx.world.treaty) return;
    const turns = g.record.turns;
    g.extend(2, 0);
    expect(g.record.turns).toBe(turns + 2);
    expect(g.record.status).toBe('running');
    playOn(g);
    expect(g.session.t).toBeGreaterThanOrEqual(turns);
    replays(g);
  });
});

describe('what each page is sent', () => {
  it('gives a team its own confidential briefing and messages, never another team’s', () => {
    const g = newGame();
    g.start(['japan', 'russia', 'us'], 0);
    g.message('russia', 'us', 'PRIVATE-R-TO-US');
    g.message('japan', 'all', 'PUBLIC-FROM-JAPAN');
    g.message('instructor', 'russia', 'PRIVATE-I-TO-R');
    const japan = JSON.stringify(teamView(g, 'japan', 0));
    const ex = nagato().data.roles;
    for (const other of ['russia', 'us', 'china']) for (const c of ex[other]!.confidential) expect(japan).not.toContain(c.text);
    for (const c of ex.japan!.confidential) expect(japan).toContain(c.text);
    expect(japan).not.toContain('PRIVATE-R-TO-US');
    expect(japan).not.toContain('PRIVATE-I-TO-R');
    expect(japan).toContain('PUBLIC-FROM-JAPAN');
    expect(JSON.stringify(teamView(g, 'us', 0))).toContain('PRIVATE-R-TO-US');
    // The instructor sees all.
    const console = JSON.stringify(consoleView(g, 0, {}));
    for (const m of ['PRIVATE-R-TO-US', 'PRIVATE-I-TO-R', 'PUBLIC-FROM-JAPAN']) expect(console).toContain(m);
  });

  it('hides the AI’s estimates unless the instructor turns hints on for the team', () => {
    const g = newGame();
    g.start(['japan'], 0);
    expect(JSON.stringify(teamView(g, 'japan', 0).pending)).not.toContain('hint');
    g.setHints('japan', true);
    expect(teamView(g, 'japan', 0).pending?.options.some((o) => o.hint?.startsWith('the AI expects acceptance'))).toBe(true);
  });

  it('shows every team the answers to offers without the answering side’s private numbers', () => {
    const g = newGame();
    g.start(['japan'], 0);
    playOn(g);
    const responses = g.session.log.filter((e) => e.type === 'response');
    expect(responses.length).toBeGreaterThan(0);
    const history = teamView(g, 'japan', 0).history.join('\n');
    expect(history).not.toMatch(/walk-away|P\(accept\)/);
    expect(consoleView(g, 0, {}).history.join('\n')).toMatch(/walk-away/);
  });
});
