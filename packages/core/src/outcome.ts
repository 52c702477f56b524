import type { Model, OutcomeClass } from './model.js';
import type { WorldState } from './state.js';

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
  const all = s.territories.length;
  const cooperative = s.jointActivity >= m.params.cooperativeThreshold;
  if (s.treaty) {
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
  if (!s.talksActive) return 'suspended';
  return cooperative ? 'cooperative' : 'frozen';
}
