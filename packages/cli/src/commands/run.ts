import { type Model, quarterLabel } from '@parley/core';
import { type InspectionEvent, logEventToJson, narrateEvent, narrateSummary, RunSession, worldToJson } from '@parley/engine';
import type { LoadedScenario } from '@parley/scenario';

export interface RunCommandOptions {
  readonly seed: number;
  readonly run: number;
  readonly json: boolean;
  /** Where the live run's actor events go, one JSON line each (--inspect). */
  readonly inspect?: (line: string) => void;
}

/** The name of an actor of the live run: the protocol, or a country by its id. */
function actorName(m: Model, id: string): string {
  const k = /^country-(\d+)$/.exec(id);
  return k ? (m.actors[Number(k[1])]?.id ?? id) : 'protocol';
}

/** An event between the live run's actors as one JSON line: who sent what to whom (a decision point's options left out). */
export function inspectionLine(m: Model, e: InspectionEvent): string | null {
  if (e.type !== '@xstate.event' || e.event.type.startsWith('xstate.')) return null;
  const ev = e.event as { type: string; ask?: { kind: string; actor: number }; answer?: unknown };
  const answer = ev.answer as Record<string, unknown> | null | undefined;
  const idOf = (ref: unknown): string => (ref as { id: string }).id;
  return JSON.stringify({
    // The protocol's phases ask the countries directly (DECIDE), so xstate records no sender for it.
    from: e.sourceRef ? actorName(m, idOf(e.sourceRef)) : ev.type === 'DECIDE' ? 'protocol' : 'outside',
    to: actorName(m, idOf(e.actorRef)),
    event: ev.type,
    ...(ev.ask ? { decision: ev.ask.kind, by: m.actors[ev.ask.actor]!.id } : {}),
    ...(answer === undefined
      ? {}
      : { answer: answer === null ? 'not chosen yet' : Object.keys(answer).every((k) => answer[k] === undefined) ? 'policy' : answer }),
  });
}

/** One run of a scenario, as a live actor system: a narrated transcript, or with --json the event log and final state. */
export function runCommand(sc: LoadedScenario, opts: RunCommandOptions): string {
  const m = sc.model;
  const print = opts.inspect;
  const session = new RunSession(m, sc.hash, opts.seed, opts.run, undefined, {
    ...(print
      ? {
          inspect: (e) => {
            const line = inspectionLine(m, e);
            if (line !== null) print(line);
          },
        }
      : {}),
  });
  session.toEnd();
  const log = session.log;
  const r = { outcome: session.ctx.outcome!, world: session.ctx.world };
  if (opts.json) {
    const doc = {
      scenario: { id: m.id, title: m.title, file: sc.file, hash: sc.hash },
      seed: opts.seed,
      run: opts.run,
      outcome: r.outcome,
      treaty: r.world.treaty ? quarterLabel(m, r.world.treaty.t) : null,
      log: log.map((e) => logEventToJson(m, e)),
      final: worldToJson(m, r.world),
    };
    return `${JSON.stringify(doc, null, 2)}\n`;
  }
  const lines = [
    m.title,
    `scenario ${sc.file}  (sha256 ${sc.hash.slice(0, 12)})  seed ${opts.seed}${opts.run ? `  run ${opts.run}` : ''}`,
    '',
    ...log.map((e) => narrateEvent(m, e)),
    '',
    narrateSummary(m, r.outcome, r.world),
  ];
  return `${lines.join('\n')}\n`;
}
