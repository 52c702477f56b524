/**
 * HTML built so that nothing interpolated can become markup: every value in an `html` template is
 * escaped (numbers and metadata too: a partial or a transcript may have been edited), except what
 * is marked `raw` (markup Parley itself made, such as an SVG chart or a fragment built with `html`).
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML content and in quoted attribute values. */
export const escapeHtml = (x: unknown): string => String(x).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Markup Parley made itself, placed as it is. */
export const raw = (markup: string): Html => new Html(markup);

const piece = (v: unknown): string => {
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(piece).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(v);
};

/** A template whose every value is escaped (arrays are joined, Html values placed as they are). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  for (let k = 0; k < values.length; k++) out += piece(values[k]) + strings[k + 1]!;
  return new Html(out);
}
