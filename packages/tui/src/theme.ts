/** Colours, or none at all when NO_COLOR is set (https://no-color.org). */
export const colour = (c: string): string | undefined => (process.env.NO_COLOR ? undefined : c);
