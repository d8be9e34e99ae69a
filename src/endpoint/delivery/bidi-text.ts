import { createRequire } from 'node:module';
import type { Bidi, EmbeddingLevels } from 'bidi-js';
import { fontFor, scriptOf, type FontName, type Script, type Weight } from './fonts.js';

// bidi-js is CommonJS whose one export is a factory; its typings describe an ES default export.
const bidi = (createRequire(import.meta.url)('bidi-js') as () => Bidi)();

/**
 * A piece of a line in one font and one direction. `text` is in logical order: the font's shaping
 * (fontkit) joins Arabic letters and lays a right-to-left run out from right to left by itself.
 */
export interface Run {
  text: string;
  font: FontName;
  rtl: boolean;
  width: number;
}

/** One line as it is drawn: its runs from left to right. */
export interface Line {
  runs: Run[];
  width: number;
  /** The paragraph reads from right to left: its lines align to the right. */
  rtl: boolean;
}

/** The width of `text` in `font` at the size being laid out, shaped as it will be drawn. */
export type Measure = (text: string, font: FontName, rtl: boolean) => number;

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** The script of each UTF-16 unit; spaces, digits and punctuation take the script of their neighbours. */
function scripts(text: string, start: number, end: number): Script[] {
  const own: (Script | null)[] = [];
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    // The second half of a surrogate pair goes with the first.
    own.push(code >= 0xdc00 && code <= 0xdfff && i > start ? own[own.length - 1]! : scriptOf(text[i]!));
  }
  const resolved: Script[] = [];
  let previous: Script | null = null;
  for (let i = 0; i < own.length; i++) {
    const next: Script = own[i] ?? previous ?? own.slice(i + 1).find((s) => s !== null) ?? 'latin';
    resolved.push(next);
    previous = next;
  }
  return resolved;
}

/** The runs of `text[start, end)`, a line of a paragraph whose levels are `levels`, left to right. */
function visualRuns(
  text: string,
  levels: EmbeddingLevels,
  start: number,
  end: number,
  weight: Weight,
  measure: Measure,
): Run[] {
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) return [];
  const order = bidi.getReorderedIndices(text, levels, start, end - 1).slice(start, end);
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels, start, end - 1);
  const script = scripts(text, start, end);

  const runs: Run[] = [];
  let group: number[] = [];
  const close = () => {
    if (group.length === 0) return;
    const rtl = (levels.levels[group[0]!]! & 1) === 1;
    const logical = rtl ? [...group].reverse() : group;
    let runText = logical.map((i) => mirrored.get(i) ?? text[i]!).join('');
    // Shaping reverses only runs with right-to-left letters; neutrals alone are reversed here.
    if (rtl && !RTL_LETTER.test(runText)) runText = [...runText].reverse().join('');
    const font = fontFor(script[group[0]! - start]!, weight);
    runs.push({ text: runText, font, rtl, width: measure(runText, font, rtl) });
    group = [];
  };
  for (const index of order) {
    const last = group.at(-1);
    if (last !== undefined) {
      const rtl = (levels.levels[last]! & 1) === 1;
      const same =
        levels.levels[index] === levels.levels[last] &&
        script[index - start] === script[last - start] &&
        index === last + (rtl ? -1 : 1);
      if (!same) close();
    }
    group.push(index);
  }
  close();
  return runs;
}

const widthOf = (runs: Run[]) => runs.reduce((sum, run) => sum + run.width, 0);

export interface LayoutOptions {
  weight?: Weight;
  /** The widest a line may be; longer text wraps at spaces (or anywhere, for a word wider than this). */
  width: number;
  measure: Measure;
  /** The base direction; by default each paragraph's first strong letter decides. */
  direction?: 'ltr' | 'rtl' | undefined;
}

/**
 * Lays text out in lines: paragraphs at line breaks, each with its direction from its first strong
 * letter (Unicode bidi algorithm, UAX #9), wrapped in logical order and then reordered line by line.
 */
export function layoutText(text: string, options: LayoutOptions): Line[] {
  const weight = options.weight ?? 'regular';
  const lines: Line[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const levels = bidi.getEmbeddingLevels(paragraph, options.direction);
    const rtl = (levels.paragraphs[0]?.level ?? 0) % 2 === 1;
    const line = (start: number, end: number): Line => {
      const runs = visualRuns(paragraph, levels, start, end, weight, options.measure);
      return { runs, width: widthOf(runs), rtl };
    };
    if (paragraph.trim() === '') {
      lines.push({ runs: [], width: 0, rtl });
      continue;
    }
    let lineStart = 0;
    let lastFit = 0;
    for (const match of paragraph.matchAll(/\S+\s*/g)) {
      const wordEnd = match.index + match[0].length;
      if (line(lineStart, wordEnd).width <= options.width) {
        lastFit = wordEnd;
        continue;
      }
      if (lastFit > lineStart) {
        lines.push(line(lineStart, lastFit));
        lineStart = lastFit;
      }
      // A word wider than the line is cut where it stops fitting.
      while (line(lineStart, wordEnd).width > options.width) {
        let cut = lineStart + 1;
        while (cut < wordEnd && line(lineStart, cut + 1).width <= options.width) cut++;
        lines.push(line(lineStart, cut));
        lineStart = cut;
      }
      lastFit = wordEnd;
    }
    if (lastFit > lineStart) lines.push(line(lineStart, lastFit));
  }
  return lines;
}

/**
 * One line of `text` no wider than `width`: cut with an ellipsis when it is longer. For table cells,
 * where a name stays on its row.
 */
export function singleLine(text: string, options: LayoutOptions): Line {
  const flat = text.replace(/\s+/g, ' ').trim();
  const whole = layoutText(flat, { ...options, width: Number.POSITIVE_INFINITY })[0];
  if (!whole || whole.width <= options.width) return whole ?? { runs: [], width: 0, rtl: false };
  const chars = [...flat];
  let keep = chars.length - 1;
  for (; keep > 0; keep--) {
    const cut = layoutText(`${chars.slice(0, keep).join('').trimEnd()}…`, {
      ...options,
      width: Number.POSITIVE_INFINITY,
    })[0]!;
    if (cut.width <= options.width) return cut;
  }
  return { runs: [], width: 0, rtl: whole.rtl };
}
