/** A key as the reducers see it (ink's useInput, reduced to what they use). */
export interface KeyPress {
  readonly input: string;
  readonly escape?: boolean;
  readonly return?: boolean;
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
}
