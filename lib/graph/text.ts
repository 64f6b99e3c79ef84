/**
 * Label text that fits its node: each line shortened with an ellipsis to a
 * width, never broken inside a word. Widths are estimated from typical glyph
 * widths of a sans-serif face, so no canvas is needed to measure.
 */

const NARROW = new Set([..."iljtfrI!|.,:;'()[]{} "]);
const WIDE = new Set([...'mwMW@%']);

/** Width of one character, in ems. */
function charWidth(ch: string, mono: boolean): number {
  if (mono) return 0.62;
  if (NARROW.has(ch)) return 0.32;
  if (WIDE.has(ch)) return 0.88;
  if (ch >= 'A' && ch <= 'Z') return 0.68;
  if (ch >= '0' && ch <= '9') return 0.58;
  if (ch === '-' || ch === '_') return 0.42;
  return 0.57;
}

export function textWidth(text: string, fontSize: number, mono = false): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch, mono);
  // Bold faces run a little wider.
  return width * fontSize * 1.06;
}

/** Width of a text in pixels at the label's font: the page measures it; tests and the server estimate it. */
export type Measure = (text: string) => number;

const estimate =
  (fontSize: number, mono: boolean): Measure =>
  (text) =>
    textWidth(text, fontSize, mono);

/** The line as is when it fits, else the longest start of it that fits followed by "…". */
export function fitLine(line: string, maxWidth: number, fontSize: number, mono = false, measure: Measure = estimate(fontSize, mono)): string {
  if (measure(line) <= maxWidth) return line;
  const chars = [...line];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${chars.slice(0, mid).join('').trimEnd()}…`) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}

/**
 * A name as is when it fits, else its start and its end around "…": names of
 * one project differ at the end ("shop-web-1", "shop-web-2"), so the end stays.
 */
export function fitName(name: string, maxWidth: number, fontSize: number, measure: Measure = estimate(fontSize, false)): string {
  if (measure(name) <= maxWidth) return name;
  const chars = [...name];
  const cut = (keep: number) => {
    const tail = Math.min(Math.floor(keep / 2), 6);
    return `${chars.slice(0, keep - tail).join('')}…${chars.slice(chars.length - tail).join('')}`;
  };
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(cut(mid)) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}

/** Every line of a label fitted to the width; at most `maxLines` lines. */
export function fitLabel(label: string, maxWidth: number, fontSize: number, maxLines = 3, mono = false, measure?: Measure): string {
  return label
    .split('\n')
    .slice(0, maxLines)
    .map((line) => fitLine(line, maxWidth, fontSize, mono, measure))
    .join('\n');
}
