import { compileProtocol } from './compile.js';
import { protocolMachine } from './machine.js';

/** The protocol statechart as a Mermaid state diagram, generated from the machine itself. */
export function protocolDiagram(): string {
  const p = compileProtocol(protocolMachine.config as never);
  const lines = ['stateDiagram-v2', `  [*] --> ${p.initial}`];
  for (const [name, st] of Object.entries(p.states)) {
    for (const t of st.step) lines.push(`  ${name} --> ${t.target}: STEP${t.guard ? ` [${t.guard}]` : ''}`);
    for (const t of st.always) lines.push(`  ${name} --> ${t.target}: always${t.guard ? ` [${t.guard}]` : ''}`);
    if (st.final) lines.push(`  ${name} --> [*]`);
  }
  return lines.join('\n');
}
