import type { Model, OutcomeClass } from './model.js';
import type { WorldState } from './state.js';

/** What the outcome classes are decided on: how the territories ended, and the rest of the end state. */
export interface EndTally {
  readonly territories: number;
  readonly transferred: number;
  readonly joint: number;
  /** Held and still claimed. */
  readonly stillClaimed: number;
  readonly treaty: boolean;
  readonly talksActive: boolean;
  readonly jointActivity: number;
}

/**
 * Classify the end state. With a treaty: by how much territory moved and what
 * arrangement covers the rest. Without: joint administration, else by whether
 * talks survive and joint activity has grown.
 */
export function classify(m: Model, s: WorldState): OutcomeClass {
  let transferred = 0;
  let joint = 0;
  let stillClaimed = 0;
  for (const st of s.territories) {
    if (st.kind === 'transferred') transferred++;
    else if (st.kind === 'joint') joint++;
    else if (st.contested) stillClaimed++;
  }
  const { talksActive, jointActivity } = s;
  return classifyTally(m, {
    territories: s.territories.length,
    transferred,
    joint,
    stillClaimed,
    treaty: s.treaty !== null,
    talksActive,
    jointActivity,
  });
}

export function classifyTally(m: Model, e: EndTally): OutcomeClass {
  const { transferred, joint, stillClaimed } = e;
  const all = e.territories;
  const cooperative = e.jointActivity >= m.params.cooperativeThreshold;
  if (e.treaty) {
    if (transferred === all) return 'treaty-full';
    if (transferred > 0) {
      if (joint > 0 || cooperative) return 'treaty-partial-joint';
      if (stillClaimed > 0) return 'treaty-partial-talks';
      return 'treaty-partial';
    }
    if (joint > 0) return 'treaty-joint';
    return 'treaty-status-quo';
  }
  if (joint > 0 || transferred > 0) return 'joint-administration';
  if (!e.talksActive) return 'suspended';
  return cooperative ? 'cooperative' : 'frozen';
}
